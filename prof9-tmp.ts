import { loadAwsCatalog, analyzeAwsPrivilege } from './assess/aws';
import { syntheticInventory } from './test/assess/aws/synthetic';
const cat = await loadAwsCatalog();
const inv = syntheticInventory(20000, 200, 10);
const a = analyzeAwsPrivilege(inv, { catalog: cat });
const g = a.graph as any;
const ps = g.index.principals.filter((p: any) => g.hasOut(p));
let edgesIter = 0, nodes = 0, keyLookups = 0, levels = 0;
const t = performance.now();
for (const p of ps) {
  const seen = new Set<any>([p]); let frontier = [p]; let order = 0; const expanded = new Set<string>();
  while (frontier.length > 0 && order < 1000) {
    levels++;
    const next: any[] = [];
    for (const node of frontier) {
      nodes++;
      if (node !== p && g.oracle.isAdmin(node.profile)) continue;
      const lists = [g.individual.get(node.id) ?? []];
      for (const k of g.keysOf.get(node.id) ?? []) { keyLookups++; if (expanded.has(k)) continue; expanded.add(k); lists.push(g.shared.get(k) ?? []); }
      for (const l of lists) for (const e of l) { edgesIter++; if (order >= 1000) break; if (seen.has(e.to)) continue; seen.add(e.to); order++; next.push(e.to); }
    }
    frontier = next;
  }
}
console.log({ bfs: ps.length, edgesIter, nodes, keyLookups, levels, ms: performance.now() - t });
