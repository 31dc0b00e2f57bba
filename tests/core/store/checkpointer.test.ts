// Checkpoints in a worker thread: the core's own connection stops checkpointing (which stalled the
// event loop inside commits), yet the WAL stays bounded under writes that never pause, and
// everything written reaches the database file.
// SQLite only by design (not in tests/postgres-set.json): the WAL checkpointer is SQLite's; a core
// on PostgreSQL starts none.
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, statSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/core/database';
import { type Db } from '../../../src-main/core/store/db';
import { startCheckpointer, newWriterHint, finishCheckpointIfAsked, followCheckpointer, type Checkpointer } from '../../../src-main/core/store/checkpointer';
import { tempDir, waitFor, sleep } from '../helpers';

let db: Db | undefined;
let cp: Checkpointer | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await cp?.stop(); // the worker has let go of the file before its folder goes
  db?.close();
  cp = db = undefined;
  cleanups.splice(0).forEach((c) => c());
});

function fresh(): string {
  const t = tempDir('packline-ckpt-');
  cleanups.push(t.cleanup);
  return join(t.dir, 'packline.db');
}

const FRAME = 4096 + 24;

/** How often the WAL started over: the checkpoint sequence number in its header (bytes 12-15). */
function walRestarts(file: string): number {
  return readFileSync(`${file}-wal`).readUInt32BE(12);
}

