import { describe, expect, it } from 'vitest';
import { apiNames } from '../../model/api-transport';
import { httpApi, readToken } from '../../renderer/src/api';

describe('readToken', () => {
  it('takes the serve token from the fragment, else from the query', () => {
    expect(readToken('http://127.0.0.1:4780/#token=Zx9-abc_123')).toBe('Zx9-abc_123');
    expect(readToken('http://127.0.0.1:4780/?token=q1#other=1')).toBe('q1');
    expect(readToken('http://127.0.0.1:4780/?token=q1#token=h1')).toBe('h1');
    expect(readToken('http://127.0.0.1:4780/')).toBeUndefined();
    expect(readToken('http://127.0.0.1:4780/#token=')).toBeUndefined();
  });
});

describe('httpApi', () => {
  function recordingFetch(reply: unknown, status = 200) {
    const requests: { input: string; init: RequestInit }[] = [];
    const fetchImpl = async (input: string, init: RequestInit) => {
      requests.push({ input, init });
      return new Response(typeof reply === 'string' ? reply : JSON.stringify(reply), { status });
    };
    return { fetchImpl, requests };
  }

  it('POSTs each call as JSON to /api/<name> with the bearer token', async () => {
    const page = { total: 0, all: 0, offset: 0, rows: [] };
    const { fetchImpl, requests } = recordingFetch({ ok: true, value: page });
    const api = httpApi('s3cr3t-token', fetchImpl);
    expect(Object.keys(api).sort()).toEqual([...apiNames].sort());
    await expect(api.listIdentities({ provider: ['aws'], limit: 25 })).resolves.toEqual(page);
    await api.getSummary();
    expect(requests.map((r) => r.input)).toEqual(['/api/listIdentities', '/api/getSummary']);
    expect(requests[0]?.init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cr3t-token' },
      body: JSON.stringify({ provider: ['aws'], limit: 25 }),
      credentials: 'omit',
    });
    expect(requests[1]?.init.body).toBe('{}');
  });

  it('throws the server reason from an error reply, and a clear error for a non-JSON answer', async () => {
    const refused = httpApi(
      undefined,
      recordingFetch({ ok: false, error: { name: 'Forbidden', message: 'bad token' } }, 403).fetchImpl,
    );
    await expect(refused.getSummary()).rejects.toThrow('bad token');
    const proxy = httpApi('t', recordingFetch('<html>502 Bad Gateway</html>', 502).fetchImpl);
    await expect(proxy.getSummary()).rejects.toThrow(
      'getSummary: the server answered HTTP 502 without a reply.',
    );
  });

  it('sends no Authorization header without a token', async () => {
    const { fetchImpl, requests } = recordingFetch({ ok: true, value: {} });
    await httpApi(undefined, fetchImpl).getSummary();
    expect(requests[0]?.init.headers).toEqual({ 'Content-Type': 'application/json' });
  });
});
