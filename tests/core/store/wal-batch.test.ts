// Our SQLite build (scripts/sqlite-wal-batch.mjs) writes a commit's WAL frames in a few write calls
// instead of two a frame. What must hold: the build in node_modules carries the patch, it makes the
// fewer calls, and the WAL it writes is SQLite's format to the byte: every frame's checksum chains
// as the file format says (checked here by our own reading of the WAL), and a copy of the database
// with its WAL alone (no -shm, as after a crash) recovers every committed row.
// SQLite only by design: the WAL is SQLite's.
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MARKER } from '../../../scripts/sqlite-wal-batch.mjs';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder(): string {
  const t = tempDir('packline-walbatch-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A WAL file read as the file format describes it (sqlite.org/fileformat2.html#walformat). */
function readWal(file: string): { pageSize: number; frames: number; commits: number; badFrame: number | null } {
  const b = readFileSync(file);
  const magic = b.readUInt32BE(0);
  expect(magic === 0x377f0682 || magic === 0x377f0683, `WAL magic ${magic.toString(16)}`).toBe(true);
  const word = magic === 0x377f0683 ? (o: number) => b.readUInt32BE(o) : (o: number) => b.readUInt32LE(o);
  /** The format's checksum over bytes [from, to), continuing from (s0, s1). */
  const checksum = (from: number, to: number, s: [number, number]): [number, number] => {
    let [s0, s1] = s;
    for (let o = from; o < to; o += 8) {
      s0 = (s0 + word(o) + s1) >>> 0;
      s1 = (s1 + word(o + 4) + s0) >>> 0;
    }
    return [s0, s1];
  };
  const pageSize = b.readUInt32BE(8);
  const salt = [b.readUInt32BE(16), b.readUInt32BE(20)];
  let sum = checksum(0, 24, [0, 0]);
  expect([b.readUInt32BE(24), b.readUInt32BE(28)]).toEqual(sum);
  let frames = 0;
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= b.length; at += 24 + pageSize) {
    if (b.readUInt32BE(at + 8) !== salt[0] || b.readUInt32BE(at + 12) !== salt[1]) break; // left from before a restart
    sum = checksum(at, at + 8, sum);
    sum = checksum(at + 24, at + 24 + pageSize, sum);
    if (b.readUInt32BE(at + 16) !== sum[0] || b.readUInt32BE(at + 20) !== sum[1]) return { pageSize, frames, commits, badFrame: frames + 1 };
    frames++;
    if (b.readUInt32BE(at + 4) !== 0) commits++;
  }
  return { pageSize, frames, commits, badFrame: null };
}

/** A database with the WAL left in place: no checkpoint, so every commit's frames stay in the file. */
function openUncheckpointed(file: string, pageSize: number): Database.Database {
  const db = new Database(file);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  return db;
}

/** The database file and its WAL copied elsewhere and opened there: SQLite recovers from the WAL. */
function recoveredCopy(file: string): { rows: number; bytes: number; integrity: string } {
  const copy = join(folder(), 'copy.db');
  copyFileSync(file, copy);
  copyFileSync(`${file}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  try {
    const { rows, bytes } = db.prepare('SELECT COUNT(*) rows, COALESCE(SUM(length(body)), 0) bytes FROM t').get() as { rows: number; bytes: number };
    return { rows, bytes, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('SQLite with the WAL write patch', () => {
  it('is the SQLite better-sqlite3 loads here (npm install ran scripts/sqlite-wal-batch.mjs)', () => {
    const id = new Database(':memory:').prepare('SELECT sqlite_source_id()').pluck().get() as string;
    expect(id.endsWith(MARKER), `sqlite_source_id() is "${id}"; run: node scripts/sqlite-wal-batch.mjs`).toBe(true);
  });

  // /proc/<pid>/io counts a process's write system calls; other platforms have no such counter.
  it.runIf(existsSync('/proc/self/io'))('writes a commit of many pages in a few write calls, not two a page (Linux: /proc/self/io)', () => {
    const file = join(folder(), 'calls.db');
    // A child process: the count covers every thread of a process, and this one runs other tests.
    const script = `
      const Database = require('better-sqlite3');
      const { readFileSync, statSync } = require('node:fs');
      const calls = () => Number(/syscw: (\\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
      const db = new Database(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
      const insert = db.prepare('INSERT INTO t (body) VALUES (randomblob(3000))');
      const commit = db.transaction(() => { for (let i = 0; i < 20; i++) insert.run(); });
      const walBefore = statSync(${JSON.stringify(file)} + '-wal').size;
      const before = calls();
      for (let i = 0; i < 50; i++) commit();
      const writes = calls() - before;
      const frames = (statSync(${JSON.stringify(file)} + '-wal').size - walBefore) / (4096 + 24);
      process.stdout.write(JSON.stringify({ writes, frames }));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { writes, frames } = JSON.parse(r.stdout) as { writes: number; frames: number };
    expect(frames).toBeGreaterThanOrEqual(50 * 15); // ~20 pages a commit
    // Stock SQLite: two calls a frame (>= 1,500 here). Patched: one call per 31 frames, so ~1 a commit.
    expect(writes).toBeLessThan(50 * 3);
  });

  for (const pageSize of [1024, 4096, 65536]) {
    it(`writes frames whose checksums chain and that recover every commit, page size ${pageSize}`, () => {
      const file = join(folder(), 'p.db');
      const db = openUncheckpointed(file, pageSize);
      const insert = db.prepare('INSERT INTO t (body) VALUES (randomblob(?))');
      // Commits of 1 page up to several 128 KB batches: 1 row, 40 rows, 300 rows, 1 row again.
      let rows = 0;
      let bytes = 0;
      for (const [n, size] of [[1, 10], [40, 3000], [300, 1500], [1, 50]] as const) {
        db.transaction(() => { for (let i = 0; i < n; i++) insert.run(size); })();
        rows += n;
        bytes += n * size;
      }
      const wal = readWal(`${file}-wal`);
      expect(wal.pageSize).toBe(pageSize);
      expect(wal.badFrame).toBeNull();
      expect(wal.commits).toBe(5); // the CREATE TABLE, then the four above
      expect(recoveredCopy(file)).toEqual({ rows, bytes, integrity: 'ok' });
      db.close();
    });
  }

  it('the WAL reader above finds a frame with one byte changed (so its "no bad frame" means something)', () => {
    const file = join(folder(), 'bad.db');
    const db = openUncheckpointed(file, 4096);
    db.transaction(() => { for (let i = 0; i < 40; i++) db.prepare('INSERT INTO t (body) VALUES (randomblob(3000))').run(); })();
    const wal = readFileSync(`${file}-wal`);
    wal[32 + 2 * (24 + 4096) + 24 + 100] ^= 0xff; // frame 3's page
    const bad = join(folder(), 'bad.db-wal');
    writeFileSync(bad, wal);
    expect(readWal(bad).badFrame).toBe(3);
    db.close();
  });

  it('recovers a transaction larger than the page cache, whose spilled pages are written again at commit', () => {
    const file = join(folder(), 'spill.db');
    const db = openUncheckpointed(file, 4096);
    db.pragma('cache_size = 20'); // 20 pages: the transaction below spills to the WAL before it commits
    const insert = db.prepare('INSERT INTO t (body) VALUES (randomblob(2000))');
    db.transaction(() => {
      for (let i = 0; i < 600; i++) insert.run();
      db.prepare('UPDATE t SET body = randomblob(2100) WHERE id <= 300').run(); // pages spilled earlier, changed again
    })();
    const wal = readWal(`${file}-wal`);
    expect(wal.badFrame).toBeNull();
    expect(wal.commits).toBe(2);
    expect(recoveredCopy(file)).toEqual({ rows: 600, bytes: 300 * 2100 + 300 * 2000, integrity: 'ok' });
    db.close();
  });
});
