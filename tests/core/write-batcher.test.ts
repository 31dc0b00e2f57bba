// Group commit: writes that arrive together share one transaction, each succeeds or fails on its
// own, and nobody hears "done" before the commit.
// Runs on a SQLite file of its own (not in tests/postgres-set.json); on PostgreSQL the batcher's
// failure paths are tests/core/store/pg-pipeline.pg-test.ts.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { WriteBatcher } from '../../src-main/core/write-batcher';
import { openDatabase } from '../../src-main/core/database';
import { type Db } from '../../src-main/core/store/db';
import { tempDir } from './helpers';

let db: Db;
let file: string;
let cleanup: () => void;
let commits: number;
let batcher: WriteBatcher;
beforeEach(() => {
  const t = tempDir('packline-wb-');
  cleanup = t.cleanup;
  file = join(t.dir, 'wb.db');
  db = openDatabase(file);
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0))');
  commits = 0;
  batcher = new WriteBatcher(db, () => commits++);
});
afterEach(() => {
  db.close();
  cleanup();
});

const ins = (k: string, v: number) => () => db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, v).changes;

describe('WriteBatcher', () => {
  it('runs writes that arrive together in one commit, each failing on its own', async () => {
    const results = await Promise.allSettled([
      batcher.run(ins('a', 1)),
      batcher.run(() => {
        ins('b', 1)();
        ins('c', -1)(); // fails: b must be undone with it
      }),
      batcher.run(ins('a', 2)), // duplicate key: fails
      batcher.run(ins('d', 4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(commits).toBe(1);
    expect(db.prepare('SELECT k, v FROM t ORDER BY k').raw().all()).toEqual([['a', 1], ['d', 4]]);
  });

  it('answers only after the commit: another connection already sees the write', async () => {
    const other = new Database(file, { readonly: true });
    try {
      await batcher.run(ins('x', 9));
      expect(other.prepare("SELECT v FROM t WHERE k = 'x'").pluck().get()).toBe(9);
    } finally {
      other.close();
    }
  });

  it('a write that runs later in the same tick joins the next batch and still sees earlier writes', async () => {
    const first = batcher.run(ins('n', 1));
    await first;
    const second = await batcher.run(() => db.prepare("SELECT v FROM t WHERE k = 'n'").pluck().get());
    expect(second).toBe(1);
    expect(commits).toBe(2);
  });

  it('runNow commits alone and calls afterCommit', () => {
    expect(batcher.runNow(ins('r', 1))).toBe(1);
    expect(commits).toBe(1);
    expect(() => batcher.runNow(ins('r', 2))).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT v FROM t WHERE k = 'r'").pluck().get()).toBe(1);
  });

  it('a job refused before it writes leaves the batch on the fast path: no savepoints, no re-run', async () => {
    let runs = 0;
    const results = await Promise.allSettled([
      batcher.run(ins('f1', 1)),
      batcher.run(() => {
        runs++;
        throw new Error('refused before writing');
      }),
      batcher.run(ins('f2', 2)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toBe(1);
    expect(batcher.isolatedBatches).toBe(0);
    expect(commits).toBe(1);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['f1', 'f2']);
  });

  it('a job that throws after writing is undone; the batch runs again job by job and the others commit', async () => {
    const seen: string[] = [];
    const results = await Promise.allSettled([
      batcher.run(() => (seen.push('a'), ins('m1', 1)())),
      batcher.run(() => {
        seen.push('b');
        ins('m2', 2)();
        throw new Error('failed mid-write');
      }),
      batcher.run(() => (seen.push('c'), db.prepare('SELECT COUNT(*) FROM t').pluck().get())),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('failed mid-write');
    // every job ran again after the roll-back, so each answer is the one that was committed
    expect(seen).toEqual(['a', 'b', 'a', 'b', 'c']);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(1);
    expect(batcher.isolatedBatches).toBe(1);
    expect(commits).toBe(1);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['m1']);
  });

  it('a statement SQLite aborts inside a job (a CHECK on the second row) counts as a mid-write failure', async () => {
    const results = await Promise.allSettled([
      batcher.run(ins('s1', 1)),
      batcher.run(() => db.prepare("INSERT INTO t (k, v) VALUES ('s2', 1), ('s3', -1)").run()),
      batcher.run(ins('s4', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['s1', 's4']);
  });

  it('runEach settles every item on its own, a chunk per commit', async () => {
    const settled = await batcher.runEach(['e1', 'e2', 'e3', 'e4', 'e5'], (k, i) => (i === 3 ? ins(k, -1)() : ins(k, i)()), 2);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(commits).toBe(3);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['e1', 'e2', 'e3', 'e5']);
  });

  it('commitNow: a batch run synchronously, committed before it returns; a job that fails after writing leaves nothing', () => {
    const other = new Database(file); // another connection sees only what is committed
    try {
      expect(batcher.commitNow(ins('a', 1))).toBe(1);
      expect(other.prepare('SELECT v FROM t WHERE k = ?').pluck().get('a')).toBe(1);
      let runs = 0;
      expect(() => batcher.commitNow(() => {
        runs++;
        ins('b', 1)();
        ins('c', -1)();
      })).toThrow(/CHECK constraint/);
      expect(runs).toBe(2); // rolled back, then run again in a savepoint, as in a batch
      expect(other.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a']);
      expect(commits).toBe(2);
    } finally {
      other.close();
    }
  });

  it('commitEachNow: jobs in one transaction, each succeeding or failing by itself', () => {
    const out = batcher.commitEachNow([ins('a', 1), () => { ins('b', 1)(); ins('c', -1)(); }, ins('a', 2), ins('d', 4)]);
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT k, v FROM t ORDER BY k').raw().all()).toEqual([['a', 1], ['d', 4]]);
    expect(commits).toBe(1);
  });

  it('runWhenFree: while another connection holds the write lock, this thread keeps serving and the job runs once it is free', async () => {
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // the order intake thread mid-batch
      other.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('intake', 1);
      let ran = 0;
      const job = batcher.runWhenFree(() => (ran++, ins('follower', 1)()), 2);
      // Timers fire while the lock is held: the loop is not stuck in SQLite's busy wait.
      const turns = await new Promise<number>((resolve) => {
        let n = 0;
        const t = setInterval(() => ++n === 5 && (clearInterval(t), resolve(n)), 5);
      });
      expect(turns).toBe(5);
      expect(ran).toBe(0);
      other.exec('COMMIT');
      await expect(job).resolves.toBe(1);
      expect(ran).toBe(1);
      expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['follower', 'intake']);
      expect(commits).toBe(1);
      // A job that throws leaves nothing and rejects.
      await expect(batcher.runWhenFree(() => { ins('x', 1)(); ins('y', -1)(); })).rejects.toThrow(/CHECK constraint/);
      expect(other.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000); // the wait for other writes is as before
    } finally {
      other.close();
    }
  });
});
