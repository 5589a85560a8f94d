/**
 * Browser and Azure CLI sign-in end to end: the real CLI, the real @azure/identity credentials and
 * the real `open` package run unmodified in a child process; only what sits outside the app is
 * faked, on the child's PATH and environment.
 *
 * Browser: InteractiveBrowserCredential (MSAL) listens on a loopback port and has `open` show the
 * authorize URL. On Linux `open` 10 runs the freedesktop `xdg-open` it bundles (the system one on
 * PATH when the bundled copy is not executable, and always under Electron), which with no desktop
 * session and no display starts the program named by $BROWSER. The fake browser is installed both
 * ways. It requests the authorize URL from the emulator (the user is signed in already) and follows
 * the redirects, so the authorization code reaches the loopback server as from a real browser, and
 * MSAL redeems it with its PKCE verifier.
 *
 * Azure CLI: AzureCliCredential runs `az account get-access-token` through the shell; a fake `az`
 * records its arguments and prints what the real one does (or fails as a signed-out one does).
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import { DEFAULT_PUBLIC_CLIENT_ID } from '../../../collectors/entra/live';
import { entraScanArgs, graphRequests, runCliAsync, startDemoEmulator } from './helpers';
import { makeTestPki } from './test-pki';

/** The access token the fake `az` prints: a fake value the emulator accepts, no credential. */
const AZ_TOKEN = 'emulator-azure-cli-access-token';
/** Room for a whole CLI scan on a loaded machine; ends a hung sign-in well before the test timeout. */
const CLI_TIMEOUT_MS = 120_000;

let dir: string;
let binDir: string;
let caPath: string;
let emulator: GraphEmulator;
let tenantId: string;

/** The fake browser: fetches a URL and follows redirects like a browser would, logging each hop. */
const FAKE_BROWSER = `'use strict';
const { appendFileSync } = require('node:fs');
const log = (entry) => appendFileSync(process.env.AA_FAKE_BROWSER_LOG, JSON.stringify(entry) + '\\n');
(async () => {
  let url = process.argv[2];
  log({ opened: url });
  // A browser that never comes back (none could open: SSH, no display).
  if (process.env.AA_FAKE_BROWSER_MODE === 'ignore') return;
  for (let hop = 0; hop < 5 && url; hop++) {
    let res;
    try {
      res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20000) });
    } catch (e) {
      log({ url, error: String(e && e.cause ? e.cause : e) });
      return;
    }
    const location = res.headers.get('location');
    const body = await res.text();
    log({ url, status: res.status, location, body: body.slice(0, 300) });
    url = res.status >= 300 && res.status < 400 && location ? new URL(location, url).href : undefined;
  }
})();
`;

/** The fake `az`: records its arguments, then answers as a signed-in or a signed-out Azure CLI. */
const FAKE_AZ = `'use strict';
const { appendFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(process.env.AA_FAKE_AZ_LOG, JSON.stringify({ args, cwd: process.cwd() }) + '\\n');
if (process.env.AA_FAKE_AZ_MODE === 'signed-out') {
  process.stderr.write("ERROR: Please run 'az login' to setup account.\\n");
  process.exit(1);
}
const tenant = args[args.indexOf('--tenant') + 1];
const expires = new Date(Date.now() + 3600 * 1000);
const pad = (n) => String(n).padStart(2, '0');
// az prints expiresOn in local time without a zone, and expires_on (epoch seconds) since 2.54.
const expiresOn = expires.getFullYear() + '-' + pad(expires.getMonth() + 1) + '-' + pad(expires.getDate()) +
  ' ' + pad(expires.getHours()) + ':' + pad(expires.getMinutes()) + ':' + pad(expires.getSeconds()) + '.000000';
process.stdout.write(JSON.stringify({
  accessToken: ${JSON.stringify(AZ_TOKEN)},
  expiresOn,
  expires_on: Math.floor(expires.getTime() / 1000),
  tenant,
  tokenType: 'Bearer',
}, null, 2) + '\\n');
`;

/** An executable on PATH that runs a Node script with this Node (a shebang cannot hold any path). */
async function installTool(name: string, scriptFile: string): Promise<void> {
  const path = join(binDir, name);
  await writeFile(path, `#!/bin/sh\nexec '${process.execPath}' '${scriptFile}' "$@"\n`);
  await chmod(path, 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aa-entra-interactive-'));
  binDir = join(dir, 'bin');
  await mkdir(binDir);
  const pki = await makeTestPki(dir);
  caPath = pki.caPath;
  await writeFile(join(dir, 'fake-browser.cjs'), FAKE_BROWSER);
  await writeFile(join(dir, 'fake-az.cjs'), FAKE_AZ);
  await installTool('fake-browser', join(dir, 'fake-browser.cjs'));
  await installTool('xdg-open', join(dir, 'fake-browser.cjs'));
  await installTool('az', join(dir, 'fake-az.cjs'));
  const started = await startDemoEmulator({ size: 200, tls: pki.tls, acceptedTokens: [AZ_TOKEN] });
  emulator = started.emulator;
  tenantId = started.demo.info.tenantId;
});

