/**
 * Performance sanity: 20,000 identities across 10 accounts sharing 200 managed policies
 * (plus some inline policies and trusts). Timings are printed, not asserted (shared CI cores).
 */
import { describe, expect, it } from 'vitest';
import { analyzeAwsPrivilege } from '../../../assess/aws';
import { catalog } from './fixtures';
import { syntheticInventory } from './synthetic';

describe('performance sanity', () => {
  it('analyses 20,000 identities sharing 200 managed policies', async () => {
    const t0 = performance.now();
    const cat = await catalog();
    const loadMs = performance.now() - t0;
    const inventory = syntheticInventory(20_000, 200, 10);
    const t1 = performance.now();
    const analysis = analyzeAwsPrivilege(inventory, { catalog: cat });
    const analyzeMs = performance.now() - t1;
    const escalating = [...analysis.byIdentity.values()].filter((r) => r.escalations.length > 0).length;
    const admins = [...analysis.byIdentity.values()].filter((r) => r.admin).length;
    console.log(
      `[perf] catalogue ${loadMs.toFixed(0)} ms (${cat.size} actions, cached after first load); ` +
        `analysis of ${analysis.stats.identities} identities / ${inventory.grants.length} grants: ${analyzeMs.toFixed(0)} ms; ` +
        `${analysis.stats.profiles} profiles, ${analysis.stats.statements} distinct statements, ${analysis.stats.edges} edges; ` +
        `${admins} admin-equivalent, ${escalating} with escalations`,
    );
    expect(analysis.byIdentity.size).toBe(20_000);
    expect(admins).toBeGreaterThan(0);
    expect(escalating).toBeGreaterThan(0);
  });
});
