import Database from 'better-sqlite3';
import { largeInventory } from '/work/main/test/db/helpers/inventory';
import { MIGRATIONS } from '/work/main/db/migrations';
const inv = largeInventory(100_000, 5);
const rows = inv.grants.map((g) => [g.id, g.identityId, g.provider, g.kind, JSON.stringify(g)] as const);
function run(name: string, setup: (db: Database.Database) => void, sql = 'INSERT INTO grants (scan_id, id, identity_id, provider, kind, data) VALUES (?, ?, ?, ?, ?, ?)') {
  const path = `/tmp/bench/raw-${name}-${Date.now()}.db`;
  const db = new Database(path);
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536'); db.pragma('foreign_keys = ON');
  setup(db);
  const stmt = db.prepare(sql);
  const t0 = performance.now();
  const hasScans = db.prepare("SELECT 1 FROM sqlite_master WHERE name='scans'").get();
  db.transaction(() => { for (const r of rows) stmt.run(1, ...r); if (hasScans) db.prepare("INSERT INTO scans VALUES (1,'x','demo','complete','a','b','{}')").run(); })();
  const t1 = performance.now();
  db.close();
  console.log(name, 'insert+commit', Math.round(t1 - t0), 'close', Math.round(performance.now() - t1));
}
for (const ps of [4096, 8192, 16384, 4096]) run('notrig-ps'+ps, (db) => { db.pragma('page_size = '+ps); db.pragma('journal_mode = DELETE'); db.pragma('journal_mode = WAL'); db.transaction(() => { for (const m of MIGRATIONS) m.up(db); db.exec('DROP TRIGGER grants_sealed'); })(); console.log(db.pragma('page_size', {simple:true})); });
