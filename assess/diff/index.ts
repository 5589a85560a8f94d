/**
 * What changed between two scans (pure): identities that appeared or went, findings that are new
 * or resolved, grants added, removed or edited per identity with its admin/escalation status, and
 * credentials added, removed, rotated or changed in status or expiry. Rows are matched by their
 * stable ids, findings by their stable keys; last-used dates are not compared (they change on
 * every scan and say nothing about posture).
 */
import type { Finding } from '../../model/findings';
import type { Credential, Grant, Identity, Inventory } from '../../model/inventory';
import type {
  CredentialChange,
  CredentialRef,
  FindingRef,
  GrantRef,
  IdentityRef,
  PrivilegeChange,
  ScanDiff,
  ScanRef,
} from '../../model/posture';

export interface ScanSnapshot {
  scan: ScanRef;
  inventory: Pick<Inventory, 'identities' | 'grants' | 'credentials'>;
  findings: readonly Finding[];
  /** Admin and escalation status per identity id (absent = neither). */
  reach: ReadonlyMap<string, { admin: boolean; escalation: boolean }>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with sorted keys, so the same content compares equal whatever the key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byString(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function identityRef(i: Identity): IdentityRef {
  return {
    id: i.id,
    provider: i.provider,
    kind: i.kind,
    nativeId: i.nativeId,
    name: i.displayName ?? i.name,
  };
}

function list(value: string | string[] | undefined): string {
  return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : value;
}

export function grantSummary(g: Grant): string {
  switch (g.kind) {
    case 'aws-policy-statement': {
      const st = g.statement;
      const actions = st.Action !== undefined ? list(st.Action) : `NOT ${list(st.NotAction)}`;
      return `${g.policyName} statement ${g.statementIndex}: ${st.Effect} ${actions} on ${g.resource}${st.Condition ? ' (with conditions)' : ''}`;
    }
    case 'aws-permissions-boundary':
      return `permissions boundary ${g.policyName} statement ${g.statementIndex}`;
    case 'aws-managed-policy-ref':
      return `managed policy ${g.policyName}${g.attachedVia ? ` via ${g.attachedVia}` : ''}`;
    case 'entra-app-role':
      return `${g.permission} (application) on ${g.resourceName}`;
    case 'entra-delegated-scope':
      return `${g.permission} (delegated, ${g.consentType === 'AllPrincipals' ? 'all users' : 'one user'}) on ${g.resourceName}`;
    case 'entra-directory-role':
      return `directory role ${g.roleName} (${g.assignment}, scope ${g.directoryScopeId})`;
  }
}

function grantRef(g: Grant): GrantRef {
  return { id: g.id, kind: g.kind, summary: grantSummary(g) };
}

function credentialRef(c: Credential): CredentialRef {
  return {
    id: c.id,
    kind: c.kind,
    ...(c.name ? { name: c.name } : {}),
    status: c.status,
    ...(c.createdAt ? { createdAt: c.createdAt } : {}),
    ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}),
  };
}

function findingRef(f: Finding): FindingRef {
  return {
    key: f.key,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    identityId: f.identityId,
    identityName: f.identity.name,
    message: f.message,
  };
}

function groupBy<T extends { identityId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const l = out.get(r.identityId);
    if (l) l.push(r);
    else out.set(r.identityId, [r]);
  }
  return out;
}

function byId<T extends { id: string }>(rows: readonly T[] | undefined): Map<string, T> {
  return new Map((rows ?? []).map((r) => [r.id, r]));
}

/** What a grant allows; its creation date is bookkeeping, not privilege. */
function grantContent(g: Grant): string {
  const { createdAt: _createdAt, ...rest } = g as Grant & { createdAt?: string };
  return stable(rest);
}

function grantChanges(before: readonly Grant[] | undefined, after: readonly Grant[] | undefined) {
  const a = byId(before);
  const b = byId(after);
  const added: GrantRef[] = [];
  const removed: GrantRef[] = [];
  const changed: GrantRef[] = [];
  for (const [id, g] of b) {
    const old = a.get(id);
    if (!old) added.push(grantRef(g));
    else if (grantContent(old) !== grantContent(g)) changed.push(grantRef(g));
  }
  for (const [id, g] of a) if (!b.has(id)) removed.push(grantRef(g));
  const sort = (x: GrantRef[]) => x.sort((p, q) => byString(p.id, q.id));
  return { added: sort(added), removed: sort(removed), changed: sort(changed) };
}

