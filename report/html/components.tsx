/**
 * Small building blocks of the report template. Everything from the tenant (names, ARNs, messages)
 * goes through React text nodes or attributes, which React escapes: no tenant string is ever
 * injected as markup.
 */
import type { ReactNode } from 'react';
import type { AgentVerdict } from '../../model/assess';
import type { Severity } from '../../model/findings';
import { AGENT_LABEL, PROVIDER_LABEL, SEVERITY_LABEL } from '../format';
import type { IdentityRef } from '../types';

export function Sev({ severity }: { severity: Severity }) {
  return <span className={`sev sev-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

const AGENT_BADGE: Record<AgentVerdict, string> = { yes: 'Agent', likely: 'Likely agent', no: 'NHI' };

export function AgentBadge({ verdict }: { verdict: AgentVerdict }) {
  return (
    <span className={`agent agent-${verdict}`} title={AGENT_LABEL[verdict]}>
      {AGENT_BADGE[verdict]}
    </span>
  );
}

/**
 * Name on the first line; kind, provider, account and native id (ARN, object id) below. Compact:
 * kind and native id only (an ARN names its account; a tenant is the same for all its rows).
 */
export function Ident({
  identity,
  native = true,
  compact = false,
}: {
  identity: IdentityRef;
  native?: boolean;
  compact?: boolean;
}) {
  if (compact)
    return (
      <span className="ident">
        <span className="name">{identity.name}</span> <AgentBadge verdict={identity.agent} />
        <span className="sub">
          {identity.kindLabel}
          {identity.nativeId !== identity.name ? (
            <>
              {' · '}
              <span className="mono">{identity.nativeId}</span>
            </>
          ) : null}
        </span>
      </span>
    );
  return (
    <span className="ident">
      <span className="name">{identity.name}</span> <AgentBadge verdict={identity.agent} />
      <span className="sub">
        {identity.kindLabel} · {PROVIDER_LABEL[identity.provider]} {identity.account}
      </span>
      {native && identity.nativeId !== identity.name ? (
        <span className="sub mono">{identity.nativeId}</span>
      ) : null}
    </span>
  );
}

export interface Column {
  label: string;
  /** Width in percent of the table; fixed layout keeps long values from widening the table. */
  width: number;
  num?: boolean;
}

export function DataTable({
  columns,
  children,
  compact = false,
  caption,
}: {
  columns: readonly Column[];
  children: ReactNode;
  compact?: boolean;
  caption?: string;
}) {
  return (
    <table className={compact ? 'data compact' : 'data'}>
      {caption ? <caption className="muted small">{caption}</caption> : null}
      <colgroup>
        {columns.map((c) => (
          <col key={c.label} style={{ width: `${c.width}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} className={c.num ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function Chapter({
  id,
  number,
  title,
  children,
  flow = false,
}: {
  id: string;
  number: string;
  title: string;
  children: ReactNode;
  /** Continue on the current page instead of starting a new one (short chapters of the executive report). */
  flow?: boolean;
}) {
  return (
    <section className={flow ? 'chapter flow' : 'chapter'} id={id}>
      <h2>
        {number ? `${number} ` : ''}
        {title}
      </h2>
      {children}
    </section>
  );
}

export function KeyValues({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <table className="kv">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
