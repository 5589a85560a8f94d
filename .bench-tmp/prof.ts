import { openEngagement } from '../db/index';
import { largeInventory } from '../test/db/helpers/inventory';
const path = `/tmp/bench/q-${Date.now()}.anchor`;
const db = openEngagement(path, { create: true });
const inv = largeInventory(100_000, 5);
const t0 = performance.now();
db.storeScan({ label: 'big', method: 'import', startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:10:00.000Z', inventory: inv, actor: 'bench' });
console.log('committed', Math.round(performance.now() - t0));
db.close();