describe('background checkpoints', () => {
  it('take over from the main connection and keep the WAL bounded while writes never pause', async () => {
    const file = fresh();
    db = openDatabase(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    cp = startCheckpointer(db, file, { intervalMs: 5, restartFrames: 300 });
    await waitFor(() => cp!.status() === 'running', 5000, 'the checkpoint worker');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    let maxWal = 0;
    for (let batch = 0; batch < 600; batch++) {
      db.transaction(() => {
        for (let i = 0; i < 10; i++) ins.run('x'.repeat(1000));
      })();
      maxWal = Math.max(maxWal, statSync(`${file}-wal`).size);
      // the writer never waits for the worker; the pauses only give a loaded test machine's worker
      // thread a chance to run at all
      await (batch % 25 === 24 ? sleep(15) : new Promise((r) => setImmediate(r)));
    }
    // ~6,000 rows of 1 KB went through the WAL (about 3,000 pages without a restart); it started over instead
    expect(maxWal).toBeLessThan(1500 * FRAME);

    // what the worker copied is in the database file: another connection that ignores the WAL's
    // tail still sees rows, and after a final checkpoint all of them
    cp.stop();
    expect(cp.status()).toBe('down');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    db = undefined;
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(6000);
    check.close();
  });

  it('with a writer hint, the writer lets the WAL start over between its commits: no RESTART that blocks it', async () => {
    const file = fresh();
    db = openDatabase(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const writerHint = newWriterHint();
    const hint = new Int32Array(writerHint);
    // the hard limit is out of reach, so only the writer's own finishing can bound the WAL
    cp = startCheckpointer(db, file, { intervalMs: 5, restartFrames: 300, writerHint, hardLimitFrames: 1e9 });
    await waitFor(() => cp!.status() === 'running', 5000, 'the checkpoint worker');

    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    let asked = 0;
    const startedOver = walRestarts(file);
    // 1,200 commits, and more (up to 6,000) until the WAL started over 3 times: a loaded machine
    // gives the worker's thread less CPU, so it asks later and less often (1,200 were not always enough).
    let batch = 0;
    for (; batch < 1200 || (batch < 6000 && walRestarts(file) - startedOver < 3); batch++) {
      db.transaction(() => {
        for (let i = 0; i < 10; i++) ins.run('x'.repeat(1000));
      })();
      if (Atomics.load(hint, 0) >= 1) asked++;
      finishCheckpointIfAsked(db, hint);
      await new Promise((r) => setImmediate(r)); // never a pause: the WAL cannot start over by itself
    }
    expect(asked).toBeGreaterThan(0);
    // Counted in the WAL's header, not read off its size: how soon the worker first asks depends on
    // how much CPU a loaded machine gives its thread (the file keeps the size it reached until then).
    expect(walRestarts(file) - startedOver).toBeGreaterThanOrEqual(3); // 8-13 here; 0-1 without the finishing checkpoint
    cp.stop();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    db = undefined;
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(batch * 10);
    check.close();
  });

  it('the worker syncs the database file after it copied frames into it, and only then', async () => {
    const file = fresh();
    db = openDatabase(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    cp = startCheckpointer(db, file, { intervalMs: 5, writerHint: newWriterHint() });
    await waitFor(() => cp!.status() === 'running', 5000, 'the checkpoint worker');
    // settled: what the migrations wrote is copied (20 ticks in a row without a sync)
    for (let last = -1, n = 0; cp.syncs() !== last && n < 30; n++, await sleep(100)) last = cp.syncs();
    const idle = cp.syncs();
    await sleep(100); // nothing new to copy: no sync
    expect(cp.syncs()).toBe(idle);
    // SQLite itself syncs the file only in a checkpoint that copies the whole WAL (here: the
    // writer's finishing one), which then has to flush everything the worker copied before it
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 100; i++) ins.run('x'.repeat(1000));
    })();
    await waitFor(() => cp!.syncs() > idle, 5000, 'a sync after the copy');
  });

  it('one descriptor per database file for the syncs, however often a worker starts (closing one would drop SQLite\'s locks)', async () => {
    const file = fresh();
    db = openDatabase(file);
    const open = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;
    const cycle = async () => {
      cp = startCheckpointer(db!, file, { intervalMs: 5 });
      await waitFor(() => cp!.status() === 'running', 5000, 'the checkpoint worker');
      cp.stop();
      cp = undefined;
      await sleep(50); // the worker closes its connection (SQLite may keep its descriptor for reuse)
      return open();
    };
    const once = await cycle();
    await cycle();
    expect(await cycle()).toBe(once);
    // a file put in its place (a restored backup) is synced through a descriptor of its own
    db.close();
    rmSync(file);
    db = openDatabase(file);
    expect(await cycle()).toBe(once);
  });

  it('a worker that cannot start leaves checkpointing with the main connection', async () => {
    const file = fresh();
    db = openDatabase(file);
    db.pragma('wal_autocheckpoint = 777');
    cp = startCheckpointer(db, join(file, 'no-such-dir', 'x.db'));
    await waitFor(() => cp!.status() === 'down', 5000, 'the worker to fail');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(777);
  });

  it('another writing connection (the intake thread) stops checkpointing only while the worker runs', async () => {
    const file = fresh();
    db = openDatabase(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const writerHint = newWriterHint();
    const other = openDatabase(file);
    const afterCommit = followCheckpointer(other, writerHint);
    const ins = other.prepare('INSERT INTO t (v) VALUES (?)');
    const write = (batches: number) => {
      for (let b = 0; b < batches; b++) {
        other.transaction(() => {
          for (let i = 0; i < 10; i++) ins.run('x'.repeat(1000));
        })();
        afterCommit();
      }
    };
    try {
      cp = startCheckpointer(db, file, { writerHint });
      await waitFor(() => cp!.status() === 'running', 5000, 'the checkpoint worker');
      write(1);
      expect(other.pragma('wal_autocheckpoint', { simple: true })).toBe(0); // the worker copies
      cp.stop();
      // only this connection writes now: it checkpoints by itself again, so the WAL stays bounded
      write(600);
      expect(other.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(statSync(`${file}-wal`).size).toBeLessThan(1500 * FRAME);
    } finally {
      other.close();
    }
  });

  it('a worker that cannot start leaves checkpointing with every writing connection', async () => {
    const file = fresh();
    db = openDatabase(file);
    const writerHint = newWriterHint();
    const other = openDatabase(file);
    const afterCommit = followCheckpointer(other, writerHint);
    cp = startCheckpointer(db, join(file, 'no-such-dir', 'x.db'), { writerHint });
    await waitFor(() => cp!.status() === 'down', 5000, 'the worker to fail');
    other.exec('CREATE TABLE t (k INTEGER PRIMARY KEY)');
    afterCommit();
    expect(other.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    other.close();
  });
});
