/** Shared pieces for rule files: evidence builders and common identity questions. */
import type { Classification } from '../../model/assess';
import type { EvidenceItem } from '../../model/findings';
import type { Credential, Grant, Identity, Trust } from '../../model/inventory';
import { rowsOf } from '../inventory-index';
import { toAttributes } from '../util/json';
import { latest } from '../util/time';
import type { AssessContext } from './types';

export function credentialEvidence(c: Credential, summary: string): EvidenceItem {
  const data = toAttributes(c.attributes);
  data['kind'] = c.kind;
  data['nativeId'] = c.nativeId;
  data['name'] = c.name ?? null;
  data['status'] = c.status;
  data['createdAt'] = c.createdAt ?? null;
  data['expiresAt'] = c.expiresAt ?? null;
  data['lastUsedAt'] = c.lastUsedAt ?? null;
  return { type: 'credential', summary, ref: c.id, data };
}

export function grantEvidence(g: Grant, summary: string, extra: Record<string, string> = {}): EvidenceItem {
  return { type: grantType(g), summary, ref: g.id, data: toAttributes({ ...g, ...extra }) };
}

function grantType(g: Grant): string {
  switch (g.kind) {
    case 'aws-policy-statement':
    case 'aws-permissions-boundary':
      return 'policy-statement';
    case 'aws-managed-policy-ref':
      return 'managed-policy';
    default:
      return 'grant';
  }
}

export function trustEvidence(t: Trust, summary: string): EvidenceItem {
  return {
    type: 'trust',
    summary,
    ref: t.id,
    data: toAttributes({
      kind: t.kind,
      principalType: t.principalType,
      principal: t.principal,
      actions: t.actions,
      conditions: t.conditions,
      statement: t.evidence,
    }),
  };
}

export function note(summary: string, data?: Record<string, unknown>): EvidenceItem {
  return { type: 'note', summary, ...(data ? { data: toAttributes(data) } : {}) };
}

export function classificationOf(ctx: AssessContext, identity: Identity): Classification | undefined {
  return ctx.classifications.get(identity.id);
}

export function isAgent(ctx: AssessContext, identity: Identity): boolean {
  const c = classificationOf(ctx, identity);
  return c !== undefined && (c.agent === 'yes' || c.agent === 'likely');
}

export function agentLabel(ctx: AssessContext, identity: Identity): string {
  const c = classificationOf(ctx, identity);
  return c?.agent === 'yes' ? 'agent' : c?.agent === 'likely' ? 'likely agent' : 'identity';
}

/** The last recorded use of an identity from activities and credential last-used dates. */
export function lastUse(ctx: AssessContext, identity: Identity): string | undefined {
  return latest([
    ...rowsOf(ctx.index.activities, identity.id).map((a) => a.lastUsedAt),
    ...rowsOf(ctx.index.credentials, identity.id).map((c) => c.lastUsedAt),
  ]);
}

/** Entra: the identity and its application/service principal counterpart. */
export function withCounterpart(ctx: AssessContext, identity: Identity): Identity[] {
  const other = ctx.index.entraCounterpart.get(identity.id);
  return other ? [identity, other] : [identity];
}

export function sortById<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The IAM user name for CLI commands: the last path segment of the user's ARN. */
export function awsUserName(identity: Identity): string {
  return identity.name || identity.nativeId.split('/').pop() || identity.nativeId;
}

/** Graph collection an Entra object lives in, for remediation calls. */
export function graphCollection(identity: Identity): 'applications' | 'servicePrincipals' {
  return identity.kind === 'entra-application' || identity.kind === 'entra-agent-blueprint'
    ? 'applications'
    : 'servicePrincipals';
}

/** Control-plane permissions or privileged roles held by the identity or its service principal. */
export function entraPrivilegeSummary(ctx: AssessContext, identity: Identity): string[] {
  const out: string[] = [];
  for (const i of withCounterpart(ctx, identity)) {
    const p = ctx.entra.byIdentity.get(i.id);
    if (!p) continue;
    out.push(...p.controlPlanePermissions.map((g) => g.permission));
    out.push(...p.privilegedRoles.map((g) => g.roleName));
  }
  return [...new Set(out)].sort();
}