afterAll(async () => {
  await emulator.close();
});

function scanArgs(out: string, auth: string, extra: string[] = []): string[] {
  return entraScanArgs({ out: join(dir, out), tenantId, url: emulator.url }, auth, extra);
}

/**
 * The child's environment: the test CA trusted, the fakes first on PATH, no token from the
 * developer's shell, and no desktop session or display, so xdg-open takes its generic path.
 */
function childEnv(log: string, extra: Record<string, string | undefined> = {}) {
  return {
    NODE_EXTRA_CA_CERTS: caPath,
    AGENT_ANCHOR_GRAPH_TOKEN: undefined,
    PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    BROWSER: join(binDir, 'fake-browser'),
    AA_FAKE_BROWSER_LOG: log,
    AA_FAKE_AZ_LOG: log,
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    XDG_CURRENT_DESKTOP: undefined,
    XDG_RUNTIME_DIR: undefined,
    DESKTOP_SESSION: undefined,
    KDE_FULL_SESSION: undefined,
    GNOME_DESKTOP_SESSION_ID: undefined,
    MATE_DESKTOP_SESSION_ID: undefined,
    LXQT_SESSION_CONFIG: undefined,
    DBUS_SESSION_BUS_ADDRESS: undefined,
    ...extra,
  };
}

async function logLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

