/**
 * The real @azure/identity credentials signing in against the emulator's identity endpoints over
 * HTTPS: a test CA and server certificate are made with the openssl CLI, and the CLI runs in a
 * child process trusting that CA through NODE_EXTRA_CA_CERTS, so neither MSAL nor the Graph client
 * is modified or told to skip certificate checks.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import { entraScanArgs, graphRequests, runCliAsync, startDemoEmulator } from './helpers';
import { makeTestPki, selfSigned } from './test-pki';

const SECRET_APP = '11111111-2222-3333-4444-555555555555';
const CERT_APP = '66666666-7777-8888-9999-000000000000';
const PUBLIC_APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
/** A fake secret for the emulated app registration: test data, not a credential of anything real. */
const TEST_SECRET = 'emulator-test-secret-value';

let dir: string;
let emulator: GraphEmulator;
let tenantId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aa-entra-tls-'));
  const pki = await makeTestPki(dir);
  await selfSigned(dir, 'app', 'agent-anchor-test-app');
  await writeFile(
    join(dir, 'app-bundle.pem'),
    (await readFile(join(dir, 'app.key'), 'utf8')) + (await readFile(join(dir, 'app.pem'), 'utf8')),
  );
  const started = await startDemoEmulator({
    size: 200,
    tls: pki.tls,
    acceptedTokens: [],
    clients: [
      { clientId: SECRET_APP, secret: TEST_SECRET },
      { clientId: CERT_APP, certificatePem: await readFile(join(dir, 'app.pem'), 'utf8') },
      { clientId: PUBLIC_APP },
    ],
  });
  emulator = started.emulator;
  tenantId = started.demo.info.tenantId;
  expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
});

afterAll(async () => {
  await emulator.close();
});

function scanArgs(out: string, auth: string, extra: string[] = []): string[] {
  return entraScanArgs({ out: join(dir, out), tenantId, url: emulator.url }, auth, extra);
}

const trustTestCa = () => ({ NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'), AGENT_ANCHOR_GRAPH_TOKEN: undefined });

describe('sign-in with the real credential classes over HTTPS', () => {
  it('client secret from AZURE_CLIENT_SECRET', async () => {
    const before = emulator.requests.length;
    const r = await runCliAsync(scanArgs('secret.anchor', 'client-secret', ['--client-id', SECRET_APP]), {
      ...trustTestCa(),
      AZURE_CLIENT_SECRET: TEST_SECRET,
    });
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan 1 \(complete\) with \d+ identities/);
    const mine = emulator.requests.slice(before);
    expect(mine.some((x) => x.path === `/${tenantId}/v2.0/.well-known/openid-configuration`)).toBe(true);
    expect(mine.filter((x) => x.path === `/${tenantId}/oauth2/v2.0/token` && x.status === 200)).toHaveLength(
      1,
    );
    // Every Graph request carried the token the sign-in returned.
    expect(
      graphRequests(emulator)
        .slice(-5)
        .every((x) => x.authorized && x.status === 200),
    ).toBe(true);
  });

  it('certificate: a client assertion signed with the PEM key, checked by the emulator', async () => {
    const r = await runCliAsync(
      scanArgs('cert.anchor', 'certificate', [
        '--client-id',
        CERT_APP,
        '--certificate',
        join(dir, 'app-bundle.pem'),
      ]),
      trustTestCa(),
    );
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan 1 \(complete\)/);
  });

  it('device code: the code is shown on stderr, the scan goes on once the user signed in', async () => {
    const r = await runCliAsync(
      scanArgs('device.anchor', 'device-code', ['--client-id', PUBLIC_APP]),
      trustTestCa(),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code [0-9A-F]+/,
    );
    expect(r.stdout).toMatch(/scan 1 \(complete\)/);
  });

  it('a wrong secret fails the sign-in with the identity platform reason, and nothing is stored', async () => {
    const r = await runCliAsync(scanArgs('wrong.anchor', 'client-secret', ['--client-id', SECRET_APP]), {
      ...trustTestCa(),
      AZURE_CLIENT_SECRET: 'not-the-secret',
    });
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^agent-anchor: sign-in failed: .*AADSTS7000215: Invalid client secret provided/);
    expect(r.stderr).not.toContain('not-the-secret');
    expect(await readdir(dir)).not.toContain('wrong.anchor');
  });
});
