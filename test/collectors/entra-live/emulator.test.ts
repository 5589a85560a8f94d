/**
 * The Graph emulator speaks Graph's shapes: paging with nextLink, $top bounds, $select, type-cast
 * segments in beta only, 404 for unknown objects, $batch rules, 401 without a token. The collector
 * tests rely on it; these pin the protocol itself, with plain fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import { startDemoEmulator, TOKEN } from './helpers';

let emulator: GraphEmulator;
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  ({ emulator } = await startDemoEmulator({ size: 900 }));
});
afterAll(async () => {
  await emulator.close();
});

async function get(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(`${emulator.url}/${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Graph emulator', () => {
  it('pages with @odata.nextLink at the default page size and at $top', async () => {
    const first = await get('v1.0/servicePrincipals');
    expect((first.body.value as unknown[]).length).toBe(100);
    expect(first.body['@odata.context']).toBe(`${emulator.url}/v1.0/$metadata#servicePrincipals`);
    const total = emulator.store.count('v1.0/servicePrincipals');
    expect(total).toBeGreaterThan(250);
    let link = first.body['@odata.nextLink'] as string | undefined;
    let seen = 100;
    while (link) {
      expect(link.startsWith(`${emulator.url}/v1.0/servicePrincipals?`)).toBe(true);
      const res = await fetch(link, { headers: auth });
      const page = (await res.json()) as Record<string, unknown>;
      seen += (page.value as unknown[]).length;
      link = page['@odata.nextLink'] as string | undefined;
    }
    expect(seen).toBe(total);
    const big = await get('v1.0/servicePrincipals?$top=999');
    expect((big.body.value as unknown[]).length).toBe(Math.min(999, total));
  });

  it('refuses a page size above 999 as Graph does', async () => {
    const r = await get('v1.0/servicePrincipals?$top=1000');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    });
  });

  it('$select returns the named properties, with id and @odata.type', async () => {
    const r = await get(
      'beta/servicePrincipals/microsoft.graph.agentIdentity?$select=displayName,accountEnabled',
    );
    const item = (r.body.value as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(item).sort()).toEqual(['@odata.type', 'accountEnabled', 'displayName', 'id']);
    expect(item['@odata.type']).toBe('#microsoft.graph.agentIdentity');
  });

  it('type-cast segments exist in beta only; unknown segments are 400', async () => {
    expect((await get('v1.0/servicePrincipals/microsoft.graph.agentIdentity')).status).toBe(400);
    const unknown = await get('v1.0/servicePrincipalz');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      message: "Resource not found for the segment 'servicePrincipalz'.",
    });
  });

  it('relationships of existing objects are collections, of unknown objects 404', async () => {
    const sp = ((await get('v1.0/servicePrincipals?$top=1')).body.value as { id: string }[])[0];
    const owners = await get(`v1.0/servicePrincipals/${sp?.id}/owners`);
    expect(owners.status).toBe(200);
    expect(Array.isArray(owners.body.value)).toBe(true);
    const missing = await get('v1.0/servicePrincipals/00000000-0000-0000-0000-00000000dead/owners');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'Request_ResourceNotFound' });
  });

  it('answers each request its latency after it arrived, slow faults on top', async () => {
    emulator.latencyMs = 40;
    emulator.faults.set([{ kind: 'slow', path: 'v1.0/organization', delayMs: 150 }]);
    try {
      const timed = async (path: string) => {
        const t0 = performance.now();
        expect((await get(path)).status).toBe(200);
        return performance.now() - t0;
      };
      expect(await timed('v1.0/servicePrincipals?$top=999')).toBeGreaterThanOrEqual(38);
      expect(await timed('v1.0/organization')).toBeGreaterThanOrEqual(185);
    } finally {
      emulator.latencyMs = 0;
      emulator.faults.clear();
    }
  });

  it('answers 401 without a valid token', async () => {
    expect((await get('v1.0/organization', {})).status).toBe(401);
    expect((await get('v1.0/organization', { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('$batch: per-request answers, at most 20, writes refused inside', async () => {
    const post = (requests: unknown[]) =>
      fetch(`${emulator.url}/v1.0/$batch`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests }),
      });
    const ok = await post([
      { id: '1', method: 'GET', url: '/organization?$select=id' },
      { id: '2', method: 'GET', url: '/servicePrincipals/00000000-0000-0000-0000-00000000dead/owners' },
      { id: '3', method: 'PATCH', url: '/organization', body: {} },
    ]);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { responses: { id: string; status: number }[] };
    expect(body.responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 405],
    ]);
    const tooMany = await post(
      Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/organization' })),
    );
    expect(tooMany.status).toBe(400);
  });
});
