import type { Chart } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { barChart, doughnutChart } from '../analytics/charts';
import { decimal, groupLabel, percent } from '../analytics/format';
import { t } from '../i18n';
import { EXPECTATIONS, TOPICS, type AnalyticsGroup, type AnalyticsReport, type CellComparison } from '../types';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Draws a chart on a canvas once `draw` has data, and destroys it when the data change or the page leaves. */
function ChartCanvas({ draw, testId }: { draw: (canvas: HTMLCanvasElement) => Chart; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = draw(ref.current);
    return () => chart.destroy();
  }, [draw]);
  return <canvas ref={ref} data-testid={testId} />;
}

/**
 * The admin analytics page (ADMIN): 1on1s and their rhythm per organisation unit, topic and
 * expectation mix, satisfaction from the monthly pulse and from the members' meeting feedback, and
 * the managers' strengths and weaknesses per unit (all its managers together, never one). Loaded
 * lazily with Chart.js, so the main bundle does not carry the chart code.
 */
export function AdminAnalyticsPage() {
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 89 * 86_400_000)));
  const [report, setReport] = useState<AnalyticsReport | null>(null);
  const [loads, setLoads] = useState(0);
  const [error, setError] = useState<string | null>(null);

  function load(e?: Event) {
    e?.preventDefault();
    api.analytics(from, to).then(
      (r) => {
        setReport(r);
        setLoads((n) => n + 1);
        setError(null);
      },
      (err) => setError(errorMessage(err, t('common.error'), t('common.networkError'))),
    );
  }
  useEffect(load, []);

  const organisation = report?.groups.find((g) => g.level === 'ORGANISATION');
  const units = report?.groups.filter((g) => g.level !== 'ORGANISATION') ?? [];
  const rated = report?.groups.filter((g) => g.meetingSatisfaction) ?? [];
  return (
    <>
      <section class="card">
        <h1>{t('analytics.title')}</h1>
        <form class="row" onSubmit={load}>
          <label>
            {t('analytics.from')}
            <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="analytics-from" />
          </label>
          <label>
            {t('analytics.to')}
            <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="analytics-to" />
          </label>
          <button type="submit">{t('analytics.load')}</button>
        </form>
        {error && <p class="error">{error}</p>}
        {!report && !error && <p class="muted">{t('common.loading')}</p>}
        {report && !organisation && <p class="muted">{t('analytics.empty')}</p>}
        {report && report.groups.length > 0 && <GroupTable groups={report.groups} min={report.minAnswerers} />}
      </section>
      {organisation && <Charts key={loads} organisation={organisation} units={units.length > 0 ? units : [organisation]} />}
      {report && <ManagerFeedback key={`f${loads}`} report={report} rated={rated} />}
    </>
  );
}

