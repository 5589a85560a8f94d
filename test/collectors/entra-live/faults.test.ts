/**
 * Every Graph fault the collector meets in a real tenant, injected by the emulator: each ends in a
 * clear message (the permission, licence or endpoint concerned) and a scan that keeps everything
 * it could read. Throttling and transient failures are retried until they pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../../collectors/entra/live';
import type { GraphEmulator, GraphFaultRule } from '../../../collectors/emulators/graph';
import { collect, comparable, coverageRow, graphRequests, liveInventory, startDemoEmulator } from './helpers';

let emulator: GraphEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function scanWith(faults: GraphFaultRule[], extra: Parameters<typeof startDemoEmulator>[0] = {}) {
  const started = await startDemoEmulator({ size: 300, maxPageSize: 25, faults, ...extra });
  emulator = started.emulator;
  const collection = await collect(started.emulator);
  const inventory = liveInventory(collection, started.emulator, started.demo.info.tenantId);
  return { collection, inventory, demo: started.demo, emulator: started.emulator };
}

let baseline: ReturnType<typeof comparable> | undefined;
/** The inventory of the same tenant without faults, to show nothing was lost. */
async function clean() {
  if (!baseline) {
    const { inventory } = await scanWith([]);
    baseline = comparable(inventory);
    await emulator?.close();
    emulator = undefined;
  }
  return baseline;
}

describe('throttling', () => {
  it('honours Retry-After in seconds and loses nothing', async () => {
    const expected = await clean();
    const { collection, inventory } = await scanWith([
      {
        kind: 'throttle',
        path: 'v1.0/servicePrincipals',
        after: 1,
        times: 2,
        retryAfter: 'seconds',
        retryAfterSeconds: 1,
      },
    ]);
    expect(collection.stats.throttled).toBe(2);
    expect(collection.stats.retries).toBeGreaterThanOrEqual(2);
    // The pause applies to every request, not only the throttled one.
    expect(collection.stats.waitedMs).toBeGreaterThan(500);
    expect(comparable(inventory)).toEqual(expected);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const expected = await clean();
    const { collection, inventory } = await scanWith([
      { kind: 'throttle', path: 'v1.0/applications', times: 1, retryAfter: 'date', retryAfterSeconds: 1 },
    ]);
    expect(collection.stats.throttled).toBe(1);
    expect(comparable(inventory)).toEqual(expected);
  });

  it('backs off when Retry-After is missing', async () => {
    const expected = await clean();
    const { collection, inventory } = await scanWith([
      { kind: 'throttle', path: 'v1.0/oauth2PermissionGrants', times: 2, retryAfter: 'none' },
    ]);
    expect(collection.stats.throttled).toBe(2);
    expect(comparable(inventory)).toEqual(expected);
  });

  it('retries throttled sub-requests of a $batch on their own', async () => {
    const expected = await clean();
    const {
      collection,
      inventory,
      emulator: emu,
    } = await scanWith([
      {
        kind: 'throttle',
        path: /^v1\.0\/applications\/[^/]+\/owners$/,
        times: 5,
        retryAfter: 'seconds',
        retryAfterSeconds: 1,
      },
    ]);
    expect(collection.stats.throttled).toBe(5);
    const owners429 = graphRequests(emu).filter((r) => r.inBatch && r.status === 429);
    expect(owners429).toHaveLength(5);
    // Each throttled owners request was asked again, and only those.
    for (const r of owners429)
      expect(graphRequests(emu).filter((x) => x.path === r.path && x.status === 200)).toHaveLength(1);
    expect(comparable(inventory)).toEqual(expected);
  });

  it('gives up after its attempts with a message, and keeps the rest of the scan', async () => {
    const { collection, inventory } = await scanWith([
      { kind: 'throttle', path: 'beta/reports/appCredentialSignInActivities', retryAfter: 'none' },
    ]);
    const row = coverageRow(inventory, 'appCredentialSignInActivities');
    expect(row?.status).toBe('failed');
    expect(row?.message).toMatch(
      /GET beta\/reports\/appCredentialSignInActivities: 429 Too Many Requests .* after 4 attempts/,
    );
    expect(coverageRow(inventory, 'servicePrincipals')?.status).toBe('complete');
    expect(collection.outcomes.filter((o) => o.status !== 'complete').map((o) => o.key)).toEqual([
      'appCredentialSignInActivities',
    ]);
  });

  it('spaces requests when Graph reports the throttle limit nearly used', async () => {
    const started = await startDemoEmulator({
      size: 300,
      maxPageSize: 25,
      faults: [{ kind: 'pressure', path: 'v1.0/servicePrincipals', percentage: 0.95, times: 3 }],
    });
    emulator = started.emulator;
    const pacer = new Pacer();
    const collection = await collect(started.emulator, { pacer });
    expect(collection.outcomes.every((o) => o.status === 'complete')).toBe(true);
    // 0.95 of the limit: 800 ms between request starts while it lasts.
    expect(pacer.waitedMs).toBeGreaterThan(500);
  });
});

