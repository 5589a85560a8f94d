/**
 * Benchmark task: a live scan of the emulated demo organization with `identities` AWS identities,
 * every response delayed by `latencyMs` (50 ms: a far AWS region). Reports API calls and wall time
 * per 1,000 identities next to the bound set by the pages needed, the concurrency and the latency:
 * `calls / concurrency × latency` (the bound), and the same bound counting the longest
 * chain of calls that must follow each other (Marker pages, the report's poll wait) when that is
 * longer. The emulator runs in a child process so its XML and JSON work does not share this
 * process's event loop with the collector, as AWS would not, and each of its answers leaves
 * `latencyMs` after its request arrived, the emulator's own work included (`emulatorMeanResponseMs`
 * shows what it delivered).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectAws } from '../../collectors/aws/live';
import { profileMeasured, reportTask, round } from '../measure';

const params = JSON.parse(process.argv[2] ?? '{}') as {
  identities?: number;
  latencyMs?: number;
  concurrency?: number;
  role?: string;
};

/** The demo puts about 55% of its identities on the AWS side. */
const AWS_SHARE = 0.55;
const POLL_FIRST_MS = 200;

interface Ready {
  endpoint: string;
  regions: string[];
  credentials: { accessKeyId: string; secretAccessKey: string };
  accounts: number;
}

async function emulatorChild(): Promise<void> {
  const { generateDemo } = await import('../../collectors/demo');
  const { emulatorSeedFromDemo, startAwsEmulator } = await import('../../collectors/emulators/aws');
  const size = Math.round((params.identities ?? 2000) / AWS_SHARE);
  const tenant = generateDemo({ seed: 7, size, now: '2026-11-01T00:00:00.000Z' });
  const emulator = await startAwsEmulator(emulatorSeedFromDemo(tenant), {
    latencyMs: params.latencyMs ?? 50,
    prerender: true,
  });
  const ready: Ready = {
    endpoint: emulator.endpoint,
    regions: [...emulator.regions],
    credentials: emulator.credentials,
    accounts: tenant.info.accounts.length,
  };
  process.send?.({ ready });
  process.on('message', (m: { stop?: boolean }) => {
    if (!m.stop) return;
    // Requests per account and action, to count the longest chain of dependent calls.
    const chains: Record<string, number> = {};
    for (const r of emulator.requests) {
      if (r.action === 'GetAccountAuthorizationDetails' && r.account)
        chains[r.account] = (chains[r.account] ?? 0) + 1;
    }
    if (process.env.AA_BENCH_TIMELINE) {
      for (const r of emulator.requests)
        process.stderr.write(
          `${r.receivedAt}\t+${r.ms}\t${r.account ?? ''}\t${r.action}\t${r.region ?? ''}\n`,
        );
    }
    // What the emulator delivered: its answers leave `latencyMs` after arrival unless it fell behind.
    const meanResponseMs =
      emulator.requests.reduce((sum, r) => sum + r.ms, 0) / Math.max(1, emulator.requests.length);
    process.send?.({ requests: emulator.requests.length, authPages: chains, meanResponseMs }, () => {
      void emulator.close().then(() => process.exit(0));
    });
  });
}

function startChild(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify({ ...params, role: 'emulator' })], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.on('message', (m: { ready?: Ready }) => {
      if (m.ready) resolve({ child, ready: m.ready });
    });
  });
}

/**
 * One small scan first, against an in-process emulator: loading the SDK's modules and compiling the
 * hot paths takes a second or two once per process, which is not a cost per identity.
 */
async function warmUp(): Promise<number> {
  const { generateDemo } = await import('../../collectors/demo');
  const { emulatorSeedFromDemo, startAwsEmulator } = await import('../../collectors/emulators/aws');
  const t0 = performance.now();
  const emulator = await startAwsEmulator(
    emulatorSeedFromDemo(generateDemo({ seed: 1, size: 300, now: '2026-11-01T00:00:00.000Z' })),
  );
  try {
    await collectAws(
      {
        endpoint: emulator.endpoint,
        credentials: emulator.credentials,
        regions: emulator.regions,
        org: true,
        tuning: { pollFirstMs: 5 },
      },
      { collectedAt: '2026-11-01T00:00:00.000Z' },
    );
  } finally {
    await emulator.close();
  }
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const latencyMs = params.latencyMs ?? 50;
  const concurrency = params.concurrency ?? 8;
  const { child, ready } = await startChild();
  const warmupSeconds = await warmUp();
  const stopProfile = await profileMeasured();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await collectAws(
    {
      endpoint: ready.endpoint,
      credentials: ready.credentials,
      region: 'us-east-1',
      regions: ready.regions,
      org: true,
      concurrency,
      sourceMethod: 'demo',
      tuning: { pollFirstMs: POLL_FIRST_MS },
    },
    { collectedAt: '2026-11-01T00:00:00.000Z' },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await stopProfile();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  type Stats = { requests: number; authPages: Record<string, number>; meanResponseMs: number };
  const stats = await new Promise<Stats>((resolve) => {
    child.on('message', (m: Partial<Stats>) => {
      if (m.requests !== undefined)
        resolve({
          requests: m.requests,
          authPages: m.authPages ?? {},
          meanResponseMs: m.meanResponseMs ?? 0,
        });
    });
    child.send({ stop: true });
  });
  const identities = out.inventory.identities.length;
  const latency = latencyMs / 1000;
  const bound = (out.calls / concurrency) * latency;
  // Calls that must follow each other: caller identity, organization listing, the audit role,
  // then the longest Marker chain of authorization details, plus the credential report's first poll wait.
  const longestAuthChain = Math.max(0, ...Object.values(stats.authPages));
  const orgPages = Math.ceil(ready.accounts / 20);
  const chain = (1 + orgPages + 1 + longestAuthChain) * latency;
  const chainBound = Math.max(bound, chain + POLL_FIRST_MS / 1000 + 3 * latency);
  reportTask({
    seconds,
    rows: identities,
    extra: {
      accounts: out.accounts.length,
      latencyMs,
      concurrency,
      calls: out.calls,
      httpRequests: stats.requests,
      emulatorMeanResponseMs: round(stats.meanResponseMs),
      callsPer1000Identities: round((out.calls * 1000) / identities),
      secondsPer1000Identities: round((seconds * 1000) / identities),
      boundSeconds: round(bound),
      ratioToBound: round(seconds / bound),
      chainAwareBoundSeconds: round(chainBound),
      ratioToChainAwareBound: round(seconds / chainBound),
      withinTarget: seconds <= 1.5 * bound,
      // CPU this process spent (SDK deserialization, validation, transform): time no latency bound covers.
      collectorCpuSeconds: round(cpuSeconds),
      cpuPer1000Identities: round((cpuSeconds * 1000) / identities),
      warmupSeconds: round(warmupSeconds),
      complete: out.accounts.every((a) => a.status !== 'failed'),
    },
  });
}

if (params.role === 'emulator') await emulatorChild();
else await main();
