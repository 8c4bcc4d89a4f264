import { t } from '../i18n';
import type { AgendaItem } from '../types';

/** Read-only agenda where each topic shows the response the member expects, prominently. */
export function AgendaView({ items, testid = 'prep-item' }: { items: AgendaItem[]; testid?: string }) {
  return (
    <ol class="prep-list">
      {items.map((item, i) => (
        <li key={i} class="prep-item" data-testid={testid} data-topic={item.topic} data-expectation={item.expectation}>
          <div class="prep-topic">{t(`topic.${item.topic}`)}</div>
          <div class="prep-expect">
            <span class="muted small">{t('prep.expects')}</span>
            <span class={`badge expect expect-${item.expectation.toLowerCase()}`}>{t(`expectation.${item.expectation}`)}</span>
          </div>
          {item.note && <p class="prep-note">{item.note}</p>}
        </li>
      ))}
    </ol>
  );
}
