import { describe, expect, it } from 'vitest';
import { assessInventory } from '../../assess';
import { analyzeEntraPrivilege } from '../../assess/entra/paths';
import { indexInventory } from '../../assess/inventory-index';
import type { Finding } from '../../model/findings';
import type { Inventory } from '../../model/inventory';
import { NOW, appRole, clientSecret, directoryRole, entraApp, entraSp, inventory, owner } from './fixtures';

const run = (inv: Inventory): Finding[] => assessInventory(inv, { now: NOW }).findings;
const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

const robot = entraSp('Provisioning Robot', 'sp-robot');
const robotApp = entraApp('Provisioning Robot', 'app-robot', robot);
const helper = entraSp('Helpdesk Helper', 'sp-helper');
const helperApp = entraApp('Helpdesk Helper', 'app-helper', helper);

describe('paths to Global Administrator', () => {
  it('RoleManagement.ReadWrite.Directory: assign Global Administrator directly', () => {
    const grant = appRole(robot, 'RoleManagement.ReadWrite.Directory');
    const [f] = byRule(
      run(
        inventory({
          identities: [robot, { ...robotApp, owners: [owner('ops@contoso.com')] }],
          grants: [grant],
        }),
      ),
      'AA-ENT-PATH-001',
    );
    expect(f).toMatchObject({
      severity: 'critical',
      identityId: robot.id,
      key: `AA-ENT-PATH-001|${robot.id}|${grant.id}`,
    });
    expect(f?.evidence[0]).toMatchObject({
      ref: grant.id,
      data: expect.objectContaining({
        permission: 'RoleManagement.ReadWrite.Directory',
        eamTier: expect.stringContaining('0'),
      }),
    });
  });

  it('AppRoleAssignment.ReadWrite.All: grant itself any permission', () => {
    const grant = appRole(robot, 'AppRoleAssignment.ReadWrite.All');
    const findings = run(inventory({ identities: [robot], grants: [grant] }));
    expect(byRule(findings, 'AA-ENT-PATH-002')).toHaveLength(1);
    expect(byRule(findings, 'AA-ENT-PATH-002')[0]?.evidence[0]?.ref).toBe(grant.id);
  });

  it.each(['Application.ReadWrite.All', 'Directory.ReadWrite.All'])(
    '%s: add a secret to a privileged app and become it',
    (permission) => {
      const grant = appRole(helper, permission);
      const target = directoryRole(
        robot,
        'e8611ab8-c189-46e8-94e1-60213ab1f814',
        'Privileged Role Administrator',
      );
      const findings = run(inventory({ identities: [robot, helper], grants: [grant, target] }));
      const [f] = byRule(findings, 'AA-ENT-PATH-003');
      expect(f).toMatchObject({ severity: 'critical', identityId: helper.id });
      expect(f?.evidence.map((e) => e.ref)).toEqual([grant.id, robot.id]);
      expect(f?.message).toContain('Privileged Role Administrator');
    },
  );

  it('the credential path never lists the holder itself as a target', () => {
    const inv = inventory({
      identities: [helper, helperApp],
      grants: [appRole(helper, 'Application.ReadWrite.All')],
    });
    const analysis = analyzeEntraPrivilege(indexInventory(inv));
    expect(analysis.byIdentity.get(helper.id)?.gaPaths).toEqual([
      expect.objectContaining({ method: 'add-credential-to-any-app', targets: [], targetCount: 0 }),
    ]);
    expect(byRule(run(inv), 'AA-ENT-PATH-003')[0]?.severity).toBe('high');
  });

  it('names at most ten takeover targets, those one step from Global Administrator first', () => {
    const privileged = Array.from({ length: 14 }, (_, i) =>
      entraSp(`Privileged ${String(i).padStart(2, '0')}`, `sp-p${i}`),
    );
    const grants = privileged.map((sp, i) =>
      appRole(sp, i === 13 ? 'RoleManagement.ReadWrite.Directory' : 'Policy.ReadWrite.ConditionalAccess'),
    );
    const inv = inventory({
      identities: [helper, ...privileged],
      grants: [appRole(helper, 'Application.ReadWrite.All'), ...grants],
    });
    const [f] = byRule(run(inv), 'AA-ENT-PATH-003');
    expect(f?.message).toContain('can take over 14 privileged app(s), e.g. Privileged 13');
    const paths = f?.evidence.filter((e) => e.type === 'path') ?? [];
    expect(paths).toHaveLength(10);
    expect(paths[0]?.ref).toBe('entra:sp-p13');
    expect(f?.evidence.at(-1)?.summary).toBe('4 further privileged apps can be taken over the same way');
  });

  it('owners of a privileged app, or of its service principal, can become it', () => {
    const inv = inventory({
      identities: [
        { ...robot, owners: [owner('sp-owner@contoso.com')] },
        {
          ...robotApp,
          owners: [
            owner('dev@contoso.com'),
            {
              ...owner('ci@contoso.com'),
              type: 'servicePrincipal',
              principalName: undefined,
              displayName: 'CI pipeline',
            },
          ],
        },
      ],
      grants: [appRole(robot, 'Application.ReadWrite.All')],
    });
    const [f] = byRule(run(inv), 'AA-ENT-PATH-004');
    expect(f?.identityId).toBe(robot.id);
    expect(f?.evidence.map((e) => e.summary)).toEqual([
      expect.stringContaining('sp-owner@contoso.com owns Provisioning Robot'),
      expect.stringContaining('dev@contoso.com owns Provisioning Robot'),
      expect.stringContaining('servicePrincipal CI pipeline owns'),
    ]);
  });

  it('Global Administrator held by an app that signs in with a secret', () => {
    const role = directoryRole(robot, '62e90394-69f5-4237-9190-012177145e10', 'Global Administrator');
    const secret = clientSecret(robotApp, 'k-ga');
    const [f] = byRule(
      run(inventory({ identities: [robot, robotApp], grants: [role], credentials: [secret] })),
      'AA-ENT-PRIV-002',
    );
    expect(f).toMatchObject({ severity: 'critical' });
    expect(f?.evidence.map((e) => e.ref)).toEqual([role.id, secret.id]);
  });

  it('a privileged role held without secrets and not GA-equivalent stays high', () => {
    const role = directoryRole(
      robot,
      'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
      'Conditional Access Administrator',
    );
    const [f] = byRule(run(inventory({ identities: [robot], grants: [role] })), 'AA-ENT-PRIV-002');
    expect(f?.severity).toBe('high');
  });
});