function GroupTable({ groups, min }: { groups: AnalyticsGroup[]; min: number }) {
  return (
    <div class="table-scroll">
      <table class="report" data-testid="analytics-table">
        <thead>
          <tr>
            <th>{t('analytics.unit')}</th>
            <th>{t('analytics.meetings')}</th>
            <th>{t('analytics.activePairs')}</th>
            <th>{t('analytics.perPairMonth')}</th>
            <th title={t('analytics.biweeklyHelp')}>{t('analytics.biweekly')}</th>
            <th>{t('analytics.satisfaction')}</th>
            <th>{t('analytics.meetingSatisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${g.level}:${g.unit}`}>
              <td>{groupLabel(g.level, g.unit)}</td>
              <td>{g.meetings}</td>
              <td>{g.activePairs}</td>
              <td>{decimal(g.meetingsPerPairPerMonth)}</td>
              <td>{percent(g.biweeklyShare)}</td>
              <td>
                {g.satisfaction
                  ? `${t('analytics.growth')} ${decimal(g.satisfaction.growth)} · ${t('analytics.condition')} ${decimal(
                      g.satisfaction.condition,
                    )} · ${t('analytics.stage')} ${decimal(g.satisfaction.stage)} (n=${g.satisfaction.responses})`
                  : t('analytics.satisfactionHidden', { min })}
              </td>
              <td>
                {g.meetingSatisfaction
                  ? `${decimal(g.meetingSatisfaction.mean, 2)} (n=${g.meetingSatisfaction.answers})`
                  : t('analytics.hidden')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('analytics.biweeklyHelp')}</p>
    </div>
  );
}

function Charts({ organisation, units }: { organisation: AnalyticsGroup; units: AnalyticsGroup[] }) {
  const [draws] = useState(() => ({
    meetings: (c: HTMLCanvasElement) =>
      barChart(
        c,
        units.map((g) => groupLabel(g.level, g.unit)),
        t('analytics.meetings'),
        units.map((g) => g.meetings),
      ),
    topics: (c: HTMLCanvasElement) =>
      doughnutChart(
        c,
        TOPICS.map((k) => t(`topic.${k}`)),
        TOPICS.map((k) => organisation.topics[k] ?? 0),
      ),
    expectations: (c: HTMLCanvasElement) =>
      doughnutChart(
        c,
        EXPECTATIONS.map((k) => t(`expectation.${k}`)),
        EXPECTATIONS.map((k) => organisation.expectations[k] ?? 0),
      ),
  }));
  return (
    <section class="card analytics-charts">
      <div>
        <h2>{t('analytics.meetingsChart')}</h2>
        <ChartCanvas draw={draws.meetings} testId="chart-meetings" />
      </div>
      <div>
        <h2>{t('analytics.topicMix')}</h2>
        <ChartCanvas draw={draws.topics} testId="chart-topics" />
      </div>
      <div>
        <h2>{t('analytics.expectationMix')}</h2>
        <ChartCanvas draw={draws.expectations} testId="chart-expectations" />
      </div>
    </section>
  );
}

/**
 * Satisfaction from the members' meeting feedback per unit (bar chart) and the managers' strengths
 * and weaknesses per unit: released feedback only, each number pooling two or more managers.
 */
function ManagerFeedback({ report, rated }: { report: AnalyticsReport; rated: AnalyticsGroup[] }) {
  const [draw] = useState(() => (c: HTMLCanvasElement) =>
    barChart(
      c,
      rated.map((g) => groupLabel(g.level, g.unit)),
      t('analytics.meetingSatisfaction'),
      rated.map((g) => g.meetingSatisfaction?.mean ?? 0),
      5,
    ),
  );
  const withCells = report.groups.filter((g) => g.managerCells);
  const rule = t('analytics.feedbackRule', report.feedbackThreshold);
  return (
    <section class="card" data-testid="analytics-feedback">
      <h2>{t('analytics.meetingSatisfactionChart')}</h2>
      {rated.length > 0 ? (
        <ChartCanvas draw={draw} testId="chart-meeting-satisfaction" />
      ) : (
        <p class="muted">{t('analytics.noFeedback')}</p>
      )}
      <h2>{t('analytics.strengthsTitle')}</h2>
      <p class="muted">{t('analytics.strengthsHelp')}</p>
      {withCells.length > 0 ? (
        <div class="table-scroll">
          <table class="report" data-testid="analytics-cells">
            <thead>
              <tr>
                <th>{t('analytics.unit')}</th>
                <th>{t('analytics.strengths')}</th>
                <th>{t('analytics.weaknesses')}</th>
              </tr>
            </thead>
            <tbody>
              {withCells.map((g) => (
                <tr key={`${g.level}:${g.unit}`}>
                  <td>{groupLabel(g.level, g.unit)}</td>
                  <td>
                    <CellList cells={g.managerCells?.strengths ?? []} />
                  </td>
                  <td>
                    <CellList cells={g.managerCells?.weaknesses ?? []} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t('analytics.noCells')}</p>
      )}
      <p class="muted">{rule}</p>
    </section>
  );
}

function CellList({ cells }: { cells: CellComparison[] }) {
  if (cells.length === 0) return <span class="muted">–</span>;
  return (
    <ul>
      {cells.map((c) => (
        <li key={`${c.topic}.${c.expectation}`}>
          {t('analytics.cell', {
            topic: t(`topic.${c.topic}`),
            expectation: t(`expectation.${c.expectation}`),
            mean: decimal(c.mean, 2),
            baseline: decimal(c.baseline, 2),
            diff: `${c.diff > 0 ? '+' : ''}${decimal(c.diff, 2)}`,
            n: c.n,
            managers: c.managers,
          })}
        </li>
      ))}
    </ul>
  );
}
