/**
 * Containment Ratio (posture measure): the share of agents whose reach is bounded. An agent is
 * contained when it passes every applicable test (docs/kpis.md):
 *
 *   bounded           AWS: a permissions boundary is attached, or every Allow statement of its
 *                     identity policies carries a Condition (and no managed policy is unreadable).
 *                     Entra: not applicable (no boundary exists; Conditional Access for workload
 *                     identities is not collected).
 *   scopedResources   AWS: not admin-equivalent and no credential-returning, data-reading or
 *                     permissions-management action granted on broad resources.
 *                     Entra: no high-risk or control-plane application permission and no high-risk
 *                     delegated permission consented for all users.
 *   noStandingKeys    No active access key, password, signing certificate, client secret,
 *                     certificate or service-specific credential (federated credentials, managed
 *                     identities and role sessions are not standing keys).
 *   noPrivilegedRole  Not privileged (agent-facts.ts: admin-equivalent or reaching admin in AWS;
 *                     privileged role, control-plane permission or Global Administrator path in Entra).
 */
import {
  CONTAINMENT_TESTS,
  type AgentContainment,
  type ContainmentKpi,
  type ContainmentTest,
  type TestOutcome,
} from '../../model/posture';
import type { Identity } from '../../model/inventory';
import { rowsOf } from '../inventory-index';
import { broadEntraPermissions, credentialReach, privilegeReasons, standingCredentials } from './agent-facts';
import { displayName, type KpiContext } from './context';
import { ratioValue } from './ratio';

const pass = (reason: string): TestOutcome => ({ result: 'pass', reason });
const fail = (reason: string): TestOutcome => ({ result: 'fail', reason });
const na = (reason: string): TestOutcome => ({ result: 'n/a', reason });

function bounded(ctx: KpiContext, identity: Identity): TestOutcome {
  if (identity.provider !== 'aws')
    return na(
      'Entra ID has no permissions boundary; Conditional Access for workload identities is not collected',
    );
  const grants = rowsOf(ctx.index.grants, identity.id);
  const boundary =
    grants.some((g) => g.kind === 'aws-permissions-boundary') ||
    typeof identity.attributes['permissionsBoundaryArn'] === 'string';
  if (boundary) return pass('a permissions boundary is attached');
  const unreadable = grants.filter((g) => g.kind === 'aws-managed-policy-ref');
  if (unreadable.length > 0)
    return fail(
      `no permissions boundary, and managed policies without their document: ${unreadable.map((g) => g.policyName).join(', ')}`,
    );
  const allows = grants.filter((g) => g.kind === 'aws-policy-statement' && g.statement.Effect === 'Allow');
  if (allows.length === 0) return pass('no Allow statement at all');
  const open = allows.filter((g) => g.kind === 'aws-policy-statement' && !g.statement.Condition);
  if (open.length === 0) return pass(`all ${allows.length} Allow statements carry conditions`);
  return fail(
    `no permissions boundary, and ${open.length} of ${allows.length} Allow statements have no condition`,
  );
}

function scopedResources(ctx: KpiContext, identity: Identity): TestOutcome {
  if (identity.provider === 'aws') {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p) return pass('no AWS permissions evaluated for it');
    const broad: string[] = [];
    if (p.adminEquivalent) broad.push(`admin-equivalent (${p.adminEquivalent.summary})`);
    const minting = p.credentialExposure ? credentialReach(p.credentialExposure.actions) : [];
    if (minting.length > 0) broad.push(`credential-returning: ${minting.join(', ')}`);
    if (p.dataExfiltration) broad.push(`data-reading: ${p.dataExfiltration.summary}`);
    if (p.resourceExposure) broad.push(`resource exposure: ${p.resourceExposure.summary}`);
    return broad.length > 0 ? fail(broad.join('; ')) : pass('no sensitive action granted on broad resources');
  }
  const broad = broadEntraPermissions(ctx, identity);
  return broad.length > 0
    ? fail(`high-risk permissions: ${broad.join(', ')}`)
    : pass('no high-risk or control-plane permission');
}

function noStandingKeys(ctx: KpiContext, identity: Identity): TestOutcome {
  const keys = standingCredentials(ctx, identity);
  if (keys.length === 0) return pass('no active standing credential');
  return fail(
    `${keys.length} active standing credential(s): ${keys.map((c) => `${c.kind} ${c.name ?? c.nativeId}`).join(', ')}`,
  );
}

function noPrivilegedRole(ctx: KpiContext, identity: Identity): TestOutcome {
  const reasons = privilegeReasons(ctx, identity);
  return reasons.length > 0
    ? fail(reasons.join('; '))
    : pass('no privileged role, permission or path to admin');
}

export function containmentOf(ctx: KpiContext, identity: Identity): AgentContainment {
  const tests: Record<ContainmentTest, TestOutcome> = {
    bounded: bounded(ctx, identity),
    scopedResources: scopedResources(ctx, identity),
    noStandingKeys: noStandingKeys(ctx, identity),
    noPrivilegedRole: noPrivilegedRole(ctx, identity),
  };
  return {
    identityId: identity.id,
    name: displayName(identity),
    contained: CONTAINMENT_TESTS.every((t) => tests[t].result !== 'fail'),
    tests,
  };
}

export function containmentRatio(ctx: KpiContext, agents: readonly Identity[]): ContainmentKpi {
  const rows = agents.map((a) => containmentOf(ctx, a));
  const byTest = Object.fromEntries(
    CONTAINMENT_TESTS.map((t) => [
      t,
      {
        pass: rows.filter((r) => r.tests[t].result === 'pass').length,
        fail: rows.filter((r) => r.tests[t].result === 'fail').length,
        notApplicable: rows.filter((r) => r.tests[t].result === 'n/a').length,
      },
    ]),
  ) as ContainmentKpi['byTest'];
  const contained = rows.filter((r) => r.contained).map((r) => r.identityId);
  return {
    id: 'containment-ratio',
    name: 'Containment Ratio',
    label: 'posture measure',
    formula:
      'agents passing every applicable test: bounded (permissions boundary or every Allow conditioned), scoped resources (no sensitive action on broad resources, no high-risk Entra permission), no standing keys, no privileged role / agents',
    numerator: contained.length,
    denominator: rows.length,
    value: ratioValue(contained.length, rows.length),
    unit: 'ratio',
    numeratorIds: contained,
    denominatorIds: rows.map((r) => r.identityId),
    notes: [
      'Entra agents are judged on the three tests that apply to them: Entra ID has no permissions boundary.',
      'AWS permissions boundaries are taken as bounding when attached; their content is judged by the privilege analysis.',
    ],
    byTest,
    agents: rows,
  };
}
