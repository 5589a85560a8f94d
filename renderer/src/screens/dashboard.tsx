/**
 * The dashboard of a scan: the article's KPIs (posture measures, with their definitions and the
 * change since the previous scan), charts, the riskiest identities and rules, and what the scan
 * could not read.
 */
import type { Dashboard, Kpi } from '../../../model/api';
import { useApp } from '../app-context';
import type { Navigate } from '../router';
import type { Theme } from '../theme';
import { lazy, Suspense } from 'react';
import type { ChartDatum } from '../components/chart';
import {
  AgentBadge,
  Empty,
  ErrorBox,
  LinkButton,
  Loading,
  Section,
  SeverityBadge,
} from '../components/common';
import { ScanPicker } from '../components/scan-picker';
import { useLoad } from '../hooks';
import {
  formatCount,
  formatDateTime,
  KIND_LABELS,
  label,
  plural,
  PROVIDER_LABELS,
  SEVERITY_LABELS,
} from '../labels';

// ECharts is the largest part of the app: loaded with the dashboard, not before the first screen.
const Chart = lazy(() => import('../components/chart').then((m) => ({ default: m.Chart })));

export function DashboardScreen({ params }: { params: Record<string, string> }) {
  const { api, navigate, theme } = useApp();
  const scanId = params['scan'] !== undefined ? Number(params['scan']) : undefined;
  const summary = useLoad(() => api.getSummary(), [api]);
  const dashboard = useLoad(
    () =>
      summary.data?.latestScanId === undefined
        ? Promise.resolve(undefined)
        : api.getDashboard(scanId !== undefined ? { scanId } : {}),
    [api, scanId, summary.data?.latestScanId],
  );

  if (summary.data && summary.data.latestScanId === undefined) {
    return (
      <div className="screen">
        <h1>Dashboard</h1>
        <Empty>
          This engagement has no scan yet.{' '}
          <LinkButton onClick={() => navigate('connect')}>Connect sources and scan.</LinkButton>
        </Empty>
      </div>
    );
  }
  const d = dashboard.data;
  return (
    <div className="screen dashboard">
      <div className="screen-head">
        <h1>Dashboard</h1>
        {summary.data && (
          <ScanPicker
            scans={summary.data.scans}
            value={scanId}
            onChange={(id) => navigate('dashboard', { scan: String(id) })}
          />
        )}
      </div>
      <ErrorBox error={summary.error ?? dashboard.error} />
      {!d && <Loading />}
      {d && <DashboardBody dashboard={d} theme={theme} navigate={navigate} />}
    </div>
  );
}