describe('the keyCredentials budget', () => {
  it('keeps list pages that select keyCredentials within the budget, so Graph never throttles them', async () => {
    const budget = { requests: 4, windowMs: 600 };
    const started = await startDemoEmulator({ size: 300, maxPageSize: 25, keyCredentialsBudget: budget });
    emulator = started.emulator;
    const collection = await collect(started.emulator, { pacer: new Pacer({ keyCredentials: budget }) });
    const keyPages = graphRequests(started.emulator).filter((r) => r.query.includes('keyCredentials'));
    expect(keyPages.length).toBeGreaterThan(8);
    expect(keyPages.filter((r) => r.status === 429)).toEqual([]);
    expect(collection.stats.keyCredentialWaitMs).toBeGreaterThan(0);
    expect(collection.outcomes.every((o) => o.status === 'complete')).toBe(true);
  });

  it('recovers when the tenant allows fewer than expected', async () => {
    const started = await startDemoEmulator({
      size: 300,
      maxPageSize: 25,
      keyCredentialsBudget: { requests: 3, windowMs: 1000 },
    });
    emulator = started.emulator;
    const collection = await collect(started.emulator, {
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    });
    expect(collection.stats.throttled).toBeGreaterThan(0);
    expect(collection.outcomes.every((o) => o.status === 'complete')).toBe(true);
  });
});

describe('refusals and missing endpoints', () => {
  it('a 403 names the missing Graph permission; the scan carries on and is partial', async () => {
    const expected = await clean();
    const { inventory } = await scanWith([
      { kind: 'status', path: 'beta/reports/servicePrincipalSignInActivities', status: 403 },
    ]);
    const row = coverageRow(inventory, 'servicePrincipalSignInActivities');
    expect(row?.status).toBe('failed');
    expect(row?.message).toContain(
      'AuditLog.Read.All needed for beta/reports/servicePrincipalSignInActivities',
    );
    expect(row?.message).toContain('Authorization_RequestDenied');
    expect(inventory.activities.filter((a) => a.source === 'sp-sign-in-activity')).toEqual([]);
    expect(inventory.identities).toEqual(expected.identities);
  });

  it('a missing licence is skipped with the reason', async () => {
    const { inventory } = await scanWith([
      {
        kind: 'status',
        path: 'beta/reports/appCredentialSignInActivities',
        status: 403,
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        message: 'Neither tenant is B2C or tenant does not have premium license',
      },
    ]);
    const row = coverageRow(inventory, 'appCredentialSignInActivities');
    expect(row?.status).toBe('skipped');
    expect(row?.message).toContain('needs Microsoft Entra ID P1');
  });

  it('a 404 on a beta endpoint is skipped with the reason; agents are still found by type', async () => {
    const expected = await clean();
    const { inventory, collection } = await scanWith([
      {
        kind: 'status',
        path: 'beta/servicePrincipals/microsoft.graph.agentIdentity',
        status: 404,
        code: 'BadRequest',
      },
    ]);
    const row = coverageRow(inventory, 'agentIdentities');
    expect(row?.status).toBe('skipped');
    expect(row?.message).toMatch(/404 not available in this tenant \(beta endpoint or feature missing/);
    expect(collection.raw['beta/servicePrincipals/microsoft.graph.agentIdentity']).toBeUndefined();
    // Agent identities are also in v1.0/servicePrincipals (servicePrincipalType ServiceIdentity).
    const agents = (inv: { identities: { kind: string }[] }) =>
      inv.identities.filter((i) => i.kind === 'entra-agent-identity').length;
    expect(agents(inventory)).toBe(agents(expected));
    // Their sponsors are not asked for: the list that names them failed.
    expect(collection.outcomes.find((o) => o.key === 'agentIdentitySponsors')?.objects).toBe(0);
  });

  it('a 403 inside $batch stops asking that endpoint and says which permission', async () => {
    const { inventory, emulator: emu } = await scanWith([
      {
        kind: 'status',
        path: /^beta\/servicePrincipals\/[^/]+\/microsoft\.graph\.agentIdentity\/sponsors$/,
        status: 403,
      },
    ]);
    const row = coverageRow(inventory, 'live:agentIdentitySponsors');
    expect(row?.status).toBe('failed');
    expect(row?.message).toContain('AgentIdentity.Read.All needed for beta/servicePrincipals/');
    // Only the first batch holding sponsor requests asked for them.
    const asked = graphRequests(emu).filter((r) =>
      r.path.endsWith('/microsoft.graph.agentIdentity/sponsors'),
    );
    expect(new Set(asked.map((r) => r.seq)).size).toBe(1);
    expect(coverageRow(inventory, 'owners')?.status).toBe('complete');
  });

  it('in a national cloud the sign-in reports are not asked for, and the coverage says why', async () => {
    const started = await startDemoEmulator({ size: 300 });
    emulator = started.emulator;
    const collection = await collect(started.emulator, { signInReports: false });
    expect(graphRequests(started.emulator).some((r) => r.path.startsWith('/beta/reports/'))).toBe(false);
    const inventory = liveInventory(collection, started.emulator, started.demo.info.tenantId);
    expect(coverageRow(inventory, 'servicePrincipalSignInActivities')).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('in the global service only'),
    });
    expect(inventory.activities).toEqual([]);
  });

  it('drops a property Graph does not know from $select and carries on', async () => {
    const expected = await clean();
    const { inventory, emulator: emu } = await scanWith([], {
      unknownProperties: { 'v1.0/servicePrincipals': ['createdByAppId'], 'v1.0/applications/*': [] },
    });
    const asked = graphRequests(emu).filter((r) => r.path === '/v1.0/servicePrincipals');
    expect(asked[0]?.status).toBe(400);
    expect(asked.slice(1).every((r) => r.status === 200 && !r.query.includes('createdByAppId'))).toBe(true);
    expect(inventory.identities.length).toBe(expected.identities.length);
    expect(inventory.coverage.every((c) => c.status === 'complete' || c.status === 'skipped')).toBe(true);
  });
});

