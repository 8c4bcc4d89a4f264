/** The local camera and microphone; falls back to audio only, then to receiving only. */
export async function getLocalMedia(): Promise<{ stream: MediaStream | null; complete: boolean }> {
  const md = navigator.mediaDevices;
  if (!md?.getUserMedia) return { stream: null, complete: false };
  try {
    return { stream: await md.getUserMedia({ audio: true, video: true }), complete: true };
  } catch (err) {
    console.warn('[kizuna] camera and microphone unavailable', err);
  }
  try {
    return { stream: await md.getUserMedia({ audio: true }), complete: false };
  } catch {
    return { stream: null, complete: false };
  }
}

export function stopMedia(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
