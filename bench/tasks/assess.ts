/**
 * Benchmark task: the full assessment (classification, AWS effective privilege, rules, scores,
 * KPIs) of a demo tenant of `size` identities with their grants. The tenant is generated, read and
 * transformed first (not timed); `seconds` is the pure assessment, `storeSeconds` writing its
 * findings, scores and KPIs into an engagement file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAwsCatalog } from '../../assess/aws';
import { assessWithScores } from '../../assess/score';
import { openEngagement } from '../../db';
import { summarizeForBench } from '../../engagement/assess';
import { writeDemoRawFiles } from '../../engagement/demo';
import { readImportInventory, storeInventory } from '../../engagement/import';
import { profileMeasured, reportTask } from '../measure';

const { size } = JSON.parse(process.argv[2] ?? '{}') as { size: number };
const dir = await mkdtemp(join(tmpdir(), 'aa-bench-assess-'));
const now = new Date('2026-11-01T00:00:00Z');
const written = await writeDemoRawFiles(dir, { size, seed: 7, now });
const inventory = await readImportInventory(
  { awsDirs: [written.awsDir], entraDirs: [written.entraDir] },
  now.toISOString(),
);
const catalogStart = performance.now();
await loadAwsCatalog();
const catalogSeconds = (performance.now() - catalogStart) / 1000;
globalThis.gc?.();

const stopProfile = await profileMeasured();
const t0 = performance.now();
const full = assessWithScores(inventory, { now });
const seconds = (performance.now() - t0) / 1000;
await stopProfile();

const db = openEngagement(join(dir, 'bench.anchor'), { create: true, actor: 'bench' });
const scanId = storeInventory(db, inventory, {
  label: 'bench',
  method: 'demo',
  startedAt: now.toISOString(),
  actor: 'bench',
});
const t1 = performance.now();
db.storeAssessment(
  {
    scanId,
    summary: summarizeForBench(scanId, full),
    settings: full.settings,
    kpis: full.kpis,
    findings: full.result.findings,
    scores: full.scores,
  },
  'bench',
);
const storeSeconds = (performance.now() - t1) / 1000;
db.close();
await rm(dir, { recursive: true, force: true });

reportTask({
  seconds,
  rows: inventory.identities.length,
  extra: {
    grants: inventory.grants.length,
    findings: full.result.findings.length,
    agents: full.kpis.agents.agentCount,
    scored: full.scores.length,
    awsPrivilegeSeconds: full.timings.awsPrivilege / 1000,
    rulesSeconds: full.timings.rules / 1000,
    scoresSeconds: full.timings.scores / 1000,
    kpisSeconds: full.timings.kpis / 1000,
    catalogLoadSeconds: Math.round(catalogSeconds * 1000) / 1000,
    storeSeconds: Math.round(storeSeconds * 1000) / 1000,
  },
});
