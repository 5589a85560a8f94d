import { loadAwsCatalog } from './assess/aws';
import { AwsInventoryIndex } from './assess/aws/principals';
import { syntheticInventory } from './test/assess/aws/synthetic';
const n = Number(process.argv[2] ?? 2000);
const cat = await loadAwsCatalog();
const inv = syntheticInventory(n, 200, 10);
// Like a database round-trip: fresh objects for every grant.
const inv2 = inv;
let t = performance.now();
const index = new AwsInventoryIndex(cat, inv, {});
console.log('index (shared objects)', (performance.now() - t).toFixed(0), index.factory.size, inv.grants.length);
t = performance.now();
const index2 = new AwsInventoryIndex(cat, inv2, {});
console.log('index (fresh objects)', (performance.now() - t).toFixed(0), index2.factory.size);
