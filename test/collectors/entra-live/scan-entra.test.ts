/**
 * The Entra scan as a consultant runs it: `agent-anchor scan --entra` against the Graph emulator
 * over real HTTP (token sign-in), stored in an engagement file, `--save-raw` re-imported into the
 * same file, the option checks, and `agent-anchor permissions entra`.
 */
import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoEngagement } from '../../../engagement/import';
import { readInventoryView } from '../../../engagement/inventory';
import { runScan } from '../../../engagement/scan';
import type { GraphEmulator } from '../../../collectors/emulators/graph';
import type { DemoTenant } from '../../../collectors/demo';
import { comparable, NOW, runCliAsync, startDemoEmulator, TOKEN } from './helpers';

let emulator: GraphEmulator;
let demo: DemoTenant;
let dir: string;

beforeAll(async () => {
  ({ emulator, demo } = await startDemoEmulator({ size: 500, maxPageSize: 100 }));
  dir = await mkdtemp(join(tmpdir(), 'aa-entra-scan-'));
});
afterAll(async () => {
  await emulator.close();
});

function entraArgs(out: string, extra: string[] = []): string[] {
  return [
    'scan',
    '--out',
    out,
    '--entra',
    '--tenant',
    demo.info.tenantId,
    '--entra-auth',
    'token',
    '--graph-url',
    emulator.url,
    '--authority-host',
    emulator.url,
    '--now',
    NOW,
    ...extra,
  ];
}

describe('runScan with an Entra source', () => {
  it('stores one complete scan; the saved raw responses re-import to the same inventory', async () => {
    const file = join(dir, 'engagement.anchor');
    const rawDir = join(dir, 'raw');
    const scanned = await runScan(
      file,
      {
        entra: {
          tenant: demo.info.tenantId,
          auth: 'token',
          graphUrl: emulator.url,
          authorityHost: emulator.url,
          saveRawDir: rawDir,
          env: { AGENT_ANCHOR_GRAPH_TOKEN: TOKEN },
        },
      },
      { now: new Date(NOW), actor: 'test' },
    );
    expect(scanned.status).toBe('complete');
    expect(scanned.counts.identities).toBeGreaterThan(150);
    expect(scanned.stats.entra).toMatchObject({ tenants: 1, throttled: 0 });
    expect(scanned.stats.entra?.calls).toBe(
      (scanned.stats.entra?.pages ?? 0) + (scanned.stats.entra?.batches ?? 0),
    );

    const imported = await importIntoEngagement(
      file,
      { entraDirs: [rawDir] },
      { now: new Date(NOW), actor: 'test' },
    );
    expect(imported.scanId).toBe(scanned.scanId + 1);
    const live = readInventoryView(file, { scanId: scanned.scanId });
    const again = readInventoryView(file, { scanId: imported.scanId });
    expect(live.scan.method).toBe('live');
    expect(live.inventory.sources[0]?.method).toBe('live');
    expect(again.inventory.sources[0]?.method).toBe('import');
    expect(comparable(again.inventory)).toEqual(comparable(live.inventory));
  });
});

describe('agent-anchor scan --entra', () => {
  it('scans with a supplied token read from AGENT_ANCHOR_GRAPH_TOKEN', async () => {
    const out = join(dir, 'cli.anchor');
    const raw = join(dir, 'cli-raw');
    const r = await runCliAsync(entraArgs(out, ['--save-raw', raw]), { AGENT_ANCHOR_GRAPH_TOKEN: TOKEN });
    expect(r.stderr).not.toMatch(/agent-anchor:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created .*cli\.anchor: scan 1 \(complete\) with \d+ identities/);
    expect(r.stdout).toMatch(/entra: 1 tenant, \d+ Graph requests \(\d+ \$batch\)/);
    expect(await readdir(raw)).toContain('v1.0');
  });

  it('refuses a rejected token with one line, storing nothing', async () => {
    const out = join(dir, 'rejected.anchor');
    const r = await runCliAsync(entraArgs(out), { AGENT_ANCHOR_GRAPH_TOKEN: 'expired-or-foreign-token' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      /^agent-anchor: Entra tenant [0-9a-f-]+: GET v1\.0\/\S+: 401 Unauthorized: Graph rejected the access token \(Graph: InvalidAuthenticationToken/,
    );
    await expect(readdir(dir)).resolves.not.toContain('rejected.anchor');
  });

  it('refuses a --save-raw folder that holds files, before signing in', async () => {
    const raw = join(dir, 'busy');
    await mkdir(raw, { recursive: true });
    await writeFile(join(raw, 'old.json'), '{}');
    const before = emulator.requests.length;
    const r = await runCliAsync(entraArgs(join(dir, 'busy.anchor'), ['--save-raw', raw]), {
      AGENT_ANCHOR_GRAPH_TOKEN: TOKEN,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty; choose a new folder');
    expect(emulator.requests.length).toBe(before);
  });
});

describe('agent-anchor permissions entra', () => {
  it('lists the read-only Graph permissions the scan needs', async () => {
    const r = await runCliAsync(['permissions', 'entra']);
    expect(r.code).toBe(0);
    for (const p of [
      'Application.Read.All',
      'Directory.Read.All',
      'RoleManagement.Read.Directory',
      'AuditLog.Read.All',
    ])
      expect(r.stdout).toContain(p);
    expect(r.stdout).not.toMatch(/ReadWrite/);
  });
});
