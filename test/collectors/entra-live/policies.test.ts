/**
 * The default app management policy and the conditional access policies for workload and agent
 * identities: read live (one object and a beta list), attached to the identities they bind, and
 * reported when the permission is missing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import type { Identity } from '../../../model/inventory';
import { collect, coverageRow, graphRequests, liveInventory, startDemoEmulator } from './helpers';

let emulator: GraphEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function scan(faults: Parameters<typeof startDemoEmulator>[0] = {}) {
  const started = await startDemoEmulator({ size: 600, ...faults });
  emulator = started.emulator;
  const collection = await collect(started.emulator);
  return { inventory: liveInventory(collection, started.emulator, started.demo.info.tenantId), ...started };
}

type CaSummary = { displayName?: string; state?: string; builtInControls?: string[] };
const caOf = (i: Identity) => (i.attributes.conditionalAccessPolicies ?? []) as CaSummary[];

describe('tenant policies', () => {
  it('reads the default app management policy as one object and binds apps created after its date', async () => {
    const { inventory, emulator: emu } = await scan();
    const asked = graphRequests(emu).find((r) => r.path === '/v1.0/policies/defaultAppManagementPolicy');
    expect(asked).toMatchObject({ method: 'GET', status: 200 });
    expect(asked?.query).toContain('$select=id,displayName,description,isEnabled,applicationRestrictions');
    expect(coverageRow(inventory, 'defaultAppManagementPolicy')).toMatchObject({
      status: 'complete',
      itemCount: 1,
    });
    const apps = inventory.identities.filter((i) => i.kind === 'entra-application' && i.createdAt);
    const newer = apps.filter((i) => (i.createdAt ?? '') >= '2025-01-01T00:00:00.000Z');
    const older = apps.filter((i) => (i.createdAt ?? '') < '2025-01-01T00:00:00.000Z');
    expect(newer.length).toBeGreaterThan(0);
    expect(older.length).toBeGreaterThan(0);
    for (const app of newer)
      expect(app.attributes.appManagementPolicy).toMatchObject({
        restrictions: [
          expect.objectContaining({ restrictionType: 'passwordLifetime', maxLifetime: 'P365D' }),
        ],
      });
    for (const app of older) expect(app.attributes.appManagementPolicy).toBeUndefined();
  });

  it('marks the identities a workload or agent policy targets, minus its exclusions, and skips user policies', async () => {
    const { inventory, demo } = await scan();
    const policies = (demo.entra['beta/identity/conditionalAccess/policies']?.value ?? []) as {
      displayName: string;
      conditions: {
        clientApplications: {
          excludeServicePrincipals: string[];
          includeAgentIdServicePrincipals: string[];
        } | null;
      };
    }[];
    const block = policies.find((p) => p.displayName === 'Block high-risk workload identities');
    const excluded = block?.conditions.clientApplications?.excludeServicePrincipals[0];
    const agentId = policies.find((p) => p.displayName.startsWith('Agents only'))?.conditions
      .clientApplications?.includeAgentIdServicePrincipals[0];
    expect(excluded && agentId).toBeTruthy();

    const blocked = inventory.identities.filter((i) =>
      caOf(i).some((p) => p.displayName === 'Block high-risk workload identities'),
    );
    expect(blocked.length).toBeGreaterThan(10);
    expect(
      blocked.every(
        (i) => i.kind === 'entra-service-principal' || i.kind === 'entra-agent-blueprint-principal',
      ),
    ).toBe(true);
    expect(blocked.some((i) => i.nativeId === excluded)).toBe(false);
    // Managed identities and third-party apps are outside "service principals in my tenant".
    expect(
      inventory.identities
        .filter((i) => i.kind === 'entra-managed-identity')
        .every((i) => caOf(i).length === 0),
    ).toBe(true);

    const agent = inventory.identities.find((i) => i.nativeId === agentId);
    expect(caOf(agent as Identity)).toEqual([
      expect.objectContaining({ state: 'enabledForReportingButNotEnforced', builtInControls: ['block'] }),
    ]);
    expect(
      inventory.identities.some((i) =>
        caOf(i).some((p) => p.displayName === 'Require MFA for Global Administrators'),
      ),
    ).toBe(false);
    expect(coverageRow(inventory, 'conditionalAccessPolicies')).toMatchObject({
      status: 'complete',
      itemCount: 2,
      message: '2 of 3 policies apply to workload or agent identities; 1 only report',
    });
  });

  it('without Policy.Read.All both are reported with the permission, and the rest of the scan stands', async () => {
    const { inventory } = await scan({
      faults: [
        { kind: 'status', path: 'beta/identity/conditionalAccess/policies', status: 403 },
        { kind: 'status', path: 'v1.0/policies/defaultAppManagementPolicy', status: 403 },
      ],
    });
    expect(coverageRow(inventory, 'conditionalAccessPolicies')).toMatchObject({ status: 'failed' });
    expect(coverageRow(inventory, 'conditionalAccessPolicies')?.message).toContain(
      'Policy.Read.All needed for beta/identity/conditionalAccess/policies',
    );
    expect(coverageRow(inventory, 'defaultAppManagementPolicy')?.message).toContain(
      'Policy.Read.All needed for v1.0/policies/defaultAppManagementPolicy',
    );
    expect(inventory.identities.every((i) => i.attributes.conditionalAccessPolicies === undefined)).toBe(
      true,
    );
    expect(coverageRow(inventory, 'servicePrincipals')?.status).toBe('complete');
  });
});
