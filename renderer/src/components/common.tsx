/** Small shared pieces. Every value from a tenant is rendered as text by React, never as markup. */
import { useState, type ReactNode } from 'react';
import type { AgentFacet, IdentitySeverity } from '../../../model/api';
import { AGENT_LABELS, SEVERITY_LABELS } from '../labels';

export function ErrorBox({ error }: { error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** What a screen shows for a feature this build or host does not have. */
export function Unavailable({ what }: { what: string }) {
  return (
    <div className="unavailable" role="note">
      <strong>{what}</strong> is not available in this build.
    </div>
  );
}

export function SeverityBadge({ severity }: { severity: IdentitySeverity }) {
  return <span className={`badge sev-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

export function AgentBadge({ agent }: { agent: AgentFacet }) {
  return <span className={`badge agent-${agent}`}>{AGENT_LABELS[agent]}</span>;
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Preformatted text (a policy, a statement) with a copy button. */
export function CodeBlock({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="code-block">
      <button
        type="button"
        className="small"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? 'Copied' : `Copy ${label}`}
      </button>
      <pre tabIndex={0} aria-label={label}>
        {text}
      </pre>
    </div>
  );
}

/** A link-looking button that moves inside the app (no navigation away from the page). */
export function LinkButton({
  onClick,
  children,
  title,
}: {
  onClick: () => void;
  children: ReactNode;
  title?: string;
}) {
  return (
    <button type="button" className="link" onClick={onClick} {...(title !== undefined ? { title } : {})}>
      {children}
    </button>
  );
}
