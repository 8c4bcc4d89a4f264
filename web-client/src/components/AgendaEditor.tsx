import { useMemo, useState } from 'preact/hooks';
import { ApiError, api, errorMessage } from '../api';
import { t } from '../i18n';
import {
  EXPECTATIONS,
  isGuestView,
  MAX_AGENDA_ITEMS,
  MAX_NOTE_LENGTH,
  TOPICS,
  type AgendaItem,
  type Expectation,
  type Meeting,
  type Topic,
} from '../types';

interface Row {
  key: number;
  topic: Topic;
  expectation: Expectation | '';
  note: string;
}

let nextKey = 1;
const toRow = (item: AgendaItem): Row => ({
  key: nextKey++,
  topic: item.topic,
  expectation: item.expectation,
  note: item.note ?? '',
});

/** The member's agenda editor: topics, the response expected for each, an optional note. */
export function AgendaEditor({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const [rows, setRows] = useState<Row[]>(() => meeting.agenda.items.map(toRow));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedOnce, setSavedOnce] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const problems = useMemo(() => {
    const list: string[] = [];
    const topics = rows.map((r) => r.topic);
    if (new Set(topics).size !== topics.length) list.push(t('agenda.duplicate'));
    if (rows.some((r) => !r.expectation)) list.push(t('agenda.chooseExpectation'));
    return list;
  }, [rows]);

  function change(next: Row[]) {
    setRows(next);
    setDirty(true);
    setServerError(null);
  }

  function add() {
    if (rows.length >= MAX_AGENDA_ITEMS) return;
    const used = new Set(rows.map((r) => r.topic));
    const topic = TOPICS.find((tp) => !used.has(tp)) ?? 'OTHER';
    change([...rows, { key: nextKey++, topic, expectation: '', note: '' }]);
  }

  function patch(key: number, p: Partial<Row>) {
    change(rows.map((r) => (r.key === key ? { ...r, ...p } : r)));
  }

  async function save() {
    if (problems.length > 0) return;
    setSaving(true);
    setServerError(null);
    const items: AgendaItem[] = rows.map((r) => {
      const note = r.note.trim();
      return { topic: r.topic, expectation: r.expectation as Expectation, ...(note ? { note } : {}) };
    });
    try {
      const saved = await api.saveAgenda(meeting.id, items);
      setDirty(false);
      setSavedOnce(true);
      onSaved(saved);
    } catch (e) {
      setServerError(errorMessage(e, t('common.error'), t('common.networkError')));
      if (e instanceof ApiError && e.status === 409) {
        // The meeting started meanwhile: show the current state.
        api.meeting(meeting.id).then((m) => {
          if (!isGuestView(m)) onSaved(m);
        }, () => {});
      }
    } finally {
      setSaving(false);
    }
  }

  const state = saving ? t('agenda.saving') : dirty ? t('agenda.unsaved') : savedOnce ? t('agenda.saved') : '';

  return (
    <section class="card agenda-editor">
      <h2>{t('agenda.title')}</h2>
      <p class="muted">{t('agenda.intro')}</p>
      {rows.length === 0 && <p class="muted">{t('agenda.empty')}</p>}
      <ol class="agenda-rows">
        {rows.map((r, i) => (
          <li key={r.key} class="agenda-row" data-testid="agenda-item">
            <span class="agenda-num">{i + 1}</span>
            <label>
              <span class="label">{t('agenda.topic')}</span>
              <select
                value={r.topic}
                onChange={(e) => patch(r.key, { topic: e.currentTarget.value as Topic })}
                data-testid="agenda-topic"
              >
                {TOPICS.map((tp) => (
                  <option key={tp} value={tp}>
                    {t(`topic.${tp}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span class="label">{t('agenda.expectation')}</span>
              <select
                value={r.expectation}
                onChange={(e) => patch(r.key, { expectation: e.currentTarget.value as Expectation })}
                data-testid="agenda-expectation"
                class={r.expectation ? '' : 'unset'}
              >
                <option value="" disabled>
                  {t('agenda.choose')}
                </option>
                {EXPECTATIONS.map((ex) => (
                  <option key={ex} value={ex}>
                    {t(`expectation.${ex}`)}
                  </option>
                ))}
              </select>
            </label>
            <label class="agenda-note">
              <span class="label">{t('agenda.note')}</span>
              <input
                type="text"
                maxLength={MAX_NOTE_LENGTH}
                placeholder={t('agenda.notePlaceholder')}
                value={r.note}
                onInput={(e) => patch(r.key, { note: e.currentTarget.value })}
                data-testid="agenda-note"
              />
            </label>
            <button
              type="button"
              class="ghost remove"
              onClick={() => change(rows.filter((x) => x.key !== r.key))}
              data-testid="agenda-remove"
            >
              {t('agenda.remove')}
            </button>
          </li>
        ))}
      </ol>
      {problems.map((p) => (
        <p key={p} class="error">
          {p}
        </p>
      ))}
      {serverError && (
        <p class="error" role="alert" data-testid="agenda-error">
          {serverError}
        </p>
      )}
      <div class="row">
        <button type="button" onClick={add} disabled={rows.length >= MAX_AGENDA_ITEMS} data-testid="agenda-add">
          {t('agenda.add')}
        </button>
        {rows.length >= MAX_AGENDA_ITEMS && <span class="muted">{t('agenda.full', { count: MAX_AGENDA_ITEMS })}</span>}
        <div class="spacer" />
        <span class={dirty ? 'muted' : 'ok'} data-testid="agenda-state" data-saved={!dirty && savedOnce ? 'true' : 'false'}>
          {state}
        </span>
        <button
          type="button"
          class="primary"
          onClick={save}
          disabled={saving || !dirty || problems.length > 0}
          data-testid="agenda-save"
        >
          {t('agenda.save')}
        </button>
      </div>
    </section>
  );
}