const CREDENTIAL_FIELDS = ['status', 'createdAt', 'expiresAt'] as const;

function credentialChanges(
  before: readonly Credential[] | undefined,
  after: readonly Credential[] | undefined,
): Omit<CredentialChange, 'identity'> {
  const a = byId(before);
  const b = byId(after);
  const out: Omit<CredentialChange, 'identity'> = { added: [], removed: [], changed: [] };
  for (const [id, c] of b) {
    const old = a.get(id);
    if (!old) {
      out.added.push(credentialRef(c));
      continue;
    }
    const fields: Record<string, { from: string | null; to: string | null }> = {};
    for (const field of CREDENTIAL_FIELDS) {
      const from = old[field] ?? null;
      const to = c[field] ?? null;
      if (from !== to) fields[field] = { from, to };
    }
    if (Object.keys(fields).length > 0) out.changed.push({ credential: credentialRef(c), fields });
  }
  for (const [id, c] of a) if (!b.has(id)) out.removed.push(credentialRef(c));
  out.added.sort((p, q) => byString(p.id, q.id));
  out.removed.sort((p, q) => byString(p.id, q.id));
  out.changed.sort((p, q) => byString(p.credential.id, q.credential.id));
  return out;
}

export function diffScans(from: ScanSnapshot, to: ScanSnapshot): ScanDiff {
  const before = new Map(from.inventory.identities.map((i) => [i.id, i]));
  const after = new Map(to.inventory.identities.map((i) => [i.id, i]));
  const added = [...after.values()].filter((i) => !before.has(i.id)).map(identityRef);
  const removed = [...before.values()].filter((i) => !after.has(i.id)).map(identityRef);

  const oldFindings = new Map(from.findings.map((f) => [f.key, f]));
  const newFindings = new Map(to.findings.map((f) => [f.key, f]));
  const fresh: FindingRef[] = [];
  const severityChanged: ScanDiff['findings']['severityChanged'] = [];
  let persisting = 0;
  for (const [key, f] of newFindings) {
    const old = oldFindings.get(key);
    if (!old) fresh.push(findingRef(f));
    else {
      persisting++;
      if (old.severity !== f.severity) severityChanged.push({ key, from: old.severity, to: f.severity });
    }
  }
  const resolved = [...oldFindings.values()].filter((f) => !newFindings.has(f.key)).map(findingRef);

  const grantsBefore = groupBy(from.inventory.grants);
  const grantsAfter = groupBy(to.inventory.grants);
  const credsBefore = groupBy(from.inventory.credentials);
  const credsAfter = groupBy(to.inventory.credentials);
  const privilege: PrivilegeChange[] = [];
  const credentials: CredentialChange[] = [];
  for (const [id, identity] of after) {
    if (!before.has(id)) continue;
    const g = grantChanges(grantsBefore.get(id), grantsAfter.get(id));
    const r0 = from.reach.get(id) ?? { admin: false, escalation: false };
    const r1 = to.reach.get(id) ?? { admin: false, escalation: false };
    const change: PrivilegeChange = {
      identity: identityRef(identity),
      grantsAdded: g.added,
      grantsRemoved: g.removed,
      grantsChanged: g.changed,
      ...(r0.admin !== r1.admin ? { admin: { from: r0.admin, to: r1.admin } } : {}),
      ...(r0.escalation !== r1.escalation ? { escalation: { from: r0.escalation, to: r1.escalation } } : {}),
    };
    if (g.added.length + g.removed.length + g.changed.length > 0 || change.admin || change.escalation)
      privilege.push(change);
    const c = credentialChanges(credsBefore.get(id), credsAfter.get(id));
    if (c.added.length + c.removed.length + c.changed.length > 0)
      credentials.push({ identity: identityRef(identity), ...c });
  }

  const sortRefs = <T extends { id: string }>(x: T[]) => x.sort((p, q) => byString(p.id, q.id));
  const sortFindings = (x: FindingRef[]) => x.sort((p, q) => byString(p.key, q.key));
  return {
    from: from.scan,
    to: to.scan,
    identities: { added: sortRefs(added), removed: sortRefs(removed) },
    findings: {
      new: sortFindings(fresh),
      resolved: sortFindings(resolved),
      persisting,
      severityChanged: severityChanged.sort((p, q) => byString(p.key, q.key)),
    },
    privilege: privilege.sort((p, q) => byString(p.identity.id, q.identity.id)),
    credentials: credentials.sort((p, q) => byString(p.identity.id, q.identity.id)),
  };
}
