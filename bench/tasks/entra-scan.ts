/**
 * Benchmark task: a live Entra scan of the emulated demo tenant with about `servicePrincipals`
 * service principals, every HTTP response delayed by `latencyMs` (50 ms). Reports Graph requests
 * and wall time per 1,000 service principals next to the bound they are judged against:
 *
 * - calls: the pages every list needs at its page size (999), plus the per-object reads packed
 *   20 to a $batch;
 * - time: the larger of (a) all those calls spread over the concurrency, (b) the longest chain of
 *   pages that must follow each other (one list's nextLinks, then the last batch), and (c) the
 *   wait the keyCredentials budget (150 per minute) forces on the pages that select them;
 *   each times the latency.
 *
 * The emulator runs in a child process, as Graph would run elsewhere: its JSON work does not share
 * this process's event loop with the collector.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  collectEntra,
  DIRECTORY_PAGE_SIZE,
  followUps,
  GraphTransport,
  KEY_CREDENTIALS_BUDGET,
  LIST_SPECS,
  StaticTokenCredential,
  transformEntraCollection,
  entraLiveSource,
} from '../../collectors/entra/live';
import { profileMeasured, reportTask, round } from '../measure';

const params = JSON.parse(process.argv[2] ?? '{}') as {
  servicePrincipals?: number;
  latencyMs?: number;
  concurrency?: number;
  role?: string;
};

const NOW = '2026-11-01T00:00:00.000Z';
/** Service principals per demo identity (the demo's Entra share and its mix of objects). */
const SP_PER_DEMO_IDENTITY = 0.287;
const BATCH = 20;

interface Plan {
  url: string;
  token: string;
  tenantId: string;
  servicePrincipals: number;
  /** Pages per list at the page size the collector asks for. */
  pages: Record<string, number>;
  keyCredentialPages: number;
  /** Per-object reads per version root. */
  perObject: { 'v1.0': number; beta: number };
}

async function emulatorChild(): Promise<void> {
  const { generateDemo } = await import('../../collectors/demo');
  const { graphSeedFromDemo, startGraphEmulator, DEMO_GRAPH_TOKEN } =
    await import('../../collectors/emulators/graph');
  const size = Math.round((params.servicePrincipals ?? 2000) / SP_PER_DEMO_IDENTITY);
  const seed = graphSeedFromDemo(generateDemo({ seed: 7, size, now: NOW }));
  const emulator = await startGraphEmulator(seed, {
    latencyMs: params.latencyMs ?? 50,
    acceptedTokens: [DEMO_GRAPH_TOKEN],
  });
  const pages: Record<string, number> = {};
  let keyCredentialPages = 0;
  const perObject = { 'v1.0': 0, beta: 0 };
  for (const spec of LIST_SPECS) {
    const items =
      seed[`${spec.version}/${spec.resource}`] ??
      (spec.version === 'beta' ? seed[`v1.0/${spec.resource}`] : undefined) ??
      [];
    const n = Math.max(1, Math.ceil(items.length / (spec.top ?? 100)));
    pages[spec.key] = n;
    if (spec.keyCredentials) keyCredentialPages += n;
    for (const item of items) for (const f of followUps(spec.key, item)) perObject[f.spec.version]++;
  }
  const plan: Plan = {
    url: emulator.url,
    token: DEMO_GRAPH_TOKEN,
    tenantId: emulator.tenantId,
    servicePrincipals: seed['v1.0/servicePrincipals']?.length ?? 0,
    pages,
    keyCredentialPages,
    perObject,
  };
  const cpu0 = process.cpuUsage();
  process.send?.({ plan });
  process.on('message', (m: { stop?: boolean }) => {
    if (!m.stop) return;
    const cpu = process.cpuUsage(cpu0);
    const requests = emulator.requests.filter((r) => !r.inBatch).length;
    process.send?.({ requests, emulatorCpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => {
      void emulator.close().then(() => process.exit(0));
    });
  });
}

function startChild(): Promise<{ child: ChildProcess; plan: Plan }> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify({ ...params, role: 'emulator' })], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.on('message', (m: { plan?: Plan }) => {
      if (m.plan) resolve({ child, plan: m.plan });
    });
  });
}

function transport(url: string, token: string): GraphTransport {
  return new GraphTransport({
    baseUrl: url,
    credential: new StaticTokenCredential(token),
    scopes: ['https://graph.microsoft.com/.default'],
  });
}

