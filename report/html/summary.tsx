/** Chapter 1: the executive summary. */
import { SEVERITIES, num, percent, points } from '../format';
import type { ChangeView, ReportModel } from '../types';
import { Chapter, DataTable, Ident, Sev } from './components';

function Figures({ model }: { model: ReportModel }) {
  const t = model.totals;
  const items: [string, string][] = [
    [num(t.identities), 'non-human identities'],
    [num(t.agents), `AI agents (${t.agentsYes} confirmed, ${t.agentsLikely} likely)`],
    [num(t.findingsOpen), 'open findings'],
    [num(t.openBySeverity.critical + t.openBySeverity.high), 'critical or high'],
    [percent(t.agentsWithFindings, t.agents), 'of agents with a finding'],
  ];
  return (
    <div className="figures">
      {items.map(([v, l]) => (
        <div className="figure" key={l}>
          <span className="v">{v}</span>
          <span className="l">{l}</span>
        </div>
      ))}
    </div>
  );
}

function Kpis({ model }: { model: ReportModel }) {
  if (!model.kpis.available)
    return (
      <div className="notice">
        <strong>Posture KPIs: not available.</strong> {model.kpis.reason}
      </div>
    );
  return (
    <div className="kpis">
      {model.kpis.items.map((k) => (
        <div className="kpi" key={k.id}>
          <div className="top">
            <span className="name">{k.name}</span>
            <span className="tag-posture">{k.label}</span>
          </div>
          <div className="value">{k.display}</div>
          <div className="def">
            {k.definition} {k.better === 'lower' ? 'Lower is better.' : 'Higher is better.'}
          </div>
          <div className="formula">
            Formula: {k.formula}
            {k.numerator !== null && k.denominator !== null
              ? ` (${num(k.numerator)} / ${num(k.denominator)})`
              : ''}
          </div>
        </div>
      ))}
    </div>
  );
}

function TopRisks({ model }: { model: ReportModel }) {
  if (model.topRisks.length === 0) return <p className="muted">No agent identity has an open finding.</p>;
  return (
    <DataTable
      compact
      columns={[
        { label: '#', width: 4, num: true },
        { label: 'Agent identity', width: 34 },
        { label: model.scoring.basis === 'score' ? 'Score' : 'Risk points', width: 9, num: true },
        { label: 'Open findings (C/H/M/L)', width: 13 },
        { label: 'Most severe finding', width: 40 },
      ]}
    >
      {model.topRisks.map((r) => (
        <tr key={r.identity.id}>
          <td className="num">{r.rank}</td>
          <td>
            <Ident identity={r.identity} native={false} />
          </td>
          <td className="num">{points(r.score)}</td>
          <td>
            {r.findings.critical}/{r.findings.high}/{r.findings.medium}/{r.findings.low}
          </td>
          <td>
            {r.topFinding ? (
              <>
                <Sev severity={r.topFinding.severity} /> {r.topFinding.title}
                <span className="muted small" style={{ display: 'block' }}>
                  {r.topFinding.message}
                </span>
              </>
            ) : (
              '–'
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function Change({ change, full }: { change: ChangeView; full: boolean }) {
  if (change.status === 'first-scan')
    return (
      <p className="muted">
        This is the first scan of the engagement: there is no earlier scan to compare with. The next report
        will show new and resolved findings.
      </p>
    );
  if (change.status === 'not-available')
    return (
      <div className="notice">
        <strong>Change since the previous scan: not available.</strong> {change.reason}
      </div>
    );
  const c = change.counts;
  return (
    <div className="keep">
      <DataTable
        compact
        columns={[
          { label: `Scan #${change.fromScanId} → #${change.toScanId}`, width: 40 },
          { label: 'Count', width: 12, num: true },
          { label: 'By severity (C/H/M/L/I)', width: 48 },
        ]}
      >
        <tr>
          <td>New findings</td>
          <td className="num">{num(c.findingsNew)}</td>
          <td>{SEVERITIES.map((s) => change.newBySeverity[s]).join(' / ')}</td>
        </tr>
        <tr>
          <td>Resolved findings</td>
          <td className="num">{num(c.findingsResolved)}</td>
          <td>{SEVERITIES.map((s) => change.resolvedBySeverity[s]).join(' / ')}</td>
        </tr>
        <tr>
          <td>Identities added</td>
          <td className="num">{num(c.identitiesAdded)}</td>
          <td>{change.samples.identitiesAdded.map((i) => i.name).join(', ')}</td>
        </tr>
        <tr>
          <td>Identities removed</td>
          <td className="num">{num(c.identitiesRemoved)}</td>
          <td>{change.samples.identitiesRemoved.map((i) => i.name).join(', ')}</td>
        </tr>
        <tr>
          <td>Identities whose privileges changed</td>
          <td className="num">{num(c.privilegeChanges)}</td>
          <td>{change.samples.privilegeChanges.map((p) => `${p.name}: ${p.summary}`).join('; ')}</td>
        </tr>
      </DataTable>
      {full && change.samples.findingsNew.length > 0 ? (
        <>
          <h4>Most severe new findings</h4>
          <DataTable
            compact
            columns={[
              { label: 'Severity', width: 12 },
              { label: 'Finding', width: 48 },
              { label: 'Identity', width: 40 },
            ]}
          >
            {change.samples.findingsNew.map((f) => (
              <tr key={f.key}>
                <td>
                  <Sev severity={f.severity} />
                </td>
                <td>
                  {f.title} <span className="rule-id">{f.ruleId}</span>
                </td>
                <td>{f.identityName}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </div>
  );
}

export function ExecutiveSummary({ model, number }: { model: ReportModel; number: string }) {
  return (
    <Chapter id="summary" number={number} title="Executive summary">
      <div className="headline">
        <ul>
          {model.headline.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <Figures model={model} />
      <h3>Posture measures</h3>
      <p className="small muted">
        These KPIs measure the configuration (posture) at the time of the scan: what an attacker could reach
        if an agent’s identity were compromised. They are not observed incident or attack rates.
      </p>
      <Kpis model={model} />
      {/* Ten rows fit on a page: the table moves whole rather than leave its heading and one row behind. */}
      <div className="keep">
        <h3>Top 10 agent risks</h3>
        <p className="small muted">{model.scoring.note}</p>
        <TopRisks model={model} />
      </div>
      <div className="block-head">
        <h3>Change since the previous scan</h3>
      </div>
      <Change change={model.change} full={model.variant === 'full'} />
    </Chapter>
  );
}
