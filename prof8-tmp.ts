import { loadAwsCatalog, analyzeAwsPrivilege } from './assess/aws';
import { syntheticInventory } from './test/assess/aws/synthetic';
const cat = await loadAwsCatalog();
const inv = syntheticInventory(20000, 200, 10);
const a = analyzeAwsPrivilege(inv, { catalog: cat });
const g = a.graph as any;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ps = g.index.principals.filter((p: any) => g.hasOut(p));
let t = cpu();
let paths = 0, hops = 0;
for (const p of ps) { const r = g.reachable(p, 25); paths += r.paths.length; hops += r.paths.reduce((n: number, x: any) => n + x.hops.length, 0); }
console.log('BFS all', ps.length, (cpu() - t).toFixed(0), paths, hops);
t = cpu();
for (const p of ps) g.reachable(p, 0);
console.log('BFS no paths', (cpu() - t).toFixed(0));