describe('first-party and provider-managed principals', () => {
  const msGraphPowerShell = entraSp(
    'Microsoft Graph Command Line Tools',
    'sp-mgcli',
    {},
    {
      appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
      firstParty: true,
      multiTenant: true,
    },
  );

  it('are not reported even with tier-0 permissions, tenant-wide consent and no owner', () => {
    const inv = inventory({
      identities: [msGraphPowerShell],
      grants: [appRole(msGraphPowerShell, 'RoleManagement.ReadWrite.Directory')],
      credentials: [clientSecret(msGraphPowerShell, 'k-ms')],
    });
    expect(run(inv)).toEqual([]);
  });

  it('are recognised from appOwnerOrganizationId when the collector did not set firstParty', () => {
    const sp = entraSp(
      'Office 365 Exchange Online',
      'sp-exo',
      {},
      { appOwnerOrganizationId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' },
    );
    delete (sp.attributes as Record<string, unknown>)['firstParty'];
    const inv = inventory({ identities: [sp], grants: [appRole(sp, 'Application.ReadWrite.All')] });
    expect(run(inv)).toEqual([]);
  });

  it('still count as takeover targets for others', () => {
    const privilegedMs = { ...msGraphPowerShell };
    const inv = inventory({
      identities: [privilegedMs, helper],
      grants: [
        appRole(privilegedMs, 'RoleManagement.ReadWrite.Directory'),
        appRole(helper, 'Directory.ReadWrite.All'),
      ],
    });
    const findings = run(inv);
    expect(findings.every((f) => f.identityId === helper.id)).toBe(true);
    expect(byRule(findings, 'AA-ENT-PATH-003')[0]?.severity).toBe('critical');
  });
});
