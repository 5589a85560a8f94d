/**
 * `agent-anchor serve` at the HTTP level, where a browser's own rules do not help: it binds to
 * 127.0.0.1, refuses calls without the token or from another origin, refuses a foreign Host header
 * (DNS rebinding), sends no CORS headers, serves nothing outside the renderer folder, and sends the
 * strict CSP with the page.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, startServe, type Served } from './serve-helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  served: Served,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const url = new URL(served.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: url.host, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('agent-anchor serve over HTTP', () => {
  let dir: string;
  let served: Served;
  let auth: Record<string, string>;

  beforeAll(async () => {
    await ensureRendererBuilt();
    dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-serve-'));
    served = await startServe(nodePath.join(dir, 'new.anchor'));
    auth = { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' };
  }, 240_000);

  afterAll(async () => {
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a long random token in the fragment', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/);
  });

  it('answers an API call with the token and the JSON reply envelope', async () => {
    const reply = await request(served, '/api/getSession', { method: 'POST', headers: auth, body: '{}' });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body) as {
      ok: boolean;
      value: { host: string; servedFileMissing: boolean };
    };
    expect(body.ok).toBe(true);
    expect(body.value.host).toBe('browser');
    expect(body.value.servedFileMissing).toBe(true);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('refuses calls without the token or with a wrong one, in the same way', async () => {
    const attempts: Record<string, string>[] = [
      { 'Content-Type': 'application/json' },
      { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token.slice(1)}x` },
      { 'Content-Type': 'application/json', Authorization: served.token },
    ];
    for (const headers of attempts) {
      const reply = await request(served, '/api/getSession', { method: 'POST', headers, body: '{}' });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { name: 'Unauthorized' } });
    }
  });

  it('refuses a foreign Host header (DNS rebinding) before anything else', async () => {
    const port = new URL(served.origin).port;
    for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1']) {
      const api = await request(served, '/api/getSession', {
        method: 'POST',
        headers: { ...auth, Host: host },
        body: '{}',
      });
      expect(api.status).toBe(421);
      const page = await request(served, '/', { headers: { Host: host } });
      expect(page.status).toBe(421);
    }
  });

  it('refuses another origin and sends no CORS headers, even to a preflight', async () => {
    const cross = await request(served, '/api/getSession', {
      method: 'POST',
      headers: { ...auth, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const preflight = await request(served, '/api/getSession', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    for (const reply of [cross, preflight]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('checks the arguments against the contract', async () => {
    const reply = await request(served, '/api/listIdentities', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ limit: 100000, sql: 'DROP TABLE scans' }),
    });
    const body = JSON.parse(reply.body) as { ok: boolean; error: { name: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.name).toBe('InvalidArguments');
    expect(body.error.message).toContain('limit');
    const text = await request(served, '/api/getSession', {
      method: 'POST',
      headers: { Authorization: auth['Authorization'] ?? '', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const unknown = await request(served, '/api/dropEverything', {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });

  it('serves the renderer with the strict CSP and nothing outside its folder', async () => {
    const index = await request(served, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<div id="root"></div>');
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2fetc%2fpasswd',
      '/..\\..\\package.json',
      '/index.html%00.js',
    ]) {
      const reply = await request(served, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('"name": "agent-anchor"');
    }
  });

  it('serves an export download only with the token and only for a finished export', async () => {
    const noToken = await request(served, '/api/download/anything');
    expect(noToken.status).toBe(401);
    const unknown = await request(served, '/api/download/00000000-0000-0000-0000-000000000000', {
      headers: { Authorization: auth['Authorization'] ?? '' },
    });
    expect(unknown.status).toBe(404);
  });
});
