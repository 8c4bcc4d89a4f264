import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { t } from '../i18n';
import type { AgendaItem, FeedbackStatus, Meeting } from '../types';

const RATINGS = [1, 2, 3, 4, 5];
const MAX_GOOD = 500;

/** The member's anonymous feedback after the meeting: a 1-5 rating per agenda item and "what was good". */
export function FeedbackForm({ meeting }: { meeting: Meeting }) {
  const items: (AgendaItem | null)[] = meeting.agenda?.items?.length ? meeting.agenda.items : [null];
  const [status, setStatus] = useState<FeedbackStatus | null>(null);
  const [ratings, setRatings] = useState<(number | null)[]>(items.map(() => null));
  const [good, setGood] = useState<string[]>(items.map(() => ''));
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    api.feedbackStatus(meeting.id).then(setStatus, () => setStatus(null));
  }, [meeting.id]);

  if (!status) return null;
  if (sent || status.answered)
    return (
      <section class="card" data-testid="feedback-done">
        <h2>{t('feedback.title')}</h2>
        <p class="notice" data-testid={sent ? 'feedback-thanks' : 'feedback-already'}>
          {sent ? t('feedback.thanks') : t('feedback.already')}
        </p>
      </section>
    );
  if (!status.open) return null;

  async function submit(e: Event) {
    e.preventDefault();
    if (ratings.some((r) => r === null)) {
      setError(t('feedback.rateAll'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.submitFeedback(
        meeting.id,
        ratings.map((rating, index) => ({ index, rating: rating as number, ...(good[index].trim() ? { good: good[index] } : {}) })),
        share,
      );
      setSent(true);
    } catch (err) {
      setError(errorMessage(err, t('common.error'), t('common.networkError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card feedback" data-testid="feedback-form">
      <h2>{t('feedback.title')}</h2>
      <p class="explain">{t('feedback.intro')}</p>
      <form onSubmit={submit}>
        {items.map((item, i) => {
          const label = item ? `${t(`topic.${item.topic}`)} · ${t(`expectation.${item.expectation}`)}` : t('feedback.wholeMeeting');
          return (
            <fieldset key={i} class="feedback-item">
              <legend>{label}</legend>
              <div class="rating" role="radiogroup" aria-label={t('feedback.rating', { topic: label })}>
                {RATINGS.map((value) => (
                  <label key={value} class={ratings[i] === value ? 'rating-option chosen' : 'rating-option'}>
                    <input
                      type="radio"
                      name={`rating-${i}`}
                      value={value}
                      checked={ratings[i] === value}
                      data-testid={`feedback-rating-${i}-${value}`}
                      aria-label={t('feedback.ratingValue', { value })}
                      onChange={() => setRatings(ratings.map((r, j) => (j === i ? value : r)))}
                    />
                    {value}
                  </label>
                ))}
              </div>
              <label>
                {t('feedback.good')}
                <textarea
                  maxLength={MAX_GOOD}
                  rows={2}
                  value={good[i]}
                  placeholder={t('feedback.goodPlaceholder')}
                  data-testid={`feedback-good-${i}`}
                  onInput={(e) => setGood(good.map((g, j) => (j === i ? (e.target as HTMLTextAreaElement).value : g)))}
                />
              </label>
            </fieldset>
          );
        })}
        <label class="check">
          <input
            type="checkbox"
            checked={share}
            data-testid="feedback-share"
            onChange={(e) => setShare((e.target as HTMLInputElement).checked)}
          />
          {t('feedback.share')}
        </label>
        {error && <p class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy} data-testid="feedback-submit">
          {busy ? t('feedback.submitting') : t('feedback.submit')}
        </button>
      </form>
    </section>
  );
}
