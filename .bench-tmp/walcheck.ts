import { existsSync, statSync } from 'node:fs';
import { openEngagement } from '../db';
import { largeInventory } from '../test/db/helpers/inventory';
const path = `/tmp/bench/w-${Date.now()}.anchor`;
openEngagement(path, { create: true }).close();
const db = openEngagement(path);
const wal = () => (existsSync(path + '-wal') ? statSync(path + '-wal').size : -1);
console.log('after open', wal());
const inv = largeInventory(50000, 4);
const seen = new Set<string>();
db.storeScan({ label: 'x', method: 'live', startedAt: '2025-03-01T00:00:00.000Z', finishedAt: '2025-03-01T00:00:00.000Z', inventory: inv, actor: 'a' }, {
  onProgress: ({ table, rows, total }) => { const k = table + (rows >= total / 2 ? 'half' : 'start'); if (!seen.has(k)) { seen.add(k); console.log(k, wal()); } },
});
console.log('after commit', wal());
db.close();
