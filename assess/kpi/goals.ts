/**
 * The high-value goals an attacker who holds an identity's credentials reaches, from the AWS
 * effective-privilege analysis and the Entra privilege analysis (docs/kpis.md):
 *
 *   admin              AWS: admin-equivalent, or can become an admin-equivalent role.
 *                      Entra: holds an active privileged directory role (isPrivileged or tier 0).
 *   escalation         AWS: any escalation method that fires. Entra: a path to Global Administrator
 *                      or a control-plane (tier 0) application permission.
 *   secret-read        AWS: credential-returning actions granted broadly, or secret reads
 *                      (secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt).
 *   data-exfiltration  AWS: data-reading actions granted broadly (s3:GetObject, DynamoDB reads, ...).
 *                      Entra: a high-risk data permission (ScubaGear Critical/High, not control plane).
 *   identity-creation  AWS: escalation methods that create users, roles, access keys or passwords, or
 *                      iam:CreateAccessKey / CreateLoginProfile granted broadly. Entra: permissions
 *                      or roles that create applications, users or agent identities.
 * Admin implies every other goal.
 */
import { HIGH_VALUE_GOALS, type HighValueGoal } from '../../model/posture';
import type { Identity } from '../../model/inventory';
import { rowsOf } from '../inventory-index';
import { providerManaged } from '../util/provider-managed';
import { directoryRoleInfo, isControlPlanePermission, isHighRiskPermission } from '../entra/tiers';
import { credentialReach } from './agent-facts';
import { appGroup, type KpiContext } from './context';

export interface IdentityReach {
  goals: Set<HighValueGoal>;
  /** Goals that hold only when a policy condition is met (AWS) or a role is activated (Entra PIM). */
  conditional: Set<HighValueGoal>;
  evidence: string[];
}

const SECRET_ACTIONS =
  /^(secretsmanager:(batch)?getsecretvalue|ssm:getparameters?(bypath)?|ssm:getparameterhistory|kms:decrypt)$/i;
const CREATE_CREDENTIAL_ACTIONS =
  /^iam:(createaccesskey|createloginprofile|updateloginprofile|createuser|createrole)$/i;
/** Escalation method ids (assess/data/aws-escalation-methods.json) that create principals or their credentials. */
const CREATE_METHOD = /(^|-)(create-(user|role|access-key|login-profile)|update-login-profile)(-|$)/;

/** Graph application permissions that create applications, service principals, users or agents. */
const ENTRA_CREATE_PERMISSIONS = new Set(
  [
    'Application.ReadWrite.All',
    'Application.ReadWrite.OwnedBy',
    'Directory.ReadWrite.All',
    'User.ReadWrite.All',
    'User.Invite.All',
    'AgentIdentity.Create.All',
    'AgentIdentity.CreateAsManager',
    'AgentIdentity.ReadWrite.All',
    'AgentIdentityBlueprint.Create',
    'AgentIdentityBlueprint.ReadWrite.All',
  ].map((p) => p.toLowerCase()),
);
/** Directory roles that create applications, users or agent identities. */
const ENTRA_CREATE_ROLES = new Set(
  [
    'Application Administrator',
    'Cloud Application Administrator',
    'Application Developer',
    'User Administrator',
    'Agent ID Administrator',
    'Agent ID Developer',
  ].map((r) => r.toLowerCase()),
);

function sample(actions: readonly string[]): string {
  return actions.length > 5 ? `${actions.slice(0, 5).join(', ')}, ...` : actions.join(', ');
}

function awsReach(ctx: KpiContext, identity: Identity, out: IdentityReach): void {
  const p = ctx.aws.byIdentity.get(identity.id);
  if (!p) return;
  if (p.adminEquivalent) {
    if (p.adminEquivalent.conditional) {
      out.conditional.add('admin');
      out.evidence.push(`admin (only under conditions): ${p.adminEquivalent.summary}`);
    } else {
      out.goals.add('admin');
      out.evidence.push(`admin: ${p.adminEquivalent.summary}`);
    }
  }
  for (const r of p.adminReach) {
    out.goals.add('admin');
    out.evidence.push(`admin: can become ${r.targetName} (${r.hops.map((h) => h.via).join(' -> ')})`);
  }
  if (p.escalations.length > 0) {
    out.goals.add('escalation');
    out.evidence.push(`escalation: ${p.escalations.map((e) => e.method).join(', ')}`);
    const creating = p.escalations.filter((e) => CREATE_METHOD.test(e.method));
    if (creating.length > 0) {
      out.goals.add('identity-creation');
      out.evidence.push(`identity-creation: ${creating.map((e) => e.method).join(', ')}`);
    }
  }
  const minting = p.credentialExposure ? credentialReach(p.credentialExposure.actions) : [];
  if (p.credentialExposure && minting.length > 0) {
    out.goals.add('secret-read');
    out.evidence.push(`secret-read: ${p.credentialExposure.summary} (${sample(minting)})`);
    const creating = minting.filter((a) => CREATE_CREDENTIAL_ACTIONS.test(a));
    if (creating.length > 0) {
      out.goals.add('identity-creation');
      out.evidence.push(`identity-creation: ${creating.join(', ')} granted broadly`);
    }
  }
  if (p.dataExfiltration) {
    out.goals.add('data-exfiltration');
    out.evidence.push(
      `data-exfiltration: ${p.dataExfiltration.summary} (${sample(p.dataExfiltration.actions)})`,
    );
    const secrets = p.dataExfiltration.actions.filter((a) => SECRET_ACTIONS.test(a));
    if (secrets.length > 0) {
      out.goals.add('secret-read');
      out.evidence.push(`secret-read: ${secrets.join(', ')} granted broadly`);
    }
  }
}

