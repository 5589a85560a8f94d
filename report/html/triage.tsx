/** Appendix B: triage decisions and suppressions; the integrity block that closes the report. */
import { dayTime } from '../format';
import type { ReportModel } from '../types';
import { Chapter, DataTable, KeyValues } from './components';

const STATUS_TEXT: Record<string, string> = {
  open: 'open',
  'accepted-risk': 'accepted risk',
  'false-positive': 'false positive',
  fixed: 'fixed',
};

export function Triage({ model, number }: { model: ReportModel; number: string }) {
  const { decisions, suppressions } = model.triage;
  return (
    <Chapter id="triage" number={number} title="Triage decisions and suppressions">
      <p>
        Every decision that changes what this report counts as open is listed here, with who made it and why.
        Suppressed and accepted findings stay in the findings tables, marked as such.
      </p>
      <h3>Suppressions</h3>
      {suppressions.length === 0 ? (
        <p className="muted">No suppression is defined for this engagement.</p>
      ) : (
        <DataTable
          compact
          columns={[
            { label: 'Id', width: 9 },
            { label: 'Scope', width: 26 },
            { label: 'Reason', width: 27 },
            { label: 'Author', width: 12 },
            { label: 'Expires', width: 10 },
            { label: 'State', width: 8 },
            { label: 'Findings', width: 8, num: true },
          ]}
        >
          {suppressions.map((s) => (
            <tr key={s.id}>
              <td className="mono">{s.id}</td>
              <td>{s.scope}</td>
              <td>{s.reason}</td>
              <td>{s.author}</td>
              <td>{s.expiresAt || 'never'}</td>
              <td>{s.state}</td>
              <td className="num">{s.findings}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3>Triage decisions</h3>
      {decisions.length === 0 ? (
        <p className="muted">No finding has been triaged.</p>
      ) : (
        <DataTable
          compact
          columns={[
            { label: 'Rule', width: 15 },
            { label: 'Identity', width: 22 },
            { label: 'Decision', width: 12 },
            { label: 'Note', width: 27 },
            { label: 'By', width: 12 },
            { label: 'When', width: 12 },
          ]}
        >
          {decisions.map((d) => (
            <tr key={d.findingKey}>
              <td className="mono">{d.ruleId}</td>
              <td>
                {d.identityName}
                {d.inScan ? '' : ' (not in this scan)'}
              </td>
              <td>{STATUS_TEXT[d.status] ?? d.status}</td>
              <td>{d.note}</td>
              <td>{d.author}</td>
              <td>{d.updatedAt}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Chapter>
  );
}

/** The integrity footer: closes the last chapter instead of taking a page of its own. */
export function Integrity({ model, number }: { model: ReportModel; number: string }) {
  return (
    <Chapter id="integrity" number={number} title="Integrity" flow>
      <div className="integrity">
        <KeyValues
          rows={[
            ['Report data (SHA-256)', <span className="hash">{model.integrity.dataHash}</span>],
            ['Audit chain head', <span className="hash">{model.integrity.auditHead}</span>],
            ['Scan', `#${model.meta.scanId}, finished ${dayTime(model.meta.scanFinishedAt)}`],
            ['Generated', `${dayTime(model.generatedAt)} by Agent Anchor ${model.meta.appVersion}`],
          ]}
        />
        <p className="small" style={{ marginTop: '2mm' }}>
          The data hash is the SHA-256 of this report’s data model in canonical JSON (keys sorted, no
          whitespace), without the generation time and this integrity block; the same engagement data always
          gives the same hash. The audit chain head is the hash of the newest entry of the engagement file’s
          tamper-evident audit log when the report was made: `agent-anchor verify` on the engagement file
          recomputes the chain, and this head must appear in it.
        </p>
      </div>
    </Chapter>
  );
}
