/** One finding in full: message, evidence (with the statements behind it), remediation, triage. */
import type { TriagedFinding } from '../../../model/api';
import type { TriageStatus } from '../../../model/findings';
import { SeverityBadge } from './common';
import { TriageControl } from './triage-control';

export function FindingCard({
  finding,
  onTriage,
  triageAvailable,
  showTitle = true,
}: {
  finding: TriagedFinding;
  onTriage: (status: TriageStatus, note: string) => Promise<void>;
  triageAvailable: boolean;
  /** Off where the rule is already the heading (the findings screen). */
  showTitle?: boolean;
}) {
  return (
    <article
      className={`finding${finding.suppressedBy !== undefined ? ' suppressed' : ''}`}
      aria-label={finding.title}
    >
      <header>
        <SeverityBadge severity={finding.severity} />
        {showTitle && (
          <>
            <strong>{finding.title}</strong> <span className="muted mono small">{finding.ruleId}</span>
          </>
        )}
        {finding.suppressedBy !== undefined && (
          <span className="badge">suppressed ({finding.suppressedBy})</span>
        )}
      </header>
      <p>{finding.message}</p>
      {finding.evidence.length > 0 && (
        <details>
          <summary>Evidence ({finding.evidence.length})</summary>
          <ul className="evidence">
            {finding.evidence.map((item, i) => (
              <li key={`${item.type}-${i}`}>
                <span className="badge subtle">{item.type}</span> {item.summary}
                {item.data !== undefined && (
                  <pre className="small" tabIndex={0}>
                    {JSON.stringify(item.data, null, 2)}
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details>
        <summary>Remediation</summary>
        <p className="remediation">{finding.remediation}</p>
        {finding.frameworks.length > 0 && (
          <p className="muted small">
            {finding.frameworks.map((f) => `${f.framework} ${f.control}`).join(' · ')}
          </p>
        )}
      </details>
      {triageAvailable && (
        <TriageControl findingKey={finding.key} triage={finding.triage} onSave={onTriage} />
      )}
    </article>
  );
}