/** A small scan first, in process: module loading and JIT are not a cost per service principal. */
async function warmUp(): Promise<number> {
  const { generateDemo } = await import('../../collectors/demo');
  const { graphSeedFromDemo, startGraphEmulator, DEMO_GRAPH_TOKEN } =
    await import('../../collectors/emulators/graph');
  const t0 = performance.now();
  const emulator = await startGraphEmulator(
    graphSeedFromDemo(generateDemo({ seed: 1, size: 300, now: NOW })),
    {
      acceptedTokens: [DEMO_GRAPH_TOKEN],
    },
  );
  try {
    await collectEntra({ transport: transport(emulator.url, DEMO_GRAPH_TOKEN) });
  } finally {
    await emulator.close();
  }
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const latencyMs = params.latencyMs ?? 50;
  const concurrency = params.concurrency ?? 8;
  const { child, plan } = await startChild();
  const warmupSeconds = await warmUp();
  const stopProfile = await profileMeasured();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const graph = transport(plan.url, plan.token);
  if (process.env.AA_BENCH_TIMELINE) {
    // Start, duration and request of every call, on stderr: where the wall time goes.
    const send = graph.send.bind(graph);
    graph.send = async (method, path, options) => {
      const start = performance.now() - t0;
      try {
        return await send(method, path, options);
      } finally {
        process.stderr.write(
          `${start.toFixed(0)}\t+${(performance.now() - t0 - start).toFixed(0)}\t${method} ${path.split('?')[0]}\n`,
        );
      }
    };
  }
  const collection = await collectEntra({ transport: graph, concurrency });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await stopProfile();
  const inventory = transformEntraCollection(collection, {
    source: (tenantId) =>
      entraLiveSource({ tenantId, graphBaseUrl: plan.url, method: 'demo', signIn: 'bench token' }),
    collectedAt: NOW,
    tenantHint: plan.tenantId,
  });
  const { httpRequests, emulatorCpuSeconds } = await new Promise<{
    httpRequests: number;
    emulatorCpuSeconds: number;
  }>((resolve) => {
    child.on('message', (m: { requests?: number; emulatorCpuSeconds?: number }) => {
      if (m.requests !== undefined)
        resolve({ httpRequests: m.requests, emulatorCpuSeconds: m.emulatorCpuSeconds ?? 0 });
    });
    child.send({ stop: true });
  });

  const latency = latencyMs / 1000;
  const listPages = Object.values(plan.pages).reduce((a, b) => a + b, 0);
  const batches = Math.ceil(plan.perObject['v1.0'] / BATCH) + Math.ceil(plan.perObject.beta / BATCH);
  const boundCalls = listPages + batches;
  const spread = (boundCalls / concurrency) * latency;
  // The longest list chain, then one more round for the last batch of what it listed.
  const chain = (Math.max(...Object.values(plan.pages)) + 1) * latency;
  const budgetWindows = Math.max(0, Math.ceil(plan.keyCredentialPages / KEY_CREDENTIALS_BUDGET.requests) - 1);
  const budgetWait = (budgetWindows * KEY_CREDENTIALS_BUDGET.windowMs) / 1000;
  const bound = Math.max(spread, chain, budgetWait);
  const per1000 = 1000 / plan.servicePrincipals;
  const c = collection.stats;
  reportTask({
    seconds,
    rows: plan.servicePrincipals,
    extra: {
      latencyMs,
      concurrency,
      pageSize: DIRECTORY_PAGE_SIZE,
      identities: inventory.identities.length,
      calls: c.requests,
      httpRequests,
      listPages: c.pages,
      batches: c.batches,
      batchedRequests: c.batchedRequests,
      retries: c.retries,
      throttled: c.throttled,
      callsPer1000ServicePrincipals: round(c.requests * per1000),
      secondsPer1000ServicePrincipals: round(seconds * per1000),
      boundCalls,
      boundListPages: listPages,
      boundBatches: batches,
      keyCredentialPages: plan.keyCredentialPages,
      boundSeconds: round(bound),
      boundBy:
        bound === spread
          ? 'calls / concurrency'
          : bound === chain
            ? 'longest page chain'
            : 'keyCredentials budget',
      ratioToBound: round(seconds / bound),
      callsRatioToBound: round(c.requests / boundCalls),
      withinTarget: seconds <= 1.5 * bound,
      collectorCpuSeconds: round((cpu.user + cpu.system) / 1e6),
      // The emulator's own CPU (JSON for every response): on a 2-core machine it competes with the collector.
      emulatorCpuSeconds: round(emulatorCpuSeconds),
      warmupSeconds: round(warmupSeconds),
      complete: collection.outcomes.every((o) => o.status === 'complete'),
    },
  });
}

if (params.role === 'emulator') await emulatorChild();
else await main();