describe('server errors, bad bodies, broken connections', () => {
  it('retries 5xx, malformed JSON and dropped connections until they pass', async () => {
    const expected = await clean();
    const { collection, inventory } = await scanWith([
      { kind: 'status', path: 'v1.0/servicePrincipals', status: 503, after: 2, times: 1 },
      { kind: 'malformed', path: 'v1.0/applications', after: 1, times: 1 },
      { kind: 'drop', path: 'v1.0/roleManagement/directory/roleAssignments', times: 1 },
      { kind: 'drop', path: 'v1.0/$batch', after: 3, times: 1 },
      { kind: 'malformed', path: 'v1.0/$batch', after: 5, times: 1 },
      { kind: 'status', path: 'beta/$batch', status: 502, times: 1 },
      {
        kind: 'status',
        path: /^v1\.0\/applications\/[^/]+\/federatedIdentityCredentials$/,
        status: 500,
        times: 3,
      },
    ]);
    expect(collection.stats.retries).toBeGreaterThanOrEqual(9);
    expect(comparable(inventory)).toEqual(expected);
  });

  it('a list that keeps failing keeps the pages read before, marked incomplete', async () => {
    const { collection, inventory } = await scanWith([
      { kind: 'malformed', path: 'v1.0/servicePrincipals', after: 3 },
    ]);
    const path = 'v1.0/servicePrincipals';
    expect(collection.raw[path]).toHaveLength(75);
    expect(collection.stoppedAt[path]).toMatch(
      /^v1\.0\/servicePrincipals\?\$top=999&\$select=.*&\$skiptoken=/,
    );
    const row = coverageRow(inventory, 'servicePrincipals');
    expect(row?.status).toBe('partial');
    expect(row?.message).toMatch(
      /the response is not valid JSON after 4 attempts; 3 page\(s\), 75 items read before it/,
    );
    expect(coverageRow(inventory, `incomplete:${path}`)?.status).toBe('partial');
    // The 75 service principals read are in the inventory with their owners and grants.
    expect(inventory.identities.filter((i) => i.kind !== 'entra-application').length).toBeGreaterThanOrEqual(
      70,
    );
  });

  it('a dropped connection that persists fails that endpoint only, with the network reason', async () => {
    const { inventory } = await scanWith([{ kind: 'drop', path: 'v1.0/oauth2PermissionGrants' }]);
    const row = coverageRow(inventory, 'oauth2PermissionGrants');
    expect(row?.status).toBe('failed');
    expect(row?.message).toMatch(
      /GET v1\.0\/oauth2PermissionGrants: connection failed \(.+\) after 4 attempts/,
    );
  });

  it('a rejected token stops the scan with one clear reason', async () => {
    const started = await startDemoEmulator({ size: 300 });
    emulator = started.emulator;
    const { collectEntra, GraphTransport, StaticTokenCredential, LIST_SPECS } =
      await import('../../../collectors/entra/live');
    const collection = await collectEntra({
      transport: new GraphTransport({
        baseUrl: started.emulator.url,
        credential: new StaticTokenCredential('not-a-token-the-tenant-knows'),
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    });
    expect(collection.fatal).toMatch(
      /401 Unauthorized: Graph rejected the access token \(Graph: InvalidAuthenticationToken/,
    );
    // No retries of a request that cannot succeed: at most the first page of each list was asked.
    expect(started.emulator.requests.filter((r) => r.status === 401).length).toBeLessThanOrEqual(
      LIST_SPECS.length,
    );
    const inventory = liveInventory(collection, started.emulator, started.demo.info.tenantId);
    expect(inventory.identities).toEqual([]);
    expect(coverageRow(inventory, 'scan')).toMatchObject({ status: 'failed' });
  });
});
