/**
 * The emulator's authorization code flow, pinned with plain fetch: the browser sign-in test relies
 * on it refusing what the identity platform refuses (a wrong PKCE verifier, a code redeemed twice,
 * another redirect URI, a redirect URI that is not a loopback address), not just on it answering.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import { startDemoEmulator } from './helpers';

const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const REDIRECT = 'http://localhost:50123';
const SCOPE = 'https://graph.microsoft.com/Directory.Read.All openid profile offline_access';

let emulator: GraphEmulator;
let tenantId: string;

beforeAll(async () => {
  ({ emulator } = await startDemoEmulator({ size: 50 }));
  tenantId = emulator.tenantId;
});
afterAll(async () => {
  await emulator.close();
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string>): Promise<{ status: number; location: URL | null }> {
  const query = new URLSearchParams({
    client_id: CLIENT,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: SCOPE,
    response_mode: 'query',
    ...params,
  });
  const res = await fetch(`${emulator.url}/${tenantId}/oauth2/v2.0/authorize?${query}`, {
    redirect: 'manual',
  });
  await res.text();
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : null };
}

async function redeem(
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      scope: SCOPE,
      ...params,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function codeFor(challenge: string, method = 'S256'): Promise<string> {
  const r = await authorize({ code_challenge: challenge, code_challenge_method: method, state: 'st-1' });
  expect(r.status).toBe(302);
  return r.location?.searchParams.get('code') ?? '';
}

describe('Graph emulator: authorization code flow', () => {
  it('redirects to the loopback URI with a code and the state; the code redeems once for a Graph token', async () => {
    const { verifier, challenge } = pkce();
    const r = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1' });
    expect(r.status).toBe(302);
    expect(r.location?.origin).toBe(REDIRECT);
    expect(r.location?.searchParams.get('state')).toBe('st-1');
    const code = r.location?.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const ok = await redeem({ code, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body.token_type).toBe('Bearer');
    expect(typeof ok.body.id_token).toBe('string');
    const graph = await fetch(`${emulator.url}/v1.0/organization`, {
      headers: { Authorization: `Bearer ${String(ok.body.access_token)}` },
    });
    expect(graph.status).toBe(200);
    const again = await redeem({ code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(String(again.body.error_description)).toMatch(/^AADSTS54005:/);
  });

  it('refuses a wrong or missing PKCE verifier, and the code is spent either way', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const wrong = await redeem({ code, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    expect(String(wrong.body.error_description)).toMatch(/^AADSTS501481:/);
    expect(wrong.body.error_codes).toEqual([501481]);
    expect((await redeem({ code, code_verifier: verifier })).body.error).toBe('invalid_grant');
    const missing = await redeem({ code: await codeFor(challenge) });
    expect(missing.body.error).toBe('invalid_request');
    expect(String(missing.body.error_description)).toMatch(/'code_verifier'/);
  });

  it('checks the plain method, the client and the redirect URI the code was issued for', async () => {
    const plain = await codeFor('plain-verifier-value-plain-verifier-value-0123', 'plain');
    expect(
      (await redeem({ code: plain, code_verifier: 'plain-verifier-value-plain-verifier-value-0123' })).status,
    ).toBe(200);
    const { verifier, challenge } = pkce();
    const other = await redeem({
      code: await codeFor(challenge),
      code_verifier: verifier,
      client_id: '11111111-2222-3333-4444-555555555555',
    });
    expect(other.body.error).toBe('invalid_grant');
    const moved = await redeem({
      code: await codeFor(challenge),
      code_verifier: verifier,
      redirect_uri: 'http://localhost:50124',
    });
    expect(moved.body.error).toBe('invalid_grant');
    expect(String(moved.body.error_description)).toMatch(/reply address/);
  });

  it('shows an error page instead of redirecting to a redirect URI that is not a loopback address', async () => {
    for (const uri of ['https://attacker.example/cb', 'http://192.0.2.1:8080', 'not a url']) {
      const r = await authorize({ redirect_uri: uri });
      expect(r.status).toBe(400);
      expect(r.location).toBeNull();
    }
  });

  it('a declined consent sends the browser back with access_denied and the state', async () => {
    emulator.interactiveSignIn = 'deny';
    try {
      const r = await authorize({
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
        state: 's2',
      });
      expect(r.status).toBe(302);
      expect(r.location?.origin).toBe(REDIRECT);
      expect(r.location?.searchParams.get('error')).toBe('access_denied');
      expect(r.location?.searchParams.get('error_description')).toMatch(/^AADSTS65004: User declined/);
      expect(r.location?.searchParams.get('state')).toBe('s2');
      expect(r.location?.searchParams.has('code')).toBe(false);
    } finally {
      emulator.interactiveSignIn = 'approve';
    }
  });

  it('answers a request without a scope or with another response type through the redirect', async () => {
    const noScope = await authorize({ scope: '' });
    expect(noScope.location?.searchParams.get('error')).toBe('invalid_request');
    const token = await authorize({ response_type: 'token' });
    expect(token.location?.searchParams.get('error')).toBe('unsupported_response_type');
  });
});