interface BrowserHop {
  opened?: string;
  url?: string;
  status?: number;
  location?: string | null;
  body?: string;
  error?: string;
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/** Elsewhere `open` starts the real system browser (macOS `open`, PowerShell on Windows and WSL). */
const openUsesXdgOpen = process.platform === 'linux' && !/microsoft/i.test(release());

describe.skipIf(!openUsesXdgOpen)('browser sign-in (authorization code with PKCE)', () => {
  it('opens the authorize URL, gets the code on the loopback redirect, redeems it and scans', async () => {
    emulator.interactiveSignIn = 'approve';
    const log = join(dir, 'browser-ok.log');
    const before = emulator.requests.length;
    const r = await runCliAsync(scanArgs('browser.anchor', 'browser'), childEnv(log), {
      timeoutMs: CLI_TIMEOUT_MS,
    });
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan 1 \(complete\) with \d+ identities/);

    const hops = await logLines<BrowserHop>(log);
    const opened = new URL(hops[0]?.opened ?? '');
    expect(`${opened.origin}${opened.pathname}`).toBe(`${emulator.url}/${tenantId}/oauth2/v2.0/authorize`);
    const q = opened.searchParams;
    expect(q.get('client_id')).toBe(DEFAULT_PUBLIC_CLIENT_ID);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    // Delegated sign-in asks for the read permissions by name, on the Graph resource.
    const scopes = (q.get('scope') ?? '').split(' ');
    expect(scopes).toContain('https://graph.microsoft.com/Application.Read.All');
    expect(scopes).toContain('https://graph.microsoft.com/Directory.Read.All');
    expect(scopes.some((s) => /ReadWrite/i.test(s))).toBe(false);

    // The emulator sent the browser to the loopback server with a code; the loopback accepted it.
    const toLoopback = hops.find((h) => h.url?.startsWith(`${q.get('redirect_uri')}/?`));
    expect(hops[1]?.status).toBe(302);
    expect(toLoopback?.url).toMatch(/[?&]code=[A-Za-z0-9_-]+/);
    expect(toLoopback?.status).toBe(302);

    // The code was redeemed once, with the verifier the challenge was made from (checked by the emulator).
    const mine = emulator.requests.slice(before);
    const tokenCalls = mine.filter((x) => x.path === `/${tenantId}/oauth2/v2.0/token`);
    expect(tokenCalls.map((x) => x.status)).toEqual([200]);
    expect(
      graphRequests(emulator)
        .slice(-5)
        .every((x) => x.authorized && x.status === 200),
    ).toBe(true);
  });

  it('a declined consent ends the scan with one clear line and stores nothing', async () => {
    emulator.interactiveSignIn = 'deny';
    try {
      const log = join(dir, 'browser-denied.log');
      const before = emulator.requests.length;
      const r = await runCliAsync(scanArgs('denied.anchor', 'browser'), childEnv(log), {
        timeoutMs: CLI_TIMEOUT_MS,
      });
      expect(r.code).toBe(1);
      expect(lastLine(r.stderr)).toMatch(
        /^agent-anchor: sign-in failed: .*access_denied.*AADSTS65004: User declined to consent to access the app\.?$/,
      );
      expect(r.stderr.match(/agent-anchor:/g)).toHaveLength(1);
      const hops = await logLines<BrowserHop>(log);
      expect(hops.find((h) => h.url?.includes('error=access_denied'))?.status).toBe(200);
      const mine = emulator.requests.slice(before);
      expect(mine.some((x) => x.path.endsWith('/oauth2/v2.0/token'))).toBe(false);
      expect(mine.some((x) => /^\/(v1\.0|beta)\//.test(x.path))).toBe(false);
      expect(await readdir(dir)).not.toContain('denied.anchor');
    } finally {
      emulator.interactiveSignIn = 'approve';
    }
  });
});

describe.skipIf(!openUsesXdgOpen)('browser sign-in that never comes back', () => {
  it('one Ctrl-C ends the wait at once, with one clear line, and stores nothing', async () => {
    const log = join(dir, 'browser-none.log');
    let interruptedAt = 0;
    const r = await runCliAsync(
      scanArgs('none.anchor', 'browser'),
      childEnv(log, { AA_FAKE_BROWSER_MODE: 'ignore' }),
      {
        timeoutMs: CLI_TIMEOUT_MS,
        onStart: (child) => {
          // Once the browser was asked to open the sign-in page, the user gives up.
          const poll = setInterval(() => {
            void logLines<BrowserHop>(log).then((hops) => {
              if (hops.length === 0 || interruptedAt) return;
              clearInterval(poll);
              interruptedAt = Date.now();
              child.kill('SIGINT');
            });
          }, 100);
          child.on('close', () => clearInterval(poll));
        },
      },
    );
    expect(interruptedAt).toBeGreaterThan(0);
    // Before, the process waited for a second Ctrl-C (here: the test's kill after two minutes).
    expect(Date.now() - interruptedAt).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cancelling');
    expect(r.stderr.match(/agent-anchor: /g)).toHaveLength(2);
    expect(lastLine(r.stderr)).toMatch(/^agent-anchor: .*cancel/);
    expect(await readdir(dir)).not.toContain('none.anchor');
  });
});

interface AzCall {
  args: string[];
}

describe.skipIf(process.platform === 'win32')('Azure CLI sign-in', () => {
  it('takes the token `az account get-access-token` prints, for the tenant and the Graph resource', async () => {
    const log = join(dir, 'az-ok.log');
    const r = await runCliAsync(scanArgs('az.anchor', 'azure-cli'), childEnv(log), {
      timeoutMs: CLI_TIMEOUT_MS,
    });
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan 1 \(complete\) with \d+ identities/);
    const calls = await logLines<AzCall>(log);
    expect(calls.map((c) => c.args)).toEqual([
      [
        'account',
        'get-access-token',
        '--output',
        'json',
        '--resource',
        'https://graph.microsoft.com',
        '--tenant',
        tenantId,
      ],
    ]);
    expect(
      graphRequests(emulator)
        .slice(-5)
        .every((x) => x.authorized && x.status === 200),
    ).toBe(true);
  });

  it("asks for the national cloud's Graph resource, whatever --graph-url points at", async () => {
    const log = join(dir, 'az-usgov.log');
    const r = await runCliAsync(
      scanArgs('az-usgov.anchor', 'azure-cli', ['--cloud', 'usgov']),
      childEnv(log),
      { timeoutMs: CLI_TIMEOUT_MS },
    );
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    const calls = await logLines<AzCall>(log);
    expect(calls).toHaveLength(1);
    const args = calls[0]?.args ?? [];
    expect(args[args.indexOf('--resource') + 1]).toBe('https://graph.microsoft.us');
    expect(args[args.indexOf('--tenant') + 1]).toBe(tenantId);
  });

  it('a signed-out Azure CLI gives one clear line and stores nothing', async () => {
    const log = join(dir, 'az-signed-out.log');
    const before = emulator.requests.length;
    const r = await runCliAsync(
      scanArgs('az-signed-out.anchor', 'azure-cli'),
      childEnv(log, { AA_FAKE_AZ_MODE: 'signed-out' }),
      { timeoutMs: CLI_TIMEOUT_MS },
    );
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toMatch(/^agent-anchor: sign-in failed: Please run 'az login'/);
    expect(r.stderr.match(/agent-anchor:/g)).toHaveLength(1);
    expect(await logLines<AzCall>(log)).toHaveLength(1);
    expect(emulator.requests.slice(before)).toHaveLength(0);
    expect(await readdir(dir)).not.toContain('az-signed-out.anchor');
  });

  it('no Azure CLI installed: says so, stores nothing', async () => {
    const emptyBin = join(dir, 'empty-bin');
    await mkdir(emptyBin, { recursive: true });
    const r = await runCliAsync(
      scanArgs('az-missing.anchor', 'azure-cli'),
      childEnv(join(dir, 'az-missing.log'), { PATH: emptyBin }),
      { timeoutMs: CLI_TIMEOUT_MS },
    );
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toMatch(/^agent-anchor: sign-in failed: Azure CLI could not be found/);
    expect(await readdir(dir)).not.toContain('az-missing.anchor');
  });
});
