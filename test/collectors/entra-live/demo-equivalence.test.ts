/**
 * The acceptance test of the live collector: a scan of the emulated demo tenant, through the real
 * Graph client, $batch, paging and the offline import's transform, gives exactly the inventory the
 * import of the demo's own files gives; and the raw responses saved with --save-raw re-import to it.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMicrosoftTenant } from '../../../collectors/entra';
import { saveEntraRaw, type EntraCollection } from '../../../collectors/entra/live';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import type { DemoTenant } from '../../../collectors/demo';
import type { Inventory } from '../../../model/inventory';
import {
  collect,
  comparable,
  graphRequests,
  importedDemo,
  importedFolder,
  liveInventory,
  NOW,
  startDemoEmulator,
} from './helpers';

let emulator: GraphEmulator;
let demo: DemoTenant;
let collection: EntraCollection;
let live: Inventory;
let imported: Inventory;
const events: { detail?: string; done?: number; total?: number }[] = [];

beforeAll(async () => {
  // Small pages force many nextLinks on every list, as a large tenant would.
  ({ emulator, demo } = await startDemoEmulator({ size: 1200, maxPageSize: 40 }));
  collection = await collect(emulator, { onProgress: (e) => events.push(e) });
  live = liveInventory(collection, emulator, demo.info.tenantId);
  imported = await importedDemo(demo);
});

afterAll(async () => {
  await emulator.close();
});

describe('live scan of the emulated demo tenant', () => {
  it('reads every endpoint completely', () => {
    expect(collection.cancelled).toBe(false);
    expect(collection.fatal).toBeUndefined();
    expect(collection.outcomes.filter((o) => o.status !== 'complete')).toEqual([]);
    expect(collection.notes).toEqual([]);
  });

  it('produces the same inventory as importing the demo files', () => {
    expect(live.identities.length).toBeGreaterThan(400);
    expect(live.grants.length).toBeGreaterThan(100);
    expect(live.activities.length).toBeGreaterThan(50);
    expect(comparable(live)).toEqual(comparable(imported));
    expect(live.sources).toEqual([
      expect.objectContaining({
        id: `entra:${demo.info.tenantId}:live`,
        method: 'live',
        inputs: [emulator.url],
      }),
    ]);
  });

  it('keeps agent identities, blueprints and their sponsors', () => {
    const kinds = new Set(live.identities.map((i) => i.kind));
    expect(kinds).toContain('entra-agent-identity');
    expect(kinds).toContain('entra-agent-blueprint');
    expect(kinds).toContain('entra-agent-blueprint-principal');
    expect(live.trusts.filter((t) => t.kind === 'sponsor').length).toBeGreaterThan(0);
  });

  it('asks only for what the transform reads, at the largest page size', () => {
    const lists = graphRequests(emulator).filter((r) => !r.inBatch && r.method === 'GET');
    const firstSp = lists.find((r) => r.path === '/v1.0/servicePrincipals' && !r.query.includes('skiptoken'));
    expect(firstSp?.query).toMatch(/^\$top=999&\$select=id,appId,displayName,/);
    expect(firstSp?.query).toContain('keyCredentials');
    // Every list page and every sub-request names its fields.
    for (const r of graphRequests(emulator).filter((x) => x.method === 'GET'))
      expect(r.query).toContain('$select=');
  });

  it('reads per-object relationships in $batch requests of at most 20', () => {
    const batches = graphRequests(emulator).filter((r) => r.path.endsWith('/$batch'));
    expect(batches.length).toBeGreaterThan(10);
    const perBatch = new Map<number, number>();
    for (const r of graphRequests(emulator).filter((x) => x.inBatch))
      perBatch.set(r.seq, (perBatch.get(r.seq) ?? 0) + 1);
    expect(Math.max(...perBatch.values())).toBeLessThanOrEqual(20);
    // All but the last few batches of each version are full: calls are not wasted on half-empty batches.
    const full = [...perBatch.values()].filter((n) => n === 20).length;
    expect(full).toBeGreaterThan(perBatch.size * 0.8);
    // Sponsors are beta, owners v1.0: each batch holds one version only.
    const sub = graphRequests(emulator).filter((x) => x.inBatch);
    expect(sub.every((r) => r.path.startsWith(r.inBatch?.replace('/$batch', '/') ?? '~'))).toBe(true);
  });

  it('reads app role assignments from the resource side, and no owners of Microsoft service principals', () => {
    const sub = graphRequests(emulator).filter((x) => x.inBatch);
    expect(sub.some((r) => r.path.endsWith('/appRoleAssignedTo'))).toBe(true);
    expect(sub.some((r) => r.path.endsWith('/appRoleAssignments'))).toBe(false);
    const msIds = new Set(
      (demo.entra['v1.0/servicePrincipals']?.value ?? [])
        .filter((sp) =>
          isMicrosoftTenant(typeof sp.appOwnerOrganizationId === 'string' ? sp.appOwnerOrganizationId : null),
        )
        .map((sp) => String(sp.id)),
    );
    expect(msIds.size).toBeGreaterThan(20);
    const ownerCalls = sub.filter((r) => /^\/v1\.0\/servicePrincipals\/[^/]+\/owners$/.test(r.path));
    expect(ownerCalls.length).toBeGreaterThan(0);
    expect(ownerCalls.filter((r) => msIds.has(r.path.split('/')[3] ?? ''))).toEqual([]);
  });

  it('uses beta for agent identities, blueprints and reports, with type-cast segments', () => {
    const paths = new Set(graphRequests(emulator).map((r) => r.path));
    expect(paths).toContain('/beta/servicePrincipals/microsoft.graph.agentIdentity');
    expect(paths).toContain('/beta/applications/microsoft.graph.agentIdentityBlueprint');
    expect(paths).toContain('/beta/reports/servicePrincipalSignInActivities');
    expect(
      [...paths].some((p) =>
        /^\/beta\/servicePrincipals\/[^/]+\/microsoft\.graph\.agentIdentity\/sponsors$/.test(p),
      ),
    ).toBe(true);
  });

  it('reports progress per list (items read) and per relationship (objects done of total)', () => {
    const sps = events.filter((e) => e.detail === 'v1.0/servicePrincipals');
    expect(sps.at(-1)?.done).toBe(collection.raw['v1.0/servicePrincipals']?.length);
    const owners = events.filter((e) => e.detail === 'applicationOwners');
    expect(owners.at(-1)).toMatchObject({ done: owners.at(-1)?.total });
    expect(owners.at(-1)?.total).toBe(collection.raw['v1.0/applications']?.length);
  });

  it('counts its calls: list pages plus batches, far fewer than one call per object', () => {
    const http = emulator.requests.filter((r) => !r.inBatch).length;
    expect(collection.stats.requests).toBe(http);
    expect(collection.stats.requests).toBe(collection.stats.pages + collection.stats.batches);
    const subRequests = graphRequests(emulator).filter((r) => r.inBatch).length;
    expect(collection.stats.batchedRequests).toBe(subRequests);
    expect(collection.stats.batches).toBeLessThan(subRequests / 15);
  });
});

describe('--save-raw', () => {
  it('writes the import folder format, which re-imports to the same inventory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aa-entra-save-raw-'));
    const files = await saveEntraRaw(dir, collection, {
      graphBaseUrl: emulator.url,
      tenantId: demo.info.tenantId,
      collectedAt: NOW,
    });
    expect(files.length).toBeGreaterThan(100);
    expect((await readdir(dir)).sort()).toEqual(['EXPORT-INFO.txt', 'beta', 'v1.0']);
    const again = await importedFolder(dir);
    expect(comparable(again)).toEqual(comparable(live));
    // No secret material is written, even the hint Graph returns for client secrets.
    const anyApp = await readFile(join(dir, 'v1.0', 'applications.json'), 'utf8');
    expect(anyApp).toContain('passwordCredentials');
    expect(anyApp).not.toMatch(/"hint"|"secretText"/);
  });
});
