/**
 * The per-identity appendix: for each identity with findings, agents first, what it is, who answers
 * for it, its credentials, privileges, trusts, escalation paths and findings. Identities without
 * findings are never listed (the exports have them); above `appendixIdentities` the rest are counted.
 */
import type { Credential, Grant, Trust } from '../../model/inventory';
import { DAY_MS } from '../../assess/util/time';
import { SEVERITY_RANK, clip, compareText, day, isAgent } from '../format';
import type { AppendixCredential, AppendixEntry, AppendixView } from '../types';
import type { ReportContext } from './context';

/** Rules whose findings are privilege escalation or takeover paths. */
const ESCALATION_RULES = new Set([
  'AA-AWS-PRIV-001',
  'AA-AWS-PRIV-002',
  'AA-AWS-PRIV-006',
  'AA-ENT-PATH-001',
  'AA-ENT-PATH-002',
  'AA-ENT-PATH-003',
  'AA-ENT-PATH-004',
]);

const MAX_PRIVILEGE_LINES = 6;
const MAX_TRUST_LINES = 4;
const MAX_CREDENTIALS = 6;
const MAX_ACTIONS = 5;

const CREDENTIAL_LABEL: Record<Credential['kind'], string> = {
  'access-key': 'Access key',
  password: 'Console password',
  'signing-certificate': 'Signing certificate',
  'client-secret': 'Client secret',
  certificate: 'Certificate',
  'federated-credential': 'Federated credential',
  'service-specific': 'Service credential',
};

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function actionsText(actions: string[]): string {
  const shown = actions.slice(0, MAX_ACTIONS).join(', ');
  return actions.length > MAX_ACTIONS ? `${shown} +${actions.length - MAX_ACTIONS} more` : shown;
}

const GRANT_ORDER: Record<Grant['kind'], number> = {
  'entra-directory-role': 0,
  'entra-app-role': 1,
  'entra-delegated-scope': 2,
  'aws-policy-statement': 0,
  'aws-managed-policy-ref': 1,
  'aws-permissions-boundary': 2,
};

export function grantLine(g: Grant): string {
  switch (g.kind) {
    case 'aws-policy-statement': {
      const st = g.statement;
      const actions = st.NotAction !== undefined ? [`NOT ${list(st.NotAction).join(', ')}`] : list(st.Action);
      const via = g.attachedVia ? `, via ${g.attachedVia}` : '';
      const cond = st.Condition ? ' (with conditions)' : '';
      return `${g.policyName} (${g.policyType}${via}): ${st.Effect} ${actionsText(actions)} on ${g.resource}${cond}`;
    }
    case 'aws-permissions-boundary':
      return `Permissions boundary ${g.policyName}: ${g.statement.Effect} ${actionsText(list(g.statement.Action))}`;
    case 'aws-managed-policy-ref':
      return `${g.policyName} (managed policy${g.attachedVia ? `, via ${g.attachedVia}` : ''}; document not in the export)`;
    case 'entra-app-role':
      return `${g.resourceName}: ${g.permission} (application permission)`;
    case 'entra-delegated-scope':
      return `${g.resourceName}: ${g.permission} (delegated, ${g.consentType === 'AllPrincipals' ? 'all users' : 'one user'})`;
    case 'entra-directory-role':
      return `Directory role ${g.roleName} (${g.assignment}${g.isPrivileged ? ', privileged' : ''}, scope ${g.directoryScopeId})`;
  }
}

function trustLine(t: Trust): string {
  const actions = t.actions.length ? ` (${t.actions.join(', ')})` : '';
  return `${t.effect === 'Deny' ? 'Deny ' : ''}${t.principalType}: ${t.principal}${actions}`;
}

function credentialView(c: Credential, nowMs: number): AppendixCredential {
  const created = c.createdAt ? Date.parse(c.createdAt) : Number.NaN;
  return {
    kind: CREDENTIAL_LABEL[c.kind],
    name: c.name ?? c.nativeId,
    status: c.status,
    createdAt: day(c.createdAt),
    expiresAt: day(c.expiresAt),
    lastUsedAt: day(c.lastUsedAt),
    ageDays: Number.isNaN(created) ? undefined : Math.floor((nowMs - created) / DAY_MS),
  };
}

function groupBy<T extends { identityId: string }>(rows: readonly T[], wanted: ReadonlySet<string>) {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (!wanted.has(r.identityId)) continue;
    let l = out.get(r.identityId);
    if (!l) out.set(r.identityId, (l = []));
    l.push(r);
  }
  return out;
}

