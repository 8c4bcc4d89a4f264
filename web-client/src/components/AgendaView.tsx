import { t } from '../i18n';
import type { AgendaItem, Hint } from '../types';

/**
 * Read-only agenda where each topic shows the response the member expects, prominently; with
 * `hints`, each item also lists the hints for its topic x expectation (the manager's prep).
 */
export function AgendaView({
  items,
  testid = 'prep-item',
  hints,
  community,
}: {
  items: AgendaItem[];
  testid?: string;
  hints?: (index: number) => Hint[];
  /** Released community hints of the item's cell (other managers' and members' words). */
  community?: (index: number) => Hint[];
}) {
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
          {hints && hints(i).length > 0 && (
            <ul class="prep-hints" aria-label={t('prep.hints')}>
              {hints(i).map((h) => (
                <li key={h.key} data-testid="prep-hint" lang={h.language}>
                  {h.text}
                </li>
              ))}
            </ul>
          )}
          {community && community(i).length > 0 && (
            <div class="prep-community">
              <span class="muted small">{t('prep.community')}</span>
              <ul aria-label={t('prep.community')}>
                {community(i).map((h) => (
                  <li key={h.key} data-testid="prep-community-hint" lang={h.language}>
                    {h.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
