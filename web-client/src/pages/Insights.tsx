import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, errorMessage } from '../api';
import { lang, t } from '../i18n';
import { EXPECTATIONS, TOPICS, type CellComparison, type Expectation, type Hint, type Insights, type WordRanking } from '../types';

const fmt = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(2));
const signed = (n: number) => (n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

/** The manager's insights: satisfaction per cell against the organisation and all managers, strengths, trend, words. */
export function InsightsPage() {
  const [insights, setInsights] = useState<Insights | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.insights().then(setInsights, (e) =>
      setError(e instanceof ApiError && e.status === 403 ? t('insights.forbidden') : errorMessage(e, t('common.error'), t('common.networkError'))),
    );
  }, []);

  if (error)
    return (
      <section class="card">
        <p class="error">{error}</p>
      </section>
    );
  if (!insights) return <p class="muted">{t('common.loading')}</p>;
  const cell = (topic: string, expectation: string) =>
    insights.cells.find((c) => c.topic === topic && c.expectation === expectation);

  return (
    <>
      <section class="card" data-testid="insights">
        <h1>{t('insights.title')}</h1>
        <p class="explain">{t('insights.intro', insights.threshold)}</p>
        <p class="muted small">{insights.org ? t('insights.orgName', { org: insights.org }) : t('insights.noOrg')}</p>
        <h2>{t('insights.table')}</h2>
        <div class="table-scroll">
          <table class="insights-table">
            <thead>
              <tr>
                <th />
                {EXPECTATIONS.map((e) => (
                  <th key={e} scope="col">
                    {t(`expectation.${e}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TOPICS.map((topic) => (
                <tr key={topic}>
                  <th scope="row">{t(`topic.${topic}`)}</th>
                  {EXPECTATIONS.map((expectation) => {
                    const c = cell(topic, expectation);
                    return (
                      <td
                        key={expectation}
                        class={c?.hidden ? 'insight hidden' : 'insight'}
                        data-testid="insight-cell"
                        data-topic={topic}
                        data-expectation={expectation}
                        data-hidden={String(c?.hidden ?? true)}
                        title={c?.hidden ? t('insights.hidden') : undefined}
                      >
                        {c && !c.hidden ? (
                          <>
                            <strong data-testid="insight-mean">{fmt(c.mean)}</strong>
                            <span class="small"> {t('insights.n', { n: c.n })}</span>
                          </>
                        ) : (
                          <span class="muted small">{t('insights.hiddenShort')}</span>
                        )}
                        {(c?.orgMean !== undefined || c?.allMean !== undefined) && (
                          <div class="muted small">
                            {c.orgMean !== undefined && t('insights.org', { value: fmt(c.orgMean) })}{' '}
                            {c.allMean !== undefined && t('insights.all', { value: fmt(c.allMean) })}
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted small">{t('insights.legend')}</p>
      </section>

      <section class="card">
        <h2>{t('insights.strengths')}</h2>
        <Comparisons list={insights.strengths} testid="strength" />
        <h2>{t('insights.weaknesses')}</h2>
        <Comparisons list={insights.weaknesses} testid="weakness" />
      </section>

      <section class="card" data-testid="insights-trend">
        <h2>{t('insights.trend')}</h2>
        {insights.trend.length === 0 ? (
          <p class="muted">{t('insights.noTrend')}</p>
        ) : (
          <ul class="trend">
            {insights.trend.map((p) => (
              <li key={p.period}>
                <span class="period">{p.period}</span>
                <span class="bar" style={{ width: `${(p.mean / 5) * 100}%` }} />
                <span>{t('insights.trendRow', { mean: fmt(p.mean), n: p.n })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CommunityVoices />
    </>
  );
}

function Comparisons({ list, testid }: { list: CellComparison[]; testid: string }) {
  if (list.length === 0) return <p class="muted">{t('insights.noComparison')}</p>;
  return (
    <ul>
      {list.map((c) => (
        <li key={`${c.topic}.${c.expectation}`} data-testid={testid}>
          {t('insights.comparison', {
            topic: t(`topic.${c.topic}`),
            expectation: t(`expectation.${c.expectation}`),
            mean: fmt(c.mean),
            n: c.n,
            diff: signed(c.diff),
            all: fmt(c.allMean),
          })}
        </li>
      ))}
    </ul>
  );
}

/** Word co-occurrence ranking and community hints for one expectation, in the page's language. */
function CommunityVoices() {
  const [expectation, setExpectation] = useState<Expectation>('LISTEN');
  const [ranking, setRanking] = useState<WordRanking | null>(null);
  const [hints, setHints] = useState<Hint[]>([]);

  useEffect(() => {
    setRanking(null);
    api.hintWords(expectation, lang).then(setRanking, () => setRanking(null));
  }, [expectation]);
  useEffect(() => {
    api.communityHints(lang).then(setHints, () => setHints([]));
  }, []);
  const shown = hints.filter((h) => h.expectation === expectation);

  return (
    <section class="card" data-testid="insights-words">
      <h2>{t('insights.words')}</h2>
      <p class="explain">{t('insights.wordsIntro')}</p>
      <label>
        {t('insights.expectation')}{' '}
        <select value={expectation} data-testid="words-expectation"
          onChange={(e) => setExpectation((e.target as HTMLSelectElement).value as Expectation)}>
          {EXPECTATIONS.map((e) => (
            <option key={e} value={e}>
              {t(`expectation.${e}`)}
            </option>
          ))}
        </select>
      </label>
      {ranking && ranking.words.length > 0 ? (
        <div class="words">
          <div>
            <h3>{t('insights.topWords')}</h3>
            <ol>
              {ranking.words.map((w) => (
                <li key={w.word} data-testid="word">{t('insights.wordCount', w)}</li>
              ))}
            </ol>
          </div>
          <div>
            <h3>{t('insights.topPairs')}</h3>
            <ol>
              {ranking.pairs.map((p) => (
                <li key={`${p.a}/${p.b}`} data-testid="word-pair">{t('insights.pairCount', p)}</li>
              ))}
            </ol>
          </div>
        </div>
      ) : (
        <p class="muted">{t('insights.noWords')}</p>
      )}
      <h3>{t('insights.hints')}</h3>
      {shown.length === 0 ? (
        <p class="muted">{t('insights.noHints')}</p>
      ) : (
        <ul>
          {shown.map((h) => (
            <li key={h.key} lang={h.language} data-testid="community-hint">
              {h.text} <span class="muted small">({h.source === 'MANAGER' ? t('insights.fromManager') : t('insights.fromMember')})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