export function buildAppendix(ctx: ReportContext): AppendixView {
  const ids = [...ctx.findingsByIdentity.keys()].sort(ctx.compareIdentities);
  const agentsWithFindings = ids.filter((id) => isAgent(ctx.verdict(id))).length;
  const shown = ids.slice(0, ctx.limits.appendixIdentities);
  const wanted = new Set(shown);
  const inv = ctx.input.inventory;
  const credentials = groupBy(inv.credentials, wanted);
  const grants = groupBy(inv.grants, wanted);
  const trusts = groupBy(inv.trusts, wanted);
  const activities = groupBy(inv.activities, wanted);
  const nowMs = Date.parse(ctx.input.assessment.assessedAt);

  const entries: AppendixEntry[] = shown.map((id) => {
    const identity = ctx.identityById.get(id);
    const c = ctx.classificationOf(id);
    const findings = [...(ctx.findingsByIdentity.get(id) ?? [])].sort(
      (a, b) =>
        Number(!ctx.counted(a)) - Number(!ctx.counted(b)) ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        compareText(a.key, b.key),
    );
    const grantLines = (grants.get(id) ?? [])
      .map((g) => ({ order: GRANT_ORDER[g.kind], text: clip(grantLine(g), 180) }))
      .sort((a, b) => a.order - b.order || compareText(a.text, b.text))
      .map((g) => g.text);
    const trustLines = (trusts.get(id) ?? [])
      .filter((t) => t.kind !== 'owner' && t.kind !== 'sponsor')
      .map((t) => clip(trustLine(t), 180))
      .sort(compareText);
    const creds = (credentials.get(id) ?? [])
      .map((cr) => credentialView(cr, nowMs))
      .sort((a, b) => compareText(a.status, b.status) || compareText(a.createdAt, b.createdAt));
    let lastUsed = '';
    for (const a of activities.get(id) ?? []) if (a.lastUsedAt > lastUsed) lastUsed = a.lastUsedAt;
    const factors = ctx.storedScore(id)?.factors ?? [];
    return {
      identity: ctx.ref(id),
      description: clip(identity?.description ?? '', 300),
      enabled: identity?.enabled ?? true,
      createdAt: day(identity?.createdAt),
      agentConfidence: c?.confidence ?? 0,
      agentSignals: (c?.signals ?? []).slice(0, 2).map((s) => clip(`${s.strength}: ${s.summary}`, 200)),
      providerManaged: c?.providerManaged,
      score: ctx.score(id),
      factors: factors
        .filter((f) => f.contribution !== 0)
        .map((f) => ({
          factor: f.factor,
          points: f.contribution,
          detail: `${f.findings.length} finding${f.findings.length === 1 ? '' : 's'}, ${f.points} points × weight ${f.weight}`,
        })),
      owners: (identity?.owners ?? []).map((o) => ({
        name: o.principalName ?? o.displayName ?? o.nativeId,
        relation: o.relation,
        enabled: o.enabled,
      })),
      credentials: creds.slice(0, MAX_CREDENTIALS),
      credentialCount: creds.length,
      privileges: {
        count: grantLines.length,
        lines: grantLines.slice(0, MAX_PRIVILEGE_LINES),
        omitted: Math.max(0, grantLines.length - MAX_PRIVILEGE_LINES),
      },
      trusts: trustLines.slice(0, MAX_TRUST_LINES),
      escalation: findings
        .filter((f) => ESCALATION_RULES.has(f.ruleId) && ctx.counted(f))
        .map((f) => clip(f.message, 260)),
      findings: findings.slice(0, ctx.limits.findingsPerIdentity).map((f) => ({
        ruleId: f.ruleId,
        title: f.title,
        severity: f.severity,
        // Escalation findings already print their path above; the list keeps their title only.
        message: ESCALATION_RULES.has(f.ruleId) && ctx.counted(f) ? '' : clip(f.message, 200),
        status: ctx.status(f),
      })),
      omittedFindings: Math.max(0, findings.length - ctx.limits.findingsPerIdentity),
      lastUsedAt: day(lastUsed || undefined),
    };
  });

  return {
    entries,
    identitiesWithFindings: ids.length,
    agentsWithFindings,
    omitted: ids.length - shown.length,
    withoutFindings: inv.identities.length - ids.length,
  };
}
