/**
 * Every published method: it fires when exactly its actions are granted on `*`, and does not
 * when any one of them is missing. The account gives each kind of method something to act on:
 * an administrator role trusted by the account and by every service the methods use (with a
 * customer managed policy attached), a boundary-limited role, an administrator user in the
 * Admins group. The tester is a user for user and group methods, a role otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeAwsPrivilege,
  type AwsCatalog,
  ESCALATION_METHODS,
  type EscalationMethod,
} from '../../../assess/aws';
import type { PolicyStatement } from '../../../model/inventory';
import { ACCOUNT, catalog, InventoryBuilder } from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

const SERVICES = [...new Set(ESCALATION_METHODS.flatMap((m) => m.servicePrincipals ?? []))];

function testerIsUser(m: EscalationMethod): boolean {
  return m.kind === 'join-group' || m.targetType === 'user' || m.targetType === 'group';
}

function scenario(method: EscalationMethod, actions: readonly string[]) {
  const b = new InventoryBuilder();
  const admin = b.role('TargetAdministrator');
  b.policy(admin, [{ Effect: 'Allow', Action: '*', Resource: '*' }], {
    name: 'TargetAdministratorPolicy',
    arn: `arn:aws:iam::${ACCOUNT}:policy/TargetAdministratorPolicy`,
  });
  b.trust(admin, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
  for (const service of SERVICES)
    b.trust(admin, service === 'cognito-identity.amazonaws.com' ? 'Federated' : 'Service', service);
  const bounded = b.role('BoundedOperator');
  b.policy(bounded, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  b.policy(bounded, [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }], { boundary: true });
  b.trust(bounded, 'AWS', `arn:aws:iam::${ACCOUNT}:root`);
  const adminUser = b.user('platform-admin');
  b.policy(adminUser, [{ Effect: 'Allow', Action: '*', Resource: '*' }], {
    name: 'AdminsPolicy',
    attachedVia: 'Admins',
  });

  const tester = testerIsUser(method)
    ? b.user('escalation-tester', { groups: ['Developers'] })
    : b.role('EscalationTester');
  const grant: PolicyStatement = { Effect: 'Allow', Action: [...actions], Resource: '*' };
  // A harmless customer managed policy, so methods that rewrite an attached policy have one.
  b.policy(tester, [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }], {
    name: 'TesterBase',
    arn: `arn:aws:iam::${ACCOUNT}:policy/TesterBase`,
  });
  if (method.kind === 'remove-boundary' && method.via !== 'assume') {
    // What the boundary holds back is what removing it gains.
    b.policy(tester, [grant, { Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    b.policy(tester, [grant], { boundary: true });
  } else b.policy(tester, [grant]);
  return { inventory: b.inventory, tester };
}

function firedMethods(method: EscalationMethod, actions: readonly string[]) {
  const { inventory, tester } = scenario(method, actions);
  const r = analyzeAwsPrivilege(inventory, { catalog: cat }).byIdentity.get(tester);
  if (!r) throw new Error('tester missing');
  return {
    escalations: r.escalations.map((e) => e.methodId),
    constrained: r.constrainedEscalations.map((e) => e.methodId),
    finding: r.escalations.find((e) => e.methodId === method.id),
  };
}

describe('escalation method data', () => {
  it('has at least 50 methods with unique ids, references and actions the catalogue knows', () => {
    expect(ESCALATION_METHODS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ESCALATION_METHODS.map((m) => m.id)).size).toBe(ESCALATION_METHODS.length);
    for (const m of ESCALATION_METHODS) {
      expect(m.references.length, m.id).toBeGreaterThan(0);
      for (const a of m.actions) expect(cat.indexOf(a), `${m.id}: ${a}`).toBeDefined();
    }
  });
});

describe.each(ESCALATION_METHODS.map((m) => [m.id, m] as const))('method %s', (_id, method) => {
  it('fires when exactly its actions are granted on *', () => {
    const { escalations, finding } = firedMethods(method, method.actions);
    expect(escalations).toContain(method.id);
    expect(finding?.actions.length).toBeGreaterThan(0);
    expect(finding?.targets.length).toBeGreaterThan(0);
  });

  it.each(method.actions.map((a) => [a]))('does not fire without %s', (missing) => {
    const { escalations, constrained } = firedMethods(
      method,
      method.actions.filter((a) => a !== missing),
    );
    expect(escalations).not.toContain(method.id);
    expect(constrained).not.toContain(method.id);
  });
});
