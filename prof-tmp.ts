import { analyzeAwsPrivilege, loadAwsCatalog } from './assess/aws';
import { syntheticInventory } from './test/assess/aws/synthetic';
const n = Number(process.argv[2] ?? 2000);
const cat = await loadAwsCatalog();
const inv = syntheticInventory(n, 200, 10);
const t = performance.now();
const a = analyzeAwsPrivilege(inv, { catalog: cat });
console.log(n, 'identities', (performance.now() - t).toFixed(0), 'ms', a.stats, process.memoryUsage().heapUsed / 1e6);
