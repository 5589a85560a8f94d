import { loadAwsCatalog, analyzeAwsPrivilege } from './assess/aws';
import { syntheticInventory } from './test/assess/aws/synthetic';
const cat = await loadAwsCatalog();
const inv = syntheticInventory(20000, 200, 10);
const a = analyzeAwsPrivilege(inv, { catalog: cat });
const g = a.graph as any;
const ps = g.index.principals.filter((p: any) => g.out(p).length > 0);
console.log('with out', ps.length);
let t = performance.now(); let visited = 0;
for (const p of ps.slice(0, 300)) { const r = g.reachable(p, 25); visited += r.count; }
console.log('300 BFS', (performance.now() - t).toFixed(0), 'visited', visited);
const sizes = ps.slice(0, 300).map((p: any) => (g.keysOf.get(p.id) ?? []).map((k: string) => (g.shared.get(k) ?? []).length));
console.log(JSON.stringify(sizes.slice(0, 20)));
const p3 = ps[2];
for (const k of g.keysOf.get(p3.id)) { const e = g.shared.get(k) ?? []; console.log(k.slice(0, 80), e.length, e[0]?.methodId, e.slice(0,3).map((x: any) => x.to.name).join(',')); }
