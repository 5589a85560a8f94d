import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoTenant } from '../../../collectors/demo';
import { awsAccounts, graph, str } from './raw';

const NOW = '2025-11-20T12:00:00Z';

/** Identities as the inventory will count them: roles, users and root users; apps and service principals once each. */
function count(t: DemoTenant): { aws: number; entra: number } {
  let aws = 0;
  for (const a of awsAccounts(t))
    aws += a.roles.length + a.users.length + a.report.filter((r) => r.user === '<root_account>').length;
  const ids = new Set<string>();
  for (const path of [
    'v1.0/servicePrincipals',
    'v1.0/applications',
    'beta/servicePrincipals/microsoft.graph.agentIdentity',
    'beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal',
    'beta/applications/microsoft.graph.agentIdentityBlueprint',
  ]) {
    for (const o of graph(t, path)) ids.add(str(o.id));
  }
  return { aws, entra: ids.size };
}

describe('demo size', () => {
  it.each([200, 2000])('holds about %i identities, split roughly 55%% AWS / 45%% Entra', (size) => {
    const c = count(generateDemo({ seed: 11, size, now: NOW }));
    const total = c.aws + c.entra;
    expect(Math.abs(total - size) / size).toBeLessThanOrEqual(0.02);
    expect(c.aws / total).toBeGreaterThan(0.5);
    expect(c.aws / total).toBeLessThan(0.6);
  });

  it('adds AWS accounts rather than piling tens of thousands of roles into three', () => {
    const t = generateDemo({ seed: 11, size: 12_000, now: NOW });
    const accounts = awsAccounts(t);
    expect(accounts.length).toBeGreaterThan(3);
    for (const a of accounts) expect(a.roles.length + a.users.length).toBeLessThan(4000);
    const c = count(t);
    expect(Math.abs(c.aws + c.entra - 12_000) / 12_000).toBeLessThanOrEqual(0.02);
  });

  it('scales to 100,000 identities', () => {
    const c = count(generateDemo({ seed: 11, size: 100_000, now: NOW }));
    expect(Math.abs(c.aws + c.entra - 100_000) / 100_000).toBeLessThanOrEqual(0.01);
  });

  it('includes many Microsoft first-party service principals, as real tenants do', () => {
    const t = generateDemo({ seed: 11, size: 2000, now: NOW });
    const firstParty = graph(t, 'v1.0/servicePrincipals').filter(
      (sp) => sp.appOwnerOrganizationId === 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    );
    expect(firstParty.length).toBeGreaterThanOrEqual(50);
  });
});