function DashboardBody({
  dashboard: data,
  theme: t,
  navigate,
}: {
  dashboard: Dashboard;
  theme: Theme;
  navigate: Navigate;
}) {
  const severity: ChartDatum[] = data.findingsBySeverity.map((s) => ({
    label: SEVERITY_LABELS[s.severity],
    value: s.count,
    color: `--sev-${s.severity}`,
  }));
  const kinds: ChartDatum[] = data.identitiesByKind.map((k) => ({
    label: `${PROVIDER_LABELS[k.provider]} ${label(KIND_LABELS, k.label)}`,
    value: k.count,
  }));
  const ages: ChartDatum[] = data.credentialAge.map((a) => ({ label: a.label, value: a.count }));
  const agents: ChartDatum[] = data.agents
    ? [
        { label: 'Agent', value: data.agents.yes, color: '--agent-yes' },
        { label: 'Likely agent', value: data.agents.likely, color: '--agent-likely' },
        { label: 'Not an agent', value: data.agents.no, color: '--agent-no' },
      ]
    : [];
  return (
    <>
      <p className="muted">
        Scan #{data.scanId} · {formatDateTime(data.scanFinishedAt)} · {data.scanLabel}
        {data.scanStatus === 'partial' ? ' · partial: some areas could not be read (see coverage below)' : ''}
      </p>
      {!data.assessed && (
        <p className="unavailable" role="note">
          This scan has not been assessed: findings, scores and KPIs appear after an assessment (Settings →
          Re-assess).
        </p>
      )}
      {data.kpis.length > 0 && (
        <section className="kpis" aria-label="Key performance indicators">
          {data.kpis.map((kpi) => (
            <KpiCard key={kpi.id} kpi={kpi} />
          ))}
        </section>
      )}
      {data.change && (
        <Section
          title="Change since the previous scan"
          actions={<LinkButton onClick={() => navigate('diff')}>Open the scan diff</LinkButton>}
        >
          <ul className="change">
            <li>
              <strong>+{formatCount(data.change.identitiesAdded)}</strong> identities added,{' '}
              <strong>−{formatCount(data.change.identitiesRemoved)}</strong> removed (since scan #
              {data.change.previousScanId})
            </li>
            {data.change.findingsNew !== undefined && (
              <li>
                <strong>{formatCount(data.change.findingsNew)}</strong> new findings,{' '}
                <strong>{formatCount(data.change.findingsResolved ?? 0)}</strong> resolved
              </li>
            )}
          </ul>
        </Section>
      )}
      <Suspense fallback={<Loading label="Loading charts…" />}>
        <div className="chart-grid">
          {data.assessed && (
            <Chart
              kind="bar"
              title="Findings by severity"
              data={severity}
              theme={t}
              onSelect={() => navigate('findings')}
            />
          )}
          {agents.length > 0 && (
            <Chart kind="donut" title="Identities by agent verdict" data={agents} theme={t} />
          )}
          <Chart
            kind="hbar"
            title="Identities by kind"
            data={kinds}
            theme={t}
            height={Math.max(180, kinds.length * 26)}
          />
          <Chart kind="bar" title="Active credentials by age" data={ages} theme={t} />
        </div>
      </Suspense>
      <div className="two-col">
        <Section title={data.topRisksAgentsOnly ? 'Top agent risks' : 'Top risks'}>
          {data.topRisks.length === 0 ? (
            <Empty>No identity with findings.</Empty>
          ) : (
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col">Identity</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Worst</th>
                  <th scope="col" className="num">
                    Findings
                  </th>
                  <th scope="col" className="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.topRisks.map((risk) => (
                  <tr key={risk.id}>
                    <td>
                      <LinkButton
                        onClick={() => navigate('identity', { id: risk.id, scan: String(data.scanId) })}
                      >
                        {risk.name}
                      </LinkButton>
                      <div className="muted small">
                        {PROVIDER_LABELS[risk.provider]} {KIND_LABELS[risk.kind]}
                      </div>
                    </td>
                    <td>
                      <AgentBadge agent={risk.agent} />
                    </td>
                    <td>
                      <SeverityBadge severity={risk.severity} />
                    </td>
                    <td className="num">{formatCount(risk.findingCount)}</td>
                    <td className="num">{risk.score ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <Section title="Rules with the most findings">
          {data.topRules.length === 0 ? (
            <Empty>No findings.</Empty>
          ) : (
            <ol className="rules">
              {data.topRules.map((rule) => (
                <li key={rule.ruleId}>
                  <SeverityBadge severity={rule.severity} />{' '}
                  <LinkButton onClick={() => navigate('findings', { rule: rule.ruleId })}>
                    {rule.title}
                  </LinkButton>
                  <div className="muted small">
                    {rule.ruleId} · {plural(rule.count, 'finding')}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>
      {data.gaps.length > 0 && (
        <Section title="Coverage: what this scan could not fully read">
          <ul className="gaps">
            {data.gaps.map((gap) => (
              <li key={gap.area}>
                <span className="mono">{gap.area}</span> <em>{gap.status}</em>
                {gap.message !== undefined ? `: ${gap.message}` : ''}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

function formatKpi(kpi: Kpi, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (kpi.unit === 'percent') return `${value.toFixed(1)} %`;
  if (kpi.unit === 'days') return `${formatCount(Math.round(value))} days`;
  return formatCount(value);
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  const delta =
    kpi.previous !== undefined && kpi.previous !== null && kpi.value !== null
      ? kpi.value - kpi.previous
      : undefined;
  const improved =
    delta === undefined || delta === 0 ? undefined : kpi.better === 'higher' ? delta > 0 : delta < 0;
  return (
    <article className="kpi card" aria-label={kpi.label}>
      <h2>{kpi.label}</h2>
      {kpi.postureMeasure && <span className="posture">posture measure</span>}
      <p className="kpi-value">{formatKpi(kpi, kpi.value)}</p>
      {delta !== undefined && delta !== 0 && (
        <p className={improved ? 'delta better' : 'delta worse'}>
          {delta > 0 ? '▲' : '▼'} {formatKpi(kpi, Math.abs(delta))} since the previous scan (
          {improved ? 'better' : 'worse'})
        </p>
      )}
      <p className="kpi-definition">{kpi.definition}</p>
      {kpi.formula !== undefined && (
        <details>
          <summary>Formula</summary>
          <p className="mono small">{kpi.formula}</p>
        </details>
      )}
    </article>
  );
}
