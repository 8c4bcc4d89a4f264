import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { MemoPanelProps } from '../memo/MemoPanel';

let loading: Promise<ComponentType<MemoPanelProps>> | null = null;

/** The memo editor, loaded on first use (Automerge's wasm and CodeMirror are a separate chunk). */
function loadMemoPanel(): Promise<ComponentType<MemoPanelProps>> {
  if (!loading) {
    loading = import('../memo/MemoPanel').then((m) => m.MemoPanel);
    loading.catch(() => (loading = null));
  }
  return loading;
}

export function Memo(props: MemoPanelProps) {
  const [Panel, setPanel] = useState<ComponentType<MemoPanelProps> | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    loadMemoPanel().then(
      (c) => alive && setPanel(() => c),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);

  if (failed)
    return (
      <p class="error card" data-testid="memo-editor">
        {t('memo.loadFailed')}
      </p>
    );
  if (!Panel)
    return (
      <p class="muted card" data-testid="memo-editor">
        {t('memo.loading')}
      </p>
    );
  return <Panel {...props} />;
}
