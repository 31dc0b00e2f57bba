import { onPostgres, prep, type Db } from './db';

// Named counters behind the numbers people read (orders PL0000001, waves W-0001, manifests M-0001):
// numbers never repeat, also across processes writing the same file. Call inside a write job.

/**
 * Takes `n` consecutive values of the counter and returns the first. A plain UPDATE, then a read:
 * an upsert costs more, and RETURNING opens a temporary table per call (~9 us per order in batches
 * of 5). The row is created by the counter's first use.
 */
export function takeCounter(db: Db, name: string, n = 1): number {
  if (onPostgres(db)) {
    // Inside a write transaction the core's write lock is held (store/pg/dialect.ts BEGIN_WRITE):
    // no other connection moves the counter until this one commits, so the value read is the value
    // updated. The read is a pure read, which the connection sends ahead with the BEGIN once the
    // writer's transactions make it every time (the intake's order numbers), and the update goes
    // without waiting (piped): no round trip of its own, where UPDATE ... RETURNING was one per batch.
    if (db.inTransaction) {
      const v = prep(db, 'SELECT value FROM counters WHERE name = ?').pluck().get(name) as number | undefined;
      if (v !== undefined) {
        prep(db, 'UPDATE counters SET value = value + ? WHERE name = ?').run(n, name);
        return v + 1;
      }
    }
    // outside a transaction (no lock held): one statement that updates and reads
    const v = prep(db, 'UPDATE counters SET value = value + ? WHERE name = ? RETURNING value').pluck().get(n, name) as number | undefined;
    if (v !== undefined) return v - n + 1;
  }
  if (prep(db, 'UPDATE counters SET value = value + ? WHERE name = ?').run(n, name).changes === 0) {
    prep(db, 'INSERT INTO counters (name, value) VALUES (?, ?)').run(name, n);
  }
  return (prep(db, 'SELECT value FROM counters WHERE name = ?').pluck().get(name) as number) - n + 1;
}
