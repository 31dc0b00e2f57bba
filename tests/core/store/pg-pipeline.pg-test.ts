// PostgreSQL only: writes inside a transaction go without waiting for their answers (piped with the
// next statement waited for; store/pg/sync-connection.ts). What a user depends on stays as on
// SQLite: a job whose write fails fails alone and leaves nothing, the others commit; values reach
// the table exactly (they travel as SQL literals when piped); `changes` is the real count.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { WriteBatcher } from '../../../src-main/core/write-batcher';
import { PgDatabase, execPostgres } from '../../../src-main/core/store/pg/pg-database';
import type { Db } from '../../../src-main/core/store/db';
import { freshPgDatabase } from '../../pg-store';

let pg: PgDatabase;
let db: Db;
let commits: number;
let batcher: WriteBatcher;
beforeEach(() => {
  pg = new PgDatabase(freshPgDatabase());
  db = pg as unknown as Db;
  db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0), note TEXT, raw BLOB)');
  commits = 0;
  batcher = new WriteBatcher(db, () => commits++);
});
afterEach(() => {
  pg.close();
});

const ins = (k: string, v: number) => () => void db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, v);
const rows = () => db.prepare('SELECT k, v FROM t ORDER BY k').raw().all();

describe('piped writes on PostgreSQL', () => {
  it('a job whose write fails fails alone, leaving nothing; the others commit together (as on SQLite)', async () => {
    const results = await Promise.allSettled([
      batcher.run(ins('a', 1)),
      batcher.run(() => {
        ins('b', 1)();
        ins('c', -1)(); // fails at PostgreSQL: b must be undone with it
      }),
      batcher.run(ins('a', 2)), // duplicate key: fails
      batcher.run(ins('d', 4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/check constraint/);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(commits).toBe(1);
    expect(rows()).toEqual([['a', 1], ['d', 4]]);
    expect(batcher.isolatedBatches).toBe(1);
  });

  it('a failed write surfaces in its own job even when nothing is read after it', async () => {
    await batcher.run(ins('x', 1));
    const results = await Promise.allSettled([batcher.run(ins('x', 5)), batcher.run(ins('y', 2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(rows()).toEqual([['x', 1], ['y', 2]]);
  });

  it('a refusal after piped writes undoes them (the job is run again in a savepoint)', async () => {
    const results = await Promise.allSettled([
      batcher.run(() => {
        ins('p', 1)();
        throw new Error('refused after writing');
      }),
      batcher.run(ins('q', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(rows()).toEqual([['q', 1]]);
  });

  it('changes counts the rows of a piped write when read', async () => {
    const n = await batcher.run(() => {
      ins('a', 1)();
      ins('b', 2)();
      return db.prepare('UPDATE t SET v = v + 1 WHERE v > 0').run().changes;
    });
    expect(n).toBe(2);
    expect(rows()).toEqual([['a', 2], ['b', 3]]);
  });

  it('values reach the table exactly: quotes, backslashes, $1 in text, Chinese, null, bytes, large numbers', async () => {
    const texts = ["it's", 'back\\slash \\x00', 'costs $1 or $2', '张三 深圳市', '', "'; DROP TABLE t; --", 'line\nbreak'];
    await batcher.run(() => {
      texts.forEach((note, i) => db.prepare('INSERT INTO t (k, v, note, raw) VALUES (?, ?, ?, ?)').run(`k${i}`, 2 ** 40 + i, note, Buffer.from([0, 39, 92, 255, i])));
      db.prepare("INSERT INTO t (k, v, note) VALUES ('$1 literal', ?, ?)").run(7, null);
    });
    const got = db.prepare('SELECT k, v, note, raw FROM t ORDER BY k').all() as { k: string; v: number; note: string | null; raw: Buffer | null }[];
    expect(got.find((r) => r.k === '$1 literal')).toMatchObject({ v: 7, note: null, raw: null });
    texts.forEach((note, i) => {
      const r = got.find((x) => x.k === `k${i}`)!;
      expect(r.v).toBe(2 ** 40 + i);
      expect(r.note).toBe(note);
      expect(Buffer.from(r.raw!)).toEqual(Buffer.from([0, 39, 92, 255, i]));
    });
  });
  it('rows of one INSERT sent together run as if one by one: past nothing that could tell (its table named, a table it reads or a parent written, a trigger, a savepoint)', async () => {
    db.exec(`DROP TABLE IF EXISTS kid; DROP TABLE IF EXISTS mum; DROP TABLE IF EXISTS seen;
      CREATE TABLE mum (id TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE kid (id TEXT PRIMARY KEY, mum TEXT NOT NULL REFERENCES mum (id), at INTEGER NOT NULL);
      CREATE TABLE seen (what TEXT NOT NULL, kids INTEGER NOT NULL)`);
    // an INSERT trigger that counts the kids it sees: its rows may not move
    execPostgres(db, `CREATE FUNCTION seen_kids() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN NEW.kids := (SELECT COUNT(*) FROM kid); RETURN NEW; END $f$;
      CREATE TRIGGER seen_kids BEFORE INSERT ON seen FOR EACH ROW EXECUTE FUNCTION seen_kids()`);
    const mum = (id: string) => db.prepare('INSERT INTO mum (id) VALUES (?)').run(id);
    const mumAt = (id: string) => db.prepare('INSERT INTO mum (id, n) VALUES (?, 0)').run(id); // another text: not joined with mum()
    const kid = (id: string, m: string, at: number) => db.prepare('INSERT INTO kid (id, mum, at) VALUES (?, ?, ?)').run(id, m, at);
    const counted = (id: string) => db.prepare('INSERT INTO mum (id, n) VALUES (?, (SELECT COUNT(*) FROM kid))').run(id);
    const see = (what: string) => db.prepare('INSERT INTO seen (what, kids) VALUES (?, 0)').run(what);
    const counts = await Promise.all([
      // k2 may not go before m2, its parent, written by another text
      batcher.run(() => [mum('m1'), kid('k1', 'm1', 1), mumAt('m2'), kid('k2', 'm2', 2)].map((r) => r.changes)),
      // the UPDATE names mum: m4 may not go before it
      batcher.run(() => [mum('m3'), db.prepare('UPDATE mum SET n = n + 1').run(), mum('m4')].map((r) => r.changes)),
      // m6 is rolled back to its savepoint: m7 may not go into it
      batcher.run(() => {
        const c = [mum('m5')];
        try {
          db.transaction(() => { mum('m6'); throw new Error('undone'); })();
        } catch { /* expected */ }
        return [...c, mum('m7')].map((r) => r.changes);
      }),
      // the trigger counts the kids before each row of seen: k7 may not go before it
      batcher.run(() => [kid('k5', 'm5', 5), see('after k5'), kid('k7', 'm7', 7), see('after k7')].map((r) => r.changes)),
      // the row reads kid, which the statement before it writes: c2 may not go before k8
      batcher.run(() => [counted('c1'), kid('k8', 'm1', 8), counted('c2')].map((r) => r.changes)),
    ]);
    expect(counts).toEqual([[1, 1, 1, 1], [1, 3, 1], [1, 1], [1, 1, 1, 1], [1, 1, 1]]);
    expect(db.prepare('SELECT id, n FROM mum ORDER BY id').raw().all()).toEqual([['c1', 4], ['c2', 5], ['m1', 1], ['m2', 1], ['m3', 1], ['m4', 0], ['m5', 0], ['m7', 0]]);
    expect(db.prepare('SELECT id, mum FROM kid ORDER BY at').raw().all()).toEqual([['k1', 'm1'], ['k2', 'm2'], ['k5', 'm5'], ['k7', 'm7'], ['k8', 'm1']]);
    expect(db.prepare('SELECT what, kids FROM seen ORDER BY kids').raw().all()).toEqual([['after k5', 3], ['after k7', 4]]);
  });

  it('a read sent ahead with BEGIN answers in its own row form, whatever statement ends its round trip', async () => {
    await batcher.run(ins('r', 7));
    // The same object read before the first write of two transactions: the third sends it ahead with
    // its BEGIN, and its first statement waited for (a plucked read with new values each time, never
    // sent ahead) ends that round trip: pg answers a round trip in its last statement's row form.
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await batcher.run(() => {
        const n = db.prepare('SELECT COUNT(*) FROM t WHERE v >= ?').pluck().get(i - 100);
        seen.push({ n, row: db.prepare('SELECT k, v FROM t WHERE k = ?').get('r') });
        ins(`w${i}`, i)();
      });
    }
    expect(seen).toEqual([{ n: 1, row: { k: 'r', v: 7 } }, { n: 2, row: { k: 'r', v: 7 } }, { n: 3, row: { k: 'r', v: 7 } }]);
  });
});
