/** Findings grouped by rule (full report) or summarised one line per rule (executive report). */
import { num, plural, points } from '../format';
import type { ReportModel, RuleSection } from '../types';
import { Chapter, DataTable, Ident, Sev } from './components';
import { RichText } from './rich-text';

function RuleBlock({ rule, exportsNote }: { rule: RuleSection; exportsNote: boolean }) {
  return (
    <div className="rule" id={`rule-${rule.ruleId}`}>
      <div className="block-head">
        <div className="rule-head">
          <Sev severity={rule.severity} />
          <h3>{rule.title}</h3>
          <span className="rule-id">{rule.ruleId}</span>
        </div>
        <div className="rule-facts small">
          <div>
            <span className="label">Open</span> {num(rule.open)}
            {rule.suppressed ? ` (+${num(rule.suppressed)} suppressed or accepted)` : ''} ·{' '}
            <span className="label">Identities</span> {num(rule.identities)} ·{' '}
            <span className="label">Agents</span> {num(rule.agents)} ·{' '}
            <span className="label">Risk points</span> {points(rule.riskPoints)}
          </div>
          <div className="frameworks">{rule.frameworks.map((f) => f.title).join(' · ')}</div>
        </div>
        <p>
          <RichText text={rule.rationale} />
        </p>
        <div className="remediation small">
          <span className="label">Remediation</span> <RichText text={rule.remediation} />
        </div>
      </div>
      {rule.rows.length > 0 ? (
        <DataTable
          compact
          columns={[
            { label: 'Identity', width: 33 },
            { label: 'Finding', width: 35 },
            { label: 'Evidence', width: 23 },
            { label: 'Status', width: 9 },
          ]}
        >
          {rule.rows.map((r) => (
            <tr key={r.findingKey} className={r.status === 'open' ? undefined : 'suppressed'}>
              <td>
                <Ident identity={r.identity} compact />
              </td>
              <td>{r.message}</td>
              <td>
                {r.evidence.map((e, i) => (
                  <div key={i}>{e}</div>
                ))}
              </td>
              <td>{r.status}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {rule.omittedRows > 0 && exportsNote ? (
        <p className="omitted">
          {plural(rule.omittedRows, 'more affected identity row', 'more affected identity rows')} not printed
          (agents and the most severe are listed first); the CSV and XLSX exports list every finding.
        </p>
      ) : null}
    </div>
  );
}

export function FindingsByRule({ model, number }: { model: ReportModel; number: string }) {
  const total = model.findingsByRule.reduce((n, r) => n + r.open + r.suppressed, 0);
  return (
    <Chapter id="findings" number={number} title="Findings by rule">
      <p>
        {plural(model.findingsByRule.length, 'rule')} found {plural(total, 'finding')} (
        {num(model.totals.findingsOpen)} open). Rules are ordered by severity and by the number of agents
        affected; in each table agents come first. Each rule states why it matters, how to fix it (with the
        exact command) and the framework controls it maps to.
        {model.limits.rowsPerRule > 0
          ? ` Up to ${num(model.limits.rowsPerRule)} affected identities are printed per rule.`
          : ''}
      </p>
      {model.findingsByRule.map((r) => (
        <RuleBlock rule={r} key={r.ruleId} exportsNote />
      ))}
    </Chapter>
  );
}

/** Executive variant: one line per rule, worst first. */
export function KeyFindings({
  model,
  number,
  limit,
  flow = false,
}: {
  model: ReportModel;
  number: string;
  limit: number;
  flow?: boolean;
}) {
  const rules = model.findingsByRule.filter((r) => r.open > 0);
  const shown = rules.slice(0, limit);
  return (
    <Chapter id="findings" number={number} title="Key findings" flow={flow}>
      <p>
        The {shown.length} most important of {plural(rules.length, 'rule')} with open findings, by severity
        and agents affected. The full report lists every affected identity with evidence and the exact
        remediation.
      </p>
      <DataTable
        compact
        columns={[
          { label: 'Severity', width: 11 },
          { label: 'Finding', width: 45 },
          { label: 'Open', width: 9, num: true },
          { label: 'Identities', width: 11, num: true },
          { label: 'Agents', width: 9, num: true },
          { label: 'Risk points', width: 15, num: true },
        ]}
      >
        {shown.map((r) => (
          <tr key={r.ruleId}>
            <td>
              <Sev severity={r.severity} />
            </td>
            <td>
              {r.title} <span className="rule-id">{r.ruleId}</span>
            </td>
            <td className="num">{num(r.open)}</td>
            <td className="num">{num(r.identities)}</td>
            <td className="num">{num(r.agents)}</td>
            <td className="num">{points(r.riskPoints)}</td>
          </tr>
        ))}
      </DataTable>
    </Chapter>
  );
}
