import { useEffect, useState } from 'preact/hooks';
import { api, currentUser, errorMessage } from '../api';
import { decimal, groupLabel, localised, percent } from '../analytics/format';
import { t } from '../i18n';
import { MAX_PULSE_OPTIONS, MAX_PULSE_QUESTIONS, type PulseAggregate, type PulseQuestion, type User } from '../types';

/** A question as edited: options one per line, `English | Japanese`. */
interface Draft {
  id?: string;
  kind: 'TEXT' | 'CHOICE';
  en: string;
  ja: string;
  options: string;
}

function toDraft(q: PulseQuestion): Draft {
  return {
    id: q.id,
    kind: q.kind,
    en: q.text.en ?? '',
    ja: q.text.ja ?? '',
    options: q.options.map((o) => [o.en ?? '', o.ja ?? ''].filter((s) => s !== '').join(' | ')).join('\n'),
  };
}

function texts(en: string, ja: string) {
  const text: { en?: string; ja?: string } = {};
  if (en.trim()) text.en = en.trim();
  if (ja.trim()) text.ja = ja.trim();
  return text;
}

function fromDraft(d: Draft) {
  const options =
    d.kind === 'CHOICE'
      ? d.options
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => {
            const [en, ja = ''] = line.split('|');
            return texts(en, ja);
          })
      : [];
  return { ...(d.id ? { id: d.id } : {}), kind: d.kind, text: texts(d.en, d.ja), options };
}

function currentMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

/** Admins edit the custom pulse questions; admins and HR read the month's anonymous results. */
export function AdminPulsePage() {
  const [me, setMe] = useState<User | null>(null);
  useEffect(() => {
    currentUser().then(setMe, () => {});
  }, []);
  return (
    <>
      {me?.roles.includes('ADMIN') && <QuestionEditor />}
      <Results />
    </>
  );
}

function QuestionEditor() {
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.pulseQuestions().then(
      (r) => setDrafts(r.questions.map(toDraft)),
      (e) => setMessage({ ok: false, text: errorMessage(e, t('common.error'), t('common.networkError')) }),
    );
  }, []);

  function update(i: number, change: Partial<Draft>) {
    setDrafts((ds) => ds && ds.map((d, j) => (j === i ? { ...d, ...change } : d)));
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!drafts) return;
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.savePulseQuestions(drafts.map(fromDraft));
      setDrafts(saved.questions.map(toDraft));
      setMessage({ ok: true, text: t('pulseAdmin.saved') });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err, t('common.error'), t('common.networkError')) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card">
      <h1>{t('pulseAdmin.title')}</h1>
      <p class="muted">{t('pulseAdmin.explain', { max: MAX_PULSE_QUESTIONS })}</p>
      {!drafts && !message && <p class="muted">{t('common.loading')}</p>}
      {drafts && (
        <form class="pulse-form" onSubmit={save}>
          {drafts.length === 0 && <p class="muted">{t('pulseAdmin.empty')}</p>}
          {drafts.map((d, i) => (
            <fieldset key={d.id ?? `new-${i}`} class="pulse-question">
              <label>
                {t('pulseAdmin.kind')}
                <select value={d.kind} onChange={(e) => update(i, { kind: e.currentTarget.value as Draft['kind'] })}>
                  <option value="TEXT">{t('pulseAdmin.kindTEXT')}</option>
                  <option value="CHOICE">{t('pulseAdmin.kindCHOICE')}</option>
                </select>
              </label>
              <label>
                {t('pulseAdmin.textEn')}
                <input maxLength={300} value={d.en} onInput={(e) => update(i, { en: e.currentTarget.value })} />
              </label>
              <label>
                {t('pulseAdmin.textJa')}
                <input maxLength={300} value={d.ja} onInput={(e) => update(i, { ja: e.currentTarget.value })} />
              </label>
              {d.kind === 'CHOICE' && (
                <label>
                  {t('pulseAdmin.options')}
                  <textarea
                    rows={Math.min(MAX_PULSE_OPTIONS, Math.max(2, d.options.split('\n').length))}
                    value={d.options}
                    onInput={(e) => update(i, { options: e.currentTarget.value })}
                  />
                </label>
              )}
              <button type="button" class="ghost" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                {t('pulseAdmin.remove')}
              </button>
            </fieldset>
          ))}
          <div class="row">
            <button
              type="button"
              disabled={drafts.length >= MAX_PULSE_QUESTIONS}
              onClick={() => setDrafts([...drafts, { kind: 'TEXT', en: '', ja: '', options: '' }])}
            >
              {t('pulseAdmin.add')}
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {t('pulseAdmin.save')}
            </button>
          </div>
        </form>
      )}
      {message && <p class={message.ok ? 'ok' : 'error'}>{message.text}</p>}
    </section>
  );
}

function Results() {
  const [month, setMonth] = useState(currentMonth);
  const [report, setReport] = useState<PulseAggregate | null>(null);
  const [error, setError] = useState<string | null>(null);

  function load(e?: Event) {
    e?.preventDefault();
    api.pulseAggregate(month).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (err) => setError(errorMessage(err, t('common.error'), t('common.networkError'))),
    );
  }
  useEffect(load, []);

  return (
    <section class="card">
      <h2>{t('pulseAdmin.aggregateTitle')}</h2>
      <form class="row" onSubmit={load}>
        <label>
          {t('pulseAdmin.monthLabel')}
          <input type="month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('pulseAdmin.load')}</button>
      </form>
      {error && <p class="error">{error}</p>}
      {report && report.groups.length === 0 && <p class="muted">{t('pulseAdmin.noGroups', { min: report.minAnswerers })}</p>}
      {report && report.groups.length > 0 && (
        <div class="table-scroll">
          <table class="report" data-testid="pulse-aggregate">
            <thead>
              <tr>
                <th>{t('analytics.unit')}</th>
                <th>{t('pulseAdmin.responses')}</th>
                <th>{t('pulse.growthShort')}</th>
                <th>{t('pulse.conditionShort')}</th>
                <th>{t('pulse.stageShort')}</th>
                <th>{t('pulseAdmin.belowLine')}</th>
                {report.questions.map((q) => (
                  <th key={q.id}>{localised(q.text)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={`${g.level}:${g.unit}`}>
                  <td>{groupLabel(g.level, g.unit)}</td>
                  <td>{g.responses}</td>
                  <td>{decimal(g.growth)}</td>
                  <td>{decimal(g.condition)}</td>
                  <td>{decimal(g.stage)}</td>
                  <td>{percent(g.belowHonestTalkLine)}</td>
                  {report.questions.map((q, qi) => {
                    const answers = g.questions[qi];
                    return (
                      <td key={q.id}>
                        {q.kind === 'CHOICE'
                          ? q.options.map((o, oi) => `${localised(o)}: ${answers?.counts?.[oi] ?? 0}`).join(', ')
                          : (answers?.texts ?? []).map((text, ti) => <div key={ti}>{text}</div>)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report && <p class="muted">{t('pulseAdmin.hiddenNote', { min: report.minAnswerers })}</p>}
    </section>
  );
}
