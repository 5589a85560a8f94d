/**
 * Read-only by construction: the guard in the Graph client's middleware chain refuses any write,
 * and any $batch holding one, before the token is attached and before anything is sent. The
 * emulator records every request it receives: the refused ones never arrive.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertReadOnlyRequest,
  collectEntra,
  GraphTransport,
  ReadOnlyViolationError,
  StaticTokenCredential,
} from '../../../collectors/entra/live';
import { startGraphEmulator, type GraphEmulator } from '../../../collectors/emulators/graph';
import { collect, graphRequests, startDemoEmulator, transportFor } from './helpers';

let emulator: GraphEmulator;
beforeAll(async () => {
  ({ emulator } = await startDemoEmulator({ size: 200 }));
});
afterAll(async () => {
  await emulator.close();
});

describe('assertReadOnlyRequest', () => {
  const batch = (requests: unknown[]) => JSON.stringify({ requests });

  it('lets GET and $batch bodies of GETs through', () => {
    expect(() =>
      assertReadOnlyRequest('GET', 'https://graph.microsoft.com/v1.0/servicePrincipals', undefined),
    ).not.toThrow();
    expect(() =>
      assertReadOnlyRequest(
        'POST',
        'https://graph.microsoft.com/beta/$batch',
        batch([{ id: '1', method: 'GET', url: '/servicePrincipals/abc/owners' }]),
      ),
    ).not.toThrow();
  });

  it.each([
    ['PATCH', 'https://graph.microsoft.com/v1.0/applications/abc', '{"displayName":"x"}'],
    ['DELETE', 'https://graph.microsoft.com/v1.0/applications/abc', undefined],
    ['PUT', 'https://graph.microsoft.com/v1.0/applications/abc/owners/$ref', '{}'],
    ['POST', 'https://graph.microsoft.com/v1.0/applications/abc/addPassword', '{}'],
    ['POST', 'https://graph.microsoft.com/v1.0/servicePrincipals', '{}'],
  ])('refuses %s %s', (method, url, body) => {
    expect(() => assertReadOnlyRequest(method, url, body)).toThrow(ReadOnlyViolationError);
  });

  it.each([
    [
      'a PATCH inside',
      [
        { id: '1', method: 'GET', url: '/me' },
        {
          id: '2',
          method: 'PATCH',
          url: '/applications/abc',
          body: {},
          headers: { 'Content-Type': 'application/json' },
        },
      ],
    ],
    ['a POST inside', [{ id: '1', method: 'POST', url: '/applications/abc/addPassword', body: {} }]],
    ['a GET with a body', [{ id: '1', method: 'GET', url: '/applications', body: { x: 1 } }]],
    ['an absolute URL', [{ id: '1', method: 'GET', url: 'https://evil.example/v1.0/users' }]],
    ['no method', [{ id: '1', url: '/applications' }]],
    ['no requests', []],
  ])('refuses a $batch with %s', (_what, requests) => {
    expect(() =>
      assertReadOnlyRequest('POST', 'https://graph.microsoft.com/v1.0/$batch', batch(requests)),
    ).toThrow(ReadOnlyViolationError);
  });

  it('refuses a $batch body it cannot read', () => {
    expect(() =>
      assertReadOnlyRequest('POST', 'https://graph.microsoft.com/v1.0/$batch', '{"requests": ['),
    ).toThrow(/not JSON/);
  });
});

describe('through the real Graph client', () => {
  it('a write never reaches the tenant', async () => {
    const transport = transportFor(emulator);
    const before = emulator.requests.length;
    await expect(
      transport.send('POST', 'v1.0/applications/00000000-0000-0000-0000-000000000001/addPassword', {
        body: { passwordCredential: {} },
      }),
    ).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(
      transport.send('POST', 'v1.0/$batch', {
        body: {
          requests: [
            { id: '1', method: 'DELETE', url: '/applications/00000000-0000-0000-0000-000000000001' },
          ],
        },
      }),
    ).rejects.toThrow(/refused POST .*\$batch holding DELETE/);
    expect(emulator.requests.length).toBe(before);
    expect(transport.stats.requests).toBe(0);
  });

  it('a full scan sends only GETs and $batch bodies of GETs', async () => {
    const collection = await collect(emulator);
    expect(collection.outcomes.every((o) => o.status === 'complete')).toBe(true);
    const graph = graphRequests(emulator);
    expect(graph.length).toBeGreaterThan(20);
    for (const r of graph) {
      if (r.inBatch) expect(r.method).toBe('GET');
      else expect(r.method === 'GET' || (r.method === 'POST' && r.path.endsWith('/$batch'))).toBe(true);
    }
  });

  it('the emulator would have recorded a write: it answers 405 and logs it', async () => {
    const res = await fetch(`${emulator.url}/v1.0/applications/abc`, { method: 'PATCH', body: '{}' });
    expect(res.status).toBe(405);
    expect(emulator.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/v1.0/applications/abc',
      status: 405,
    });
  });

  it('never follows a nextLink to another host, so the token stays with Graph', async () => {
    const other = await startGraphEmulator({}, {});
    // A Graph root whose servicePrincipals page points its nextLink at another server.
    const hostile = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body: unknown = { value: [] };
      if (path === '/v1.0/organization') body = { value: [{ id: '11111111-1111-1111-1111-111111111111' }] };
      if (path === '/v1.0/servicePrincipals')
        body = {
          value: [{ id: 'aaaa' }],
          '@odata.nextLink': `${other.url}/v1.0/servicePrincipals?$skiptoken=X1`,
        };
      if (path.endsWith('/$batch')) body = { responses: [] };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    try {
      const collection = await collectEntra({
        transport: new GraphTransport({
          baseUrl: url,
          credential: new StaticTokenCredential('t'),
          scopes: ['x'],
        }),
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const sp = collection.outcomes.find((o) => o.key === 'servicePrincipals');
      expect(sp?.status).toBe('partial');
      expect(sp?.message).toContain(`@odata.nextLink points to ${other.url}, not to ${url}`);
      expect(collection.raw['v1.0/servicePrincipals']).toEqual([{ id: 'aaaa' }]);
      expect(other.requests).toEqual([]);
    } finally {
      hostile.closeAllConnections();
      await new Promise<void>((r) => hostile.close(() => r()));
      await other.close();
    }
  });
});
