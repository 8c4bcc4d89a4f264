import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { localised } from '../analytics/format';
import { formatDate, t } from '../i18n';
import { PULSE_STAGES, type PulseEntry, type PulseQuestion } from '../types';

const SCALE = [1, 2, 3, 4, 5];

/** The member's monthly pulse: this month's form (once) and their own history. */
export function PulsePage() {
  const [status, setStatus] = useState<{ month: string; answered: boolean; history: PulseEntry[] } | null>(null);
  const [questions, setQuestions] = useState<PulseQuestion[]>([]);
  const [error, setError] = useState<string | null>(null);

  function load() {
    Promise.all([api.myPulse(), api.pulseQuestions()]).then(
      ([mine, asked]) => {
        setStatus(mine);
        setQuestions(asked.questions);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('common.error'), t('common.networkError'))),
    );
  }
  useEffect(load, []);

  return (
    <>
      <section class="card">
        <h1>{t('pulse.title')}</h1>
        <p class="muted">{t('pulse.intro', { min: 3 })}</p>
        {error && <p class="error">{error}</p>}
        {!status && !error && <p class="muted">{t('common.loading')}</p>}
        {status && status.answered && (
          <p class="ok" data-testid="pulse-answered">
            {t('pulse.answered')}
          </p>
        )}
        {status && !status.answered && <PulseForm month={status.month} questions={questions} onSent={load} />}
      </section>
      {status && <PulseHistory history={status.history} />}
    </>
  );
}

function Scale({ name, value, onChange }: { name: 'growth' | 'condition'; value: number | null; onChange: (v: number) => void }) {
  return (
    <fieldset class="pulse-question">
      <legend>{t(`pulse.${name}`)}</legend>
      <div class="pulse-scale">
        {SCALE.map((v) => (
          <label key={v}>
            <input
              type="radio"
              name={name}
              value={String(v)}
              checked={value === v}
              onChange={() => onChange(v)}
              data-testid={`pulse-${name}-${v}`}
            />
            {t(`pulse.${name}Scale.${v}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PulseForm({ month, questions, onSent }: { month: string; questions: PulseQuestion[]; onSent: () => void }) {
  const [growth, setGrowth] = useState<number | null>(null);
  const [condition, setCondition] = useState<number | null>(null);
  const [stage, setStage] = useState<number | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (growth === null || condition === null || stage === null) {
      setMessage(t('pulse.required'));
      return;
    }
    const custom = questions
      .filter((q) => (answers[q.id] ?? '').trim() !== '')
      .map((q) =>
        q.kind === 'CHOICE' ? { questionId: q.id, choice: Number(answers[q.id]) } : { questionId: q.id, text: answers[q.id].trim() },
      );
    setBusy(true);
    setMessage(null);
    try {
      await api.submitPulse(growth, condition, stage, custom);
      onSent();
    } catch (err) {
      setMessage(errorMessage(err, t('common.error'), t('common.networkError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="pulse-form" onSubmit={submit} data-testid="pulse-form">
      <h2>{t('pulse.month', { month })}</h2>
      <Scale name="growth" value={growth} onChange={setGrowth} />
      <Scale name="condition" value={condition} onChange={setCondition} />
      <label class="pulse-question">
        {t('pulse.stage')}
        <select
          value={stage === null ? '' : String(stage)}
          onChange={(e) => setStage(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
          data-testid="pulse-stage"
        >
          <option value="">{t('pulse.choose')}</option>
          {PULSE_STAGES.map((s) => (
            <option key={s} value={String(s)}>
              {s} · {t(`pulse.stages.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {questions.length > 0 && <h3>{t('pulse.custom')}</h3>}
      {questions.map((q) => (
        <label key={q.id} class="pulse-question">
          {localised(q.text)}
          {q.kind === 'CHOICE' ? (
            <select
              value={answers[q.id] ?? ''}
              onChange={(e) => setAnswers({ ...answers, [q.id]: e.currentTarget.value })}
            >
              <option value="">{t('pulse.choose')}</option>
              {q.options.map((o, i) => (
                <option key={i} value={String(i)}>
                  {localised(o)}
                </option>
              ))}
            </select>
          ) : (
            <textarea
              maxLength={1000}
              rows={2}
              value={answers[q.id] ?? ''}
              onInput={(e) => setAnswers({ ...answers, [q.id]: e.currentTarget.value })}
            />
          )}
        </label>
      ))}
      <button type="submit" class="primary" disabled={busy} data-testid="pulse-submit">
        {busy ? t('pulse.submitting') : t('pulse.submit')}
      </button>
      {message && <p class="error">{message}</p>}
    </form>
  );
}

function PulseHistory({ history }: { history: PulseEntry[] }) {
  return (
    <section class="card">
      <h2>{t('pulse.history')}</h2>
      {history.length === 0 && <p class="muted">{t('pulse.noHistory')}</p>}
      {history.length > 0 && (
        <ul class="pulse-history" data-testid="pulse-history">
          {history.map((h) => (
            <li key={h.month}>
              <strong>{h.month}</strong> <span class="muted">{formatDate(h.submittedAt)}</span>
              <div>
                {t('pulse.growthShort')}: {t(`pulse.growthScale.${h.growth}`)} · {t('pulse.conditionShort')}:{' '}
                {t(`pulse.conditionScale.${h.condition}`)} · {t('pulse.stageShort')}: {h.stage} ({t(`pulse.stages.${h.stage}`)})
              </div>
              {h.answers.map((a) => (
                <div key={a.questionId} class="muted">
                  {localised(a.question)}: {a.option ? localised(a.option) : a.text}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
