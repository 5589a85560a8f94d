import Database from 'better-sqlite3';
for (const size of [10, 450, 10, 450]) {
  const db = new Database(`/tmp/bench/m-${size}-${Date.now()}.db`);
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('cache_size = -65536');
  db.exec('CREATE TABLE t (a INTEGER, b TEXT, c TEXT)');
  const s = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  const payload = 'x'.repeat(size);
  const t0 = performance.now();
  db.transaction(() => { for (let i = 0; i < 500000; i++) s.run(1, 'id' + i, payload); })();
  console.log(size, Math.round(performance.now() - t0));
  db.close();
}
