/**
 * Shared set-up of the Entra live collector tests: the demo tenant served by the Graph emulator on
 * 127.0.0.1, the real transport and collector pointed at it, and the offline import of the very
 * same demo files to compare with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo, writeDemoFiles } from '../../../collectors/demo';
import type { DemoTenant } from '../../../collectors/demo';
import {
  entraImportSource,
  readEntraDir,
  transformEntraTenant,
  entraTenantId,
} from '../../../collectors/entra';
import {
  collectEntra,
  entraLiveSource,
  GraphTransport,
  Pacer,
  StaticTokenCredential,
  transformEntraCollection,
  type EntraCollection,
  type EntraCollectOptions,
} from '../../../collectors/entra/live';
import {
  DEMO_GRAPH_TOKEN,
  graphSeedFromDemo,
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from '../../../collectors/emulators/graph';
import type { Inventory } from '../../../model/inventory';

export const NOW = '2026-11-01T00:00:00.000Z';
export const TOKEN = DEMO_GRAPH_TOKEN;

const demos = new Map<string, DemoTenant>();

/** The demo tenant (cached per size and seed: generation is deterministic). */
export function demoTenant(size = 600, seed = 7): DemoTenant {
  const key = `${size}/${seed}`;
  let demo = demos.get(key);
  if (!demo) {
    demo = generateDemo({ seed, size, now: NOW });
    demos.set(key, demo);
  }
  return demo;
}

export async function startDemoEmulator(
  opts: GraphEmulatorOptions & { size?: number; seed?: number } = {},
): Promise<{ emulator: GraphEmulator; demo: DemoTenant }> {
  const { size, seed, ...options } = opts;
  const demo = demoTenant(size, seed);
  const emulator = await startGraphEmulator(graphSeedFromDemo(demo), { acceptedTokens: [TOKEN], ...options });
  return { emulator, demo };
}

export function transportFor(emulator: GraphEmulator, token = TOKEN): GraphTransport {
  return new GraphTransport({
    baseUrl: emulator.url,
    credential: new StaticTokenCredential(token),
    scopes: ['https://graph.microsoft.com/.default'],
  });
}

/** Retries fast in tests: backoff without Retry-After starts at 5 ms. */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 50 };

export async function collect(
  emulator: GraphEmulator,
  opts: Partial<EntraCollectOptions> = {},
): Promise<EntraCollection> {
  return collectEntra({
    transport: transportFor(emulator),
    retry: FAST_RETRY,
    random: () => 0.5,
    pacer: new Pacer(),
    ...opts,
  });
}

export function liveInventory(
  collection: EntraCollection,
  emulator: GraphEmulator,
  tenantHint: string,
): Inventory {
  return transformEntraCollection(collection, {
    source: (tenantId) =>
      entraLiveSource({ tenantId, graphBaseUrl: emulator.url, method: 'live', signIn: 'test token' }),
    collectedAt: NOW,
    tenantHint,
  });
}

/** The offline import of the demo's own Entra files, exactly as `import --entra-dir` reads them. */
export async function importedDemo(demo: DemoTenant): Promise<Inventory> {
  const dir = await mkdtemp(join(tmpdir(), 'aa-entra-live-demo-'));
  const written = await writeDemoFiles(dir, demo);
  return importedFolder(written.entraDir);
}

export async function importedFolder(dir: string): Promise<Inventory> {
  const read = await readEntraDir(dir);
  return transformEntraTenant(read.raw, {
    source: entraImportSource(entraTenantId(read.raw), [dir]),
    collectedAt: NOW,
    readNotes: read.notes,
  });
}

/** An inventory without who collected it: the part that must not depend on live or import. */
export function comparable(inv: Inventory): Omit<Inventory, 'sources'> {
  const { sources: _sources, ...rest } = inv;
  return { ...rest, coverage: inv.coverage.map((c) => ({ ...c, sourceId: '' })) };
}

export function coverageRow(inv: Inventory, areaSuffix: string) {
  return inv.coverage.find((c) => c.area.endsWith(`:${areaSuffix}`));
}

/** Graph requests that reached the emulator, batch sub-requests included, sign-in left out. */
/**
 * `agent-anchor scan` arguments for a live Entra scan of the emulator, signing in with `auth`
 * (graph and authority both at the emulator), written to `out`.
 */
export function entraScanArgs(
  target: { out: string; tenantId: string; url: string },
  auth: string,
  extra: string[] = [],
): string[] {
  return [
    'scan',
    '--out',
    target.out,
    '--entra',
    '--tenant',
    target.tenantId,
    '--entra-auth',
    auth,
    '--graph-url',
    target.url,
    '--authority-host',
    target.url,
    '--now',
    NOW,
    ...extra,
  ];
}

export function graphRequests(emulator: GraphEmulator) {
  return emulator.requests.filter((r) => /^\/(v1\.0|beta)\//.test(r.path));
}

const bin = fileURLToPath(new URL('../../../bin/agent-anchor.mjs', import.meta.url));

/**
 * Runs the real CLI in a child process without blocking this process (the emulator runs here).
 * With `timeoutMs`, a CLI still running then is killed (code -1): an interactive sign-in that never
 * gets its answer would otherwise wait for ever and outlive the test.
 */
export function runCliAsync(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  opts: { timeoutMs?: number; onStart?: (child: ChildProcess) => void } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    opts.onStart?.(child);
    let stdout = '';
    let stderr = '';
    const timer =
      opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