function entraReach(ctx: KpiContext, identity: Identity, out: IdentityReach): void {
  for (const member of appGroup(ctx, identity)) {
    const e = ctx.entra.byIdentity.get(member.id);
    if (e) {
      for (const role of e.privilegedRoles) {
        const name = directoryRoleInfo(role).name;
        if (role.assignment === 'active') {
          out.goals.add('admin');
          out.evidence.push(`admin: privileged directory role ${name}`);
        } else {
          out.conditional.add('admin');
          out.evidence.push(`admin (after activation): eligible for ${name}`);
        }
      }
      for (const path of e.gaPaths) {
        out.goals.add('escalation');
        out.evidence.push(`escalation: ${path.grant.permission} (${path.method})`);
      }
      const pathGrants = new Set(e.gaPaths.map((p) => p.grant.id));
      for (const grant of e.controlPlanePermissions) {
        if (pathGrants.has(grant.id)) continue;
        out.goals.add('escalation');
        out.evidence.push(
          `escalation: control-plane permission ${grant.permission} on ${grant.resourceName}`,
        );
      }
    }
    for (const grant of rowsOf(ctx.index.grants, member.id)) {
      if (grant.kind === 'entra-app-role') {
        if (ENTRA_CREATE_PERMISSIONS.has(grant.permission.toLowerCase())) {
          out.goals.add('identity-creation');
          out.evidence.push(`identity-creation: ${grant.permission}`);
        }
        if (isHighRiskPermission(grant) && !isControlPlanePermission(grant)) {
          out.goals.add('data-exfiltration');
          out.evidence.push(`data-exfiltration: ${grant.permission} on ${grant.resourceName}`);
        }
      } else if (grant.kind === 'entra-directory-role' && grant.assignment === 'active') {
        const name = directoryRoleInfo(grant).name;
        if (ENTRA_CREATE_ROLES.has(name.toLowerCase())) {
          out.goals.add('identity-creation');
          out.evidence.push(`identity-creation: directory role ${name}`);
        }
      }
    }
  }
}

export function reachOf(ctx: KpiContext, identity: Identity): IdentityReach {
  const out: IdentityReach = { goals: new Set(), conditional: new Set(), evidence: [] };
  if (identity.provider === 'aws') awsReach(ctx, identity, out);
  else entraReach(ctx, identity, out);
  if (out.goals.has('admin')) for (const g of HIGH_VALUE_GOALS) out.goals.add(g);
  for (const g of out.goals) out.conditional.delete(g);
  return out;
}

/** Goals in the fixed order of HIGH_VALUE_GOALS. */
export function ordered(goals: ReadonlySet<HighValueGoal>): HighValueGoal[] {
  return HIGH_VALUE_GOALS.filter((g) => goals.has(g));
}

/**
 * Admin and escalation status of every identity that has either (the same definitions as
 * `reachOf`, without the evidence), read straight from the two privilege analyses. Provider-managed
 * identities are left out: they are not the client's. Kept per scan so a diff can say what changed.
 */
export function privilegeStatus(ctx: KpiContext): Map<string, { admin: boolean; escalation: boolean }> {
  const out = new Map<string, { admin: boolean; escalation: boolean }>();
  const set = (id: string, admin: boolean) => {
    const identity = ctx.index.identityById.get(id);
    if (!identity || providerManaged(identity)) return;
    const before = out.get(id);
    out.set(id, { admin: admin || (before?.admin ?? false), escalation: true });
  };
  for (const [id, p] of ctx.aws.byIdentity) {
    const admin =
      (p.adminEquivalent !== undefined && !p.adminEquivalent.conditional) || p.adminReach.length > 0;
    if (admin || p.escalations.length > 0) set(id, admin);
  }
  for (const [id, e] of ctx.entra.byIdentity) {
    const admin = e.privilegedRoles.some((r) => r.assignment === 'active');
    if (!admin && e.gaPaths.length === 0 && e.controlPlanePermissions.length === 0) continue;
    set(id, admin);
    // The application and its service principal are one app (see appGroup).
    const counterpart = ctx.index.entraCounterpart.get(id);
    if (counterpart) set(counterpart.id, admin);
  }
  return out;
}
