/** Cover page and table of contents. */
import { day, dayTime, longDate } from '../format';
import type { ReportModel } from '../types';
import { SEVERITIES } from '../format';
import { AgentBadge, KeyValues, Sev } from './components';

export interface TocEntry {
  id: string;
  number: string;
  title: string;
  note?: string;
}

export function Cover({ model }: { model: ReportModel }) {
  const m = model.meta;
  const scope = [
    m.awsAccounts.length ? `AWS: ${m.awsAccounts.join(', ')}` : '',
    m.entraTenants.length ? `Entra ID: ${m.entraTenants.join(', ')}` : '',
  ].filter(Boolean);
  return (
    <section className="cover" id="cover">
      <div className="cover-top">
        <div className="cover-consultancy">{m.consultancy}</div>
        {m.logo ? <img className="cover-logo" src={m.logo.dataUrl} alt={m.consultancy} /> : null}
      </div>
      <div className="cover-title">
        <div className="kicker">
          {model.variant === 'executive' ? 'Executive report' : 'Assessment report'}
        </div>
        <h1>{m.title}</h1>
        <div className="client">{m.clientName}</div>
      </div>
      <div className="cover-band">
        <KeyValues
          rows={[
            ['Date', longDate(model.generatedAt)],
            ['Prepared by', m.consultancy],
            ['Prepared for', m.clientName],
            ['Scope', scope.length ? scope.join('; ') : 'no source'],
            [
              'Scan',
              `#${m.scanId} ${m.scanLabel} (${m.scanMethod}, ${m.scanStatus}, finished ${dayTime(m.scanFinishedAt)})`,
            ],
            [
              'Compared with',
              m.previousScanId !== undefined ? `scan #${m.previousScanId}` : 'no earlier scan',
            ],
            ['Assessed as of', day(m.assessedAt)],
          ]}
        />
        <p className="confidential">
          Confidential. This report describes weaknesses in the client’s identity configuration; share it on a
          need-to-know basis. Data SHA-256 {model.integrity.dataHash.slice(0, 16)}…
        </p>
      </div>
    </section>
  );
}

export function Toc({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <section className="chapter toc" id="contents">
      <h2>Contents</h2>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <span className="no">{e.number}</span>
            <a href={`#${e.id}`}>{e.title}</a>
            {e.note ? <span className="sub">{e.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Under the contents: what the badges and terms mean, so every later page reads on its own. */
export function ReadingGuide({ model }: { model: ReportModel }) {
  return (
    <section className="guide keep" id="reading-guide">
      <h3>How to read this report</h3>
      <table className="kv">
        <tbody>
          <tr>
            <th>Severity</th>
            <td>
              {SEVERITIES.map((s) => (
                <span key={s}>
                  <Sev severity={s} />{' '}
                </span>
              ))}
              <span className="small">
                critical: a direct route to full control (administrator, tenant takeover, trust open to
                anyone); high: a direct path to sensitive data, credentials or more privilege; medium: weakens
                containment or accountability; low and info: hygiene.
              </span>
            </td>
          </tr>
          <tr>
            <th>Identity type</th>
            <td>
              <AgentBadge verdict="yes" /> an AI agent, on strong evidence · <AgentBadge verdict="likely" />{' '}
              probably an agent · <AgentBadge verdict="no" /> another non-human identity (workload,
              integration, automation). Agents are listed first everywhere.
            </td>
          </tr>
          <tr>
            <th>Posture measure</th>
            <td>
              A KPI computed from configuration at the time of the scan (what an attacker could reach), not
              from observed attacks or incidents.
            </td>
          </tr>
          <tr>
            <th>{model.scoring.label}</th>
            <td>{model.scoring.note}</td>
          </tr>
          <tr>
            <th>Open finding</th>
            <td>
              Not suppressed and not triaged as accepted risk or false positive. Suppressions and triage
              decisions are listed {model.variant === 'full' ? 'in Appendix B' : 'in the full report'}.
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
