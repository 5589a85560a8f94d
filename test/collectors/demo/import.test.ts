/**
 * The demo files through the real offline importers: every file is accepted, the inventory is
 * valid, nothing is reported missing, and each raw object becomes exactly one identity of the
 * right kind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema, mergeInventories, type Inventory } from '../../../model/inventory';
import { generateDemo, writeDemoFiles, type DemoTenant } from '../../../collectors/demo';
import { readAwsImportDir, transformAwsImport } from '../../../collectors/aws';
import { readEntraDir, transformEntraImport } from '../../../collectors/entra';
import { awsAccounts, graph, str } from './raw';

const NOW = '2025-11-20T12:00:00Z';
let dir = '';
let tenant: DemoTenant;
let inventory: Inventory;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-import-'));
  // Past 1000 entries in prod and 999 service principals, so both importers read pages.
  tenant = generateDemo({ seed: 8, size: 4000, now: NOW });
  const w = await writeDemoFiles(dir, tenant);
  const aws = transformAwsImport(await readAwsImportDir(w.awsDir), '2025-11-20T12:00:00.000Z');
  const entra = transformEntraImport(await readEntraDir(w.entraDir), '2025-11-20T12:00:00.000Z');
  inventory = mergeInventories([aws, entra]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function kinds(inv: Inventory): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of inv.identities) out[i.kind] = (out[i.kind] ?? 0) + 1;
  return out;
}

describe('demo files through the offline importers', () => {
  it('produce an inventory that passes the schema', () => {
    expect(() => inventorySchema.parse(inventory)).not.toThrow();
    expect(inventory.sources.map((s) => s.method)).toEqual(inventory.sources.map(() => 'import'));
    expect(inventory.sources).toHaveLength(Object.keys(tenant.aws).length + 1);
  });

  it('report no partial or failed coverage: the export is complete', () => {
    const bad = inventory.coverage.filter((c) => c.status === 'partial' || c.status === 'failed');
    expect(bad).toEqual([]);
  });

  it('turn each AWS role, user and root user into one identity', () => {
    const accounts = awsAccounts(tenant);
    const k = kinds(inventory);
    expect(k['aws-role']).toBe(accounts.reduce((n, a) => n + a.roles.length, 0));
    expect(k['aws-user']).toBe(accounts.reduce((n, a) => n + a.users.length, 0));
    expect(k['aws-root']).toBe(accounts.length);
  });

  it('turn each Entra object into one identity of its kind, agent objects counted once', () => {
    const sps = graph(tenant, 'v1.0/servicePrincipals');
    const apps = graph(tenant, 'v1.0/applications');
    const agents = graph(tenant, 'beta/servicePrincipals/microsoft.graph.agentIdentity');
    const blueprints = graph(tenant, 'beta/applications/microsoft.graph.agentIdentityBlueprint');
    const principals = graph(
      tenant,
      'beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal',
    );
    const managed = sps.filter((sp) => sp.servicePrincipalType === 'ManagedIdentity');
    const k = kinds(inventory);
    expect(k['entra-agent-identity']).toBe(agents.length);
    expect(k['entra-agent-blueprint']).toBe(blueprints.length);
    expect(k['entra-agent-blueprint-principal']).toBe(principals.length);
    expect(k['entra-managed-identity']).toBe(managed.length);
    expect(k['entra-application']).toBe(apps.length - blueprints.length);
    expect(k['entra-service-principal']).toBe(
      sps.length - agents.length - principals.length - managed.length,
    );
    const entraIds = new Set([...sps, ...apps].map((o) => `entra:${str(o.id)}`));
    expect(
      inventory.identities
        .filter((i) => i.provider === 'entra')
        .map((i) => i.id)
        .sort(),
    ).toEqual([...entraIds].sort());
  });

  it('find every Bedrock agent, AgentCore runtime and Lambda function, tied to its role', () => {
    const accounts = awsAccounts(tenant);
    const byKind = (kind: string): number => inventory.workloads.filter((w) => w.kind === kind).length;
    expect(byKind('bedrock-agent')).toBe(accounts.reduce((n, a) => n + a.agents.length, 0));
    expect(byKind('agentcore-runtime')).toBe(accounts.reduce((n, a) => n + a.runtimes.length, 0));
    expect(byKind('lambda-function')).toBe(accounts.reduce((n, a) => n + a.functions.length, 0));
    const ids = new Set(inventory.identities.map((i) => i.id));
    for (const w of inventory.workloads) expect(w.identityId && ids.has(w.identityId), w.name).toBe(true);
  });

  it('resolve Graph permission names from the tenant, including the high-privilege ones', () => {
    const perms = new Set(
      inventory.grants
        .filter((g) => g.kind === 'entra-app-role')
        .map((g) => ('permission' in g ? g.permission : '')),
    );
    for (const p of [
      'Application.ReadWrite.All',
      'AppRoleAssignment.ReadWrite.All',
      'RoleManagement.ReadWrite.Directory',
      'full_access_as_app',
    ]) {
      expect(perms.has(p), p).toBe(true);
    }
  });
});
