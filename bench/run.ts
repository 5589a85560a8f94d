/**
 * `npm run bench`: measurements as JSON on stdout (and in bench-results/bench.json), with the
 * targets from the issues next to them. Timings on a 2-core machine are noisy: compare runs.
 * `--only NAME` runs one group; `--sizes 2000,20000` overrides the sizes; `--runs N` sets how many
 * times each live-scan measurement runs (the median run is reported; default 5).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runMedian, runTask, type Measurement } from './measure';

interface Target {
  name: string;
  params: Record<string, number | string>;
  maxSeconds?: number;
  maxRssMB?: number;
  /** Most the measurement's `extra.ratioToBound` may be (the live scans' latency bound). */
  maxRatioToBound?: number;
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const sizes = sizesArg ? sizesArg.split(',').map(Number) : [2000, 20000, 100000];
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');

const task = (file: string) => fileURLToPath(new URL(`./tasks/${file}`, import.meta.url));

const groups: Record<string, () => Promise<Measurement[]>> = {
  'demo-generate': async () => {
    const out = [];
    for (const size of sizes) out.push(await runTask('demo-generate', task('demo-generate.ts'), { size }));
    return out;
  },
  import: async () => {
    const out = [];
    for (const size of sizes) out.push(await runTask('import', task('import.ts'), { size }));
    return out;
  },
  // Live AWS scan of the emulated demo organization, 50 ms per response; `extra` holds calls and
  // seconds per 1,000 identities next to the bound (calls / concurrency × latency), target 1.5×.
  'aws-scan': async () => {
    const out = [];
    for (const identities of sizesArg ? sizes : [2000, 20000]) {
      out.push(await runMedian('aws-scan', task('aws-scan.ts'), { identities, latencyMs: 50 }, runs));
    }
    return out;
  },
  // Issue 4: live Entra scan of the emulated demo tenant, 50 ms per response; `extra` holds Graph
  // requests and seconds per 1,000 service principals next to the bound (list pages at $top=999,
  // per-object reads 20 per $batch, the keyCredentials budget), target 1.5×.
  'entra-scan': async () => {
    const out = [];
    for (const servicePrincipals of sizesArg ? sizes : [2000, 20000]) {
      out.push(
        await runMedian('entra-scan', task('entra-scan.ts'), { servicePrincipals, latencyMs: 50 }, runs),
      );
    }
    return out;
  },
  // Issue 5: the full assessment (privilege, rules, scores, KPIs) of a demo tenant, and storing it.
  assess: async () => {
    const out = [];
    for (const size of sizes) out.push(await runTask('assess', task('assess.ts'), { size }));
    return out;
  },
  // Issue 6: the PDF report (full and executive) of a demo tenant, printed by the installed Chromium.
  // The engagement is built first (demo files, import, assessment) and not measured.
  report: async () => {
    const out = [];
    try {
      for (const size of sizesArg ? sizes : [2000, 10000]) {
        await runTask('report-prepare', task('report.ts'), { size, prepare: 1 });
        for (const variant of ['full', 'executive'])
          out.push(await runTask('report-pdf', task('report.ts'), { size, variant }));
      }
    } finally {
      await rm(fileURLToPath(new URL('../.bench-tmp/report/', import.meta.url)), {
        recursive: true,
        force: true,
      });
    }
    return out;
  },
  // Issue 7: the inventory screen of a 100,000-identity engagement in Chromium through `serve`:
  // first render (target < 1.5 s) and filter-to-result latency (target < 150 ms). The engagement
  // is built first (demo files, import, assessment: several minutes at 100,000) and not measured.
  ui: async () => {
    const out = [];
    try {
      for (const size of sizesArg ? sizes : [100000]) {
        await runTask('ui-prepare', task('ui-inventory.ts'), { size, prepare: 1 });
        const m = await runTask('ui-first-render', task('ui-inventory.ts'), { size });
        out.push(m);
        const filterMs = Number(m.extra?.['filterMedianMs'] ?? Number.NaN);
        out.push({
          name: 'ui-filter',
          params: { size },
          seconds: filterMs / 1000,
          peakRssMB: m.peakRssMB,
          extra: {
            p95Ms: m.extra?.['filterP95Ms'] ?? '',
            maxMs: m.extra?.['filterMaxMs'] ?? '',
            samples: m.extra?.['filterSamples'] ?? '',
          },
        });
      }
    } finally {
      await rm(fileURLToPath(new URL('../.bench-tmp/ui/', import.meta.url)), {
        recursive: true,
        force: true,
      });
    }
    return out;
  },
};

const targets: Target[] = [
  { name: 'import', params: { size: 100000 }, maxSeconds: 60, maxRssMB: 2048 },
  // Issues 3 and 4: live scans within 1.5x of the bound set by the calls, the concurrency and the latency.
  ...[2000, 20000].flatMap((n): Target[] => [
    { name: 'aws-scan', params: { identities: n, latencyMs: 50 }, maxRatioToBound: 1.5 },
    { name: 'entra-scan', params: { servicePrincipals: n, latencyMs: 50 }, maxRatioToBound: 1.5 },
  ]),
  // Issue 5: assessment of 100,000 identities with their grants, target 5 s (at most 10 s), < 2 GB.
  { name: 'assess', params: { size: 100000 }, maxSeconds: 5, maxRssMB: 2048 },
  // Issue 6: full PDF of 10,000 identities under 15 s (at most 30 s); executive PDF under 5 s.
  { name: 'report-pdf', params: { size: 10000, variant: 'full' }, maxSeconds: 15 },
  { name: 'report-pdf', params: { size: 10000, variant: 'executive' }, maxSeconds: 5 },
  // Issue 7: first inventory render under 1.5 s and filter-to-result under 150 ms at 100,000.
  { name: 'ui-first-render', params: { size: 100000 }, maxSeconds: 1.5 },
  { name: 'ui-filter', params: { size: 100000 }, maxSeconds: 0.15 },
];

const results: Measurement[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name}\n`);
  results.push(...(await run()));
}

const checks = targets
  .map((t) => {
    const m = results.find(
      (r) => r.name === t.name && Object.entries(t.params).every(([k, v]) => r.params[k] === v),
    );
    if (!m) return undefined;
    const ratio = Number(m.extra?.['ratioToBound'] ?? Number.NaN);
    return {
      ...t,
      seconds: m.seconds,
      peakRssMB: m.peakRssMB,
      ...(t.maxRatioToBound !== undefined ? { ratioToBound: ratio } : {}),
      met:
        (t.maxSeconds === undefined || m.seconds <= t.maxSeconds) &&
        (t.maxRssMB === undefined || m.peakRssMB <= t.maxRssMB) &&
        (t.maxRatioToBound === undefined || ratio <= t.maxRatioToBound),
    };
  })
  .filter((c) => c !== undefined);

const report = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  results,
  targets: checks,
};
await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
