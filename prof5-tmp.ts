import { loadAwsCatalog } from './assess/aws';
import { AwsInventoryIndex } from './assess/aws/principals';
import { syntheticInventory } from './test/assess/aws/synthetic';
const n = Number(process.argv[2] ?? 2000);
const cat = await loadAwsCatalog();
const inv = syntheticInventory(n, 200, 10);
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const index = new AwsInventoryIndex(cat, inv, {});
  console.log('index', (performance.now() - t).toFixed(0), index.factory.size, index.compiler.size);
}
