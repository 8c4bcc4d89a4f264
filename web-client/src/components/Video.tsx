import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/** A <video> bound to a MediaStream; offers a click-to-play button if autoplay is refused. */
export function Video({ stream, muted, label, testid, mirrored }: {
  stream: MediaStream | null;
  muted: boolean;
  label: string;
  testid: string;
  mirrored?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const [blocked, setBlocked] = useState(false);

  function play() {
    const v = ref.current;
    if (!v || !v.srcObject) return;
    v.play().then(
      () => setBlocked(false),
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'NotAllowedError') setBlocked(true);
      },
    );
  }

  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    if (v.srcObject !== stream) v.srcObject = stream;
    if (stream) play();
    else setBlocked(false);
  }, [stream]);

  return (
    <figure class={`video ${stream ? '' : 'empty'}`}>
      <video ref={ref} autoplay playsInline muted={muted} class={mirrored ? 'mirrored' : ''} data-testid={testid} />
      <figcaption>{label}</figcaption>
      {blocked && (
        <button type="button" class="primary play" onClick={play}>
          {t('room.startPlayback')}
        </button>
      )}
    </figure>
  );
}
