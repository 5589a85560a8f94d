/**
 * Per-identity facts the KPIs share: is it privileged, does it hold standing keys. Kept in one
 * place so the Containment Ratio and the Delegation Integrity Score use the same definitions.
 */
import type { Credential, Identity } from '../../model/inventory';
import { rowsOf } from '../inventory-index';
import { isControlPlanePermission, isHighRiskPermission } from '../entra/tiers';
import { toMs } from '../util/time';
import { appGroup, type KpiContext } from './context';

/** Credential kinds that are a secret someone holds and that stay valid until revoked or expired. */
const STANDING_KINDS: ReadonlySet<Credential['kind']> = new Set([
  'access-key',
  'password',
  'signing-certificate',
  'client-secret',
  'certificate',
  'service-specific',
]);

/** Active (not disabled, not past expiry) standing credentials of the identity and its app counterpart. */
export function standingCredentials(ctx: KpiContext, identity: Identity): Credential[] {
  const out: Credential[] = [];
  for (const member of appGroup(ctx, identity)) {
    for (const c of rowsOf(ctx.index.credentials, member.id)) {
      if (!STANDING_KINDS.has(c.kind) || c.status !== 'active') continue;
      const expires = toMs(c.expiresAt);
      if (expires !== undefined && expires <= ctx.nowMs) continue;
      out.push(c);
    }
  }
  return out;
}

/**
 * Privileged = holds or can reach administrator-level control:
 *   AWS: admin-equivalent (also when only under conditions), can become an admin-equivalent
 *        identity, or has an escalation method that reaches admin.
 *   Entra: holds a privileged directory role (active or eligible), a control-plane permission, or a
 *        path to Global Administrator (identity or its app counterpart).
 * Returns the reasons; empty = not privileged.
 */
export function privilegeReasons(ctx: KpiContext, identity: Identity): string[] {
  const reasons: string[] = [];
  if (identity.provider === 'aws') {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p) return reasons;
    if (p.adminEquivalent)
      reasons.push(`admin-equivalent${p.adminEquivalent.conditional ? ' (under conditions)' : ''}`);
    for (const r of p.adminReach) reasons.push(`can become admin-equivalent ${r.targetName}`);
    const toAdmin = p.escalations.filter((e) => e.reachesAdmin).map((e) => e.method);
    if (toAdmin.length > 0) reasons.push(`escalation to admin: ${toAdmin.join(', ')}`);
    return reasons;
  }
  for (const member of appGroup(ctx, identity)) {
    const e = ctx.entra.byIdentity.get(member.id);
    if (!e) continue;
    for (const r of e.privilegedRoles)
      reasons.push(`privileged directory role ${r.roleName} (${r.assignment})`);
    for (const g of e.controlPlanePermissions) reasons.push(`control-plane permission ${g.permission}`);
    for (const p of e.gaPaths) reasons.push(`path to Global Administrator via ${p.grant.permission}`);
  }
  return [...new Set(reasons)];
}

/** Entra permissions that reach broadly: high-risk application permissions and high-risk consents for everyone. */
export function broadEntraPermissions(ctx: KpiContext, identity: Identity): string[] {
  const out: string[] = [];
  for (const member of appGroup(ctx, identity)) {
    for (const g of rowsOf(ctx.index.grants, member.id)) {
      if (g.kind === 'entra-app-role' && (isHighRiskPermission(g) || isControlPlanePermission(g)))
        out.push(`${g.permission} (application) on ${g.resourceName}`);
      else if (
        g.kind === 'entra-delegated-scope' &&
        g.consentType === 'AllPrincipals' &&
        isHighRiskPermission(g)
      )
        out.push(`${g.permission} (delegated, all users) on ${g.resourceName}`);
    }
  }
  return [...new Set(out)].sort();
}

/**
 * The credential-returning actions that reach beyond the caller's own permissions: the impact list
 * AA-AWS-PRIV-003 uses (assess/rules/aws-privilege/credential-actions.ts), so the KPIs and the
 * finding agree on what counts.
 */
export { credentialReach } from '../rules/aws-privilege/credential-actions';
