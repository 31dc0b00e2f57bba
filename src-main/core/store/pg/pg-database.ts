import type { MessagePort } from 'node:worker_threads';
import type { Db } from '../db';
import { SyncConnection, PgError, type SyncResult } from './sync-connection';
import { translate, translateScript, BEGIN_WRITE, WRITE_LOCK } from './dialect';
import { ReadsAhead, aheadKey } from './reads-ahead';

/** BEGIN_WRITE's second statement: the write lock (store/pg/dialect.ts). */
const WRITE_LOCK_SQL = `SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
import { COMPAT_SQL, CASTS_SQL } from './compat';

// The part of better-sqlite3's Database the core uses, on PostgreSQL: the stores keep their shape
// (synchronous calls, prepared statements, transactions) and their types (core/store/db.ts casts
// this to Db). SQL is translated once per text (dialect.ts).

/** A value as better-sqlite3 would bind it: booleans as 1/0, undefined as null. */
/** PACKLINE_PG_PIPE=0: every statement waits for its answer (the bench's baseline). */
const PIPE = process.env.PACKLINE_PG_PIPE !== '0';

const bindable = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? v.toString() : v);

/**
 * bytea values as Buffers, as better-sqlite3 gives BLOBs: the worker's Buffers arrive as plain
 * Uint8Arrays (the port's copy keeps no prototype), whose toString() is "123,34,..." not the text.
 */
function asBuffers(rows: unknown[]): void {
  for (const row of rows) {
    const cells = row as Record<string | number, unknown>;
    for (const k in cells) {
      const v = cells[k];
      if (v instanceof Uint8Array && !Buffer.isBuffer(v)) cells[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  }
}

/** SQLite's list parameter: `x IN (SELECT value FROM json_each(?))` (one JSON array bound for many values). */
const JSON_IN_LIST = 'IN (SELECT value FROM json_each(?))';
const JSON_IN_LISTS = /(?<!\bNOT\s+)\bIN \(SELECT value FROM json_each\(\?\)\)/g;
const byIndexCache = new Map<string, string>();
/**
 * The same list as `= ANY (array)`: PostgreSQL cannot see into json_each (a function) and planned
 * `scope = ? AND key IN (json_each)` as a scan of every row of the scope (the intake's Idempotency-Key
 * and channel-number look-ups: every order of the channel, per batch, growing with the table); an
 * array is an index condition (`key = ANY(...)`), a look-up per value. Same values: text, NULLs kept.
 */
function byIndex(sql: string): string {
  let out = byIndexCache.get(sql);
  if (out === undefined) byIndexCache.set(sql, (out = sql.replace(JSON_IN_LISTS, '= ANY (ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))))')));
  return out;
}

/**
 * The COMMIT of a transaction that wrote: the transaction ends (and its locks, the core's write lock
 * among them, go) as soon as its commit record is in the WAL, and the same round trip then waits
 * until the WAL is on disk up to there, before anyone is answered. What the core acknowledges is as
 * durable as with a plain COMMIT (synchronous_commit stays on for the session); the next writer, in
 * this process or another, no longer waits for this one's disk flush while holding nothing up, and
 * the flushes of core processes committing together are one flush (PostgreSQL's group commit).
 * Others may read the rows a moment before they are on disk: a crash in that moment loses them
 * unacknowledged, and with them whatever was written after them (the WAL is one sequence).
 * The flush: a transaction that writes a WAL record (a transactional logical message, which needs
 * no table and no privilege) commits with synchronous_commit on, so it waits for the WAL up to its
 * own commit record, which comes after this transaction's.
 */
const COMMIT_THEN_FLUSH = "SET LOCAL synchronous_commit = off; COMMIT; SELECT pg_logical_emit_message(true, 'packline', '')";
/**
 * Off unless PACKLINE_PG_FLUSH_AFTER=1 (a measure, not the shop's default): what another session reads
 * before the flush it may act on (a bench on another core process prints a label from the feed), and a
 * crash then loses the row it acted on. A plain COMMIT makes rows visible only once they are on disk.
 */
const FLUSH_AFTER = process.env.PACKLINE_PG_FLUSH_AFTER === '1';

/** What makes a SELECT more than a read: it must run when asked, never ahead. */
const IMPURE = /\b(RETURNING|nextval|setval|currval|lastval|pg_advisory\w*|pg_notify|pg_sleep|random|clock_timestamp|txid_\w+|sqlite_raise|FOR\s+UPDATE|FOR\s+SHARE)\b/i;

export class PgStatement {
  private plucked = false;
  private rawRows = false;
  readonly reader: boolean;
  /** A row write whose answer is only its row count: it may go without waiting (piped). */
  private readonly pipeable: boolean;

  constructor(private readonly db: PgDatabase, readonly source: string) {
    this.reader = /^\s*(SELECT|WITH|VALUES|PRAGMA)\b/i.test(source) || /\bRETURNING\b/i.test(source);
    this.pipeable = !this.reader && /^\s*(INSERT|UPDATE|DELETE)\b/i.test(source);
    this.pure = /^\s*SELECT\b/i.test(source) && !IMPURE.test(source);
  }
  /** A SELECT that changes nothing (no sequence, lock or notification): its answer may be read ahead. */
  private readonly pure: boolean;

  pluck(on = true): this { this.plucked = on; if (on) this.rawRows = false; return this; }
  raw(on = true): this { this.rawRows = on; if (on) this.plucked = false; return this; }

  private values(args: unknown[]): unknown[] | undefined {
    const { names, count } = translate(this.source);
    if (names) {
      const o = (args[0] ?? {}) as Record<string, unknown>;
      return names.map((n) => bindable(o[n]));
    }
    const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (count === 0) return flat.length ? [] : undefined;
    return flat.map(bindable);
  }

  /** Runs the statement; `writes`: its rows count as changed (SQLite's total_changes()). */
  private exec(args: unknown[], writes: boolean): SyncResult {
    const special = this.db.special(this.source);
    if (special) return special;
    const { text } = translate(this.source);
    const values = this.values(args);
    const array = this.plucked || this.rawRows;
    if (this.pure) return this.db.read(text, values, array);
    const r = this.db.query(text, values, array);
    if (writes) this.db.totalChanges += r.rowCount;
    return r;
  }

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    const db = this.db;
    // A write inside a transaction whose answer nobody has asked for yet goes without waiting
    // (piped): `changes` and `lastInsertRowid` wait for it when read.
    if (this.pipeable && db.pipes) {
      const { text, single } = translate(this.source);
      if (single) {
        let changes = 0;
        db.post(text, this.values(args), (n) => { changes = n; db.totalChanges += n; });
        return {
          get changes() { db.settle(); return changes; },
          get lastInsertRowid() { db.settle(); return Number((db.query('SELECT lastval()', undefined, true).rows[0] as unknown[])[0]); },
        };
      }
    }
    const r = this.exec(args, true);
    return {
      changes: r.rowCount,
      // read only when asked: lastval() fails in a session that has used no sequence yet
      get lastInsertRowid() { return Number((db.query('SELECT lastval()', undefined, true).rows[0] as unknown[])[0]); },
    };
  }

  private shape(r: SyncResult): unknown[] {
    asBuffers(r.rows);
    if (this.plucked) return r.rows.map((row) => (row as unknown[])[0]);
    return r.rows;
  }

  get(...args: unknown[]): unknown {
    const r = this.exec(args, !this.reader);
    return this.shape(r)[0];
  }

  all(...args: unknown[]): unknown[] {
    const r = this.exec(args, !this.reader);
    return this.shape(r);
  }

  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }
}


/**
 * Connections handed back by close() for the next PgDatabase on the same URL, when asked for
 * (reusePgConnections): the behaviour tests open a core per test, and starting a connection's
 * thread (a new isolate that loads pg) costs ~50 ms on an idle machine and ~300 ms on a loaded
 * one, most of a test's own time. Off by default: a core opens its connections once.
 */
const idle = new Map<string, SyncConnection[]>();
let keepIdle = false;
export function reusePgConnections(on = true): void {
  keepIdle = on;
}
export const reusingPgConnections = () => keepIdle;

export interface PgDatabaseOptions {
  /** Where NOTIFY messages of the connection go (the change feed across core processes). */
  notify?: MessagePort;
}

export class PgDatabase {
  readonly name: string;
  open = true;
  readonly memory = false;
  readonly readonly = false;
  /** Rows changed through this connection (SQLite's total_changes(), which the WriteBatcher reads). */
  totalChanges = 0;
  private status: SyncResult['status'] = 'I';
  /** The open transaction has sent a write (its COMMIT is then COMMIT_THEN_FLUSH). */
  private wroteInTransaction = false;
  /** Open savepoints: an error inside one leaves the transaction to the savepoint's ROLLBACK TO. */
  private savepoints = 0;
  private readonly conn: SyncConnection;
  private dataVersionCalls = 0;
  private readonly pooled: boolean;

  constructor(url: string, opts: PgDatabaseOptions = {}) {
    this.name = url;
    this.pooled = keepIdle && !opts.notify; // a listener's notifications go to its own port: not shared
    const reused = this.pooled ? idle.get(url)?.pop() : undefined;
    this.conn = reused ?? new SyncConnection(url, opts.notify);
    // a reused session as new (settings, session locks, LISTENs), in the same round trip
    this.query(`${reused ? 'UNLISTEN *; SELECT pg_advisory_unlock_all(); RESET ALL; ' : ''}SET client_min_messages = warning; SET TIME ZONE 'UTC'`, undefined);
    if (!reused) this.setUp();
  }

  /** SQLite's functions and casts, made once per database (two processes starting together take turns). */
  private setUp(): void {
    // the newest set's marker: a database set up by an older Packline gets the functions added since
    const have = this.query("SELECT 1 FROM pg_proc WHERE proname = 'packline_compat_3'", [], true).rows.length > 0;
    if (have) return;
    this.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK}); ${COMPAT_SQL} ${CASTS_SQL} COMMIT`, undefined);
  }

  get inTransaction(): boolean {
    return this.status !== 'I';
  }

  /**
   * Whether a write may go without waiting for its answer: inside a transaction (its error then
   * surfaces at the next statement waited for, or at `settle`, still inside the transaction) and
   * unless PACKLINE_PG_PIPE=0.
   */
  get pipes(): boolean {
    return PIPE && this.status === 'T';
  }

  /** Piped writes sent since the last wait (a wait takes every answer before its own). */
  private unsettledWrites = false;

  post(text: string, values: unknown[] | undefined, done: (rowCount: number) => void): void {
    this.ahead.wrote();
    this.wroteInTransaction = true;
    this.unsettledWrites = true;
    this.conn.post(text, values, done);
  }

  /** Reads a write transaction makes before its first write, sent ahead with its BEGIN (below). */
  private readonly ahead = new ReadsAhead(() => this.settle());

  /** Inside sendReadsAhead: reads are sent, not run. */
  private sendingAhead = false;

  /**
   * Runs `fn` (reads only) with every read sent without waiting and answered empty; the same reads
   * made after it, with the same values, before the transaction's first write, take those answers.
   * Only inside a write transaction before its first write (the answers are what the reads would
   * get then); elsewhere it does nothing.
   */
  sendReadsAhead(fn: () => void): void {
    if (!this.ahead.open) return;
    this.sendingAhead = true;
    try {
      fn();
    } finally {
      this.sendingAhead = false;
    }
  }

  /** A reader statement: answered by the read sent ahead when it is one, else run. */
  read(text: string, values: unknown[] | undefined, array: boolean): SyncResult {
    if (this.sendingAhead) {
      this.ahead.send(this.conn, { key: aheadKey(text, values, array), text, values, array });
      return { rows: [], rowCount: 0, fields: [], status: this.status };
    }
    const early = this.ahead.take(text, values, array);
    if (early) return early;
    const r = this.query(text, values, array, true);
    this.ahead.saw(text, values, array, r);
    return r;
  }

  /**
   * Waits for the piped writes: the WriteBatcher calls it at the end of each job, so a write that
   * failed fails its own job (rolled back as a failed statement is, below), never the next one.
   */
  settle(): void {
    if (!this.conn.pending) return;
    this.unsettledWrites = false;
    try {
      this.conn.settle();
    } catch (e) {
      this.failed(e);
      throw e;
    }
  }

  /** PostgreSQL aborts the whole transaction on an error; see `query`. */
  private failed(e: unknown): void {
    if (!(e instanceof PgError)) return;
    this.status = e.status;
    // PostgreSQL aborts the whole transaction on an error; SQLite only the statement. Outside
    // a savepoint the transaction is rolled back here and inTransaction turns false: the
    // WriteBatcher then runs the batch again with a savepoint per job, as it does when SQLite
    // drops a transaction.
    if (e.status === 'E' && this.savepoints === 0) {
      this.status = this.conn.query('ROLLBACK').status;
    }
    if (this.status === 'I') { this.ahead.end(); this.wroteInTransaction = false; }
  }

  /**
   * A statement whose answer does not matter and whose failure changes nothing (the NOTIFY after a
   * commit): sent without waiting, even outside a transaction; an error is dropped.
   */
  postQuietly(text: string): void {
    this.conn.post(text, undefined, () => {}, true, true);
  }

  /** Runs SQL already translated; keeps SQLite's rule that a failed statement fails alone. */
  query(text: string, values: unknown[] | undefined, array = false, reading = false): SyncResult {
    // The writer's BEGIN (and its lock) goes with the transaction's first statement: nothing reads
    // its answer, and an error of it surfaces at that statement, inside the transaction.
    if (text === BEGIN_WRITE && PIPE && this.status === 'I') {
      this.conn.post('BEGIN', undefined, () => {});
      this.conn.post(WRITE_LOCK_SQL, undefined, () => {});
      this.ahead.begin(this.conn);
      this.dataVersionCalls++; // a transaction began: others may have committed
      this.status = 'T';
      this.savepoints = 0;
      this.wroteInTransaction = false;
      return { rows: [], rowCount: 0, fields: [], status: 'T' };
    }
    const upper = text.trimStart().slice(0, 12).toUpperCase();
    // a savepoint's statements change no rows (ROLLBACK TO undoes writes, which ended the reads ahead already)
    if (this.sendingAhead && !reading) throw new Error('sendReadsAhead: only reads may be sent ahead');
    if (!reading && !/^(SAVEPOINT|RELEASE|ROLLBACK TO)/.test(upper)) {
      this.ahead.wrote();
      if (upper.startsWith('COMMIT')) {
        if (FLUSH_AFTER && this.wroteInTransaction && text === 'COMMIT') text = COMMIT_THEN_FLUSH;
      } else if (this.status !== 'I') this.wroteInTransaction = true;
    }
    this.unsettledWrites = false; // this wait takes their answers first
    try {
      const r = this.conn.query(text, values, array);
      if (r.status === 'I') this.ahead.end();
      if (this.status === 'I' && r.status !== 'I') this.dataVersionCalls++; // a transaction began: others may have committed
      this.status = r.status;
      if (upper.startsWith('SAVEPOINT')) this.savepoints++;
      else if (upper.startsWith('RELEASE')) this.savepoints = Math.max(0, this.savepoints - 1);
      if (r.status === 'I') { this.savepoints = 0; this.wroteInTransaction = false; }
      return r;
    } catch (e) {
      this.failed(e);
      throw e;
    }
  }

  /** Statements with no PostgreSQL twin, answered here. */
  special(sql: string): SyncResult | null {
    if (sql === 'SELECT total_changes()') {
      // the piped writes' rows too; one that failed rolls the transaction back (inTransaction false),
      // which is what the WriteBatcher asks this after
      // (only piped writes count rows: the BEGIN, its lock and reads sent ahead are not waited for here)
      if (this.unsettledWrites) try { this.settle(); } catch { /* raised again by nothing: the transaction is gone */ }
      return { rows: [[this.totalChanges]], rowCount: 1, fields: ['total_changes()'], status: this.status };
    }
    // No cheap "another connection committed" counter. Inside a write transaction the core's write
    // lock is held, so no other connection commits: the version holds still and read caches (the
    // settings, the intake's SKUs) serve the whole batch; it moves when a transaction begins and at
    // every call outside one (read caches read again).
    if (sql === 'PRAGMA data_version') {
      if (!this.inTransaction) this.dataVersionCalls++;
      return { rows: [[this.dataVersionCalls]], rowCount: 1, fields: ['data_version'], status: this.status };
    }
    return null;
  }

  /** A new statement each call, as better-sqlite3 (pluck and raw change the statement they are called on). */
  prepare(sql: string): PgStatement {
    return new PgStatement(this, sql.includes(JSON_IN_LIST) ? byIndex(sql) : sql);
  }

  exec(sql: string): this {
    const trimmed = sql.trim();
    if (/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(trimmed)) this.query(/^BEGIN/i.test(trimmed) ? BEGIN_WRITE : trimmed, undefined);
    else this.query(translateScript(sql), undefined);
    return this;
  }

  /** PRAGMAs: user_version is the highest applied migration; the rest are SQLite's knobs and do nothing here. */
  pragma(source: string, opts: { simple?: boolean } = {}): unknown {
    if (/^\s*user_version\s*$/i.test(source)) {
      const exists = this.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'", [], true).rows.length > 0;
      const v = exists ? Number((this.query('SELECT COALESCE(MAX(version), 0) FROM schema_migrations', [], true).rows[0] as unknown[])[0]) : 0;
      return opts.simple ? v : [{ user_version: v }];
    }
    return opts.simple ? undefined : [];
  }

  /** better-sqlite3's transaction(fn): a transaction, or a savepoint inside one. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { immediate: (...args: A) => R; deferred: (...args: A) => R; exclusive: (...args: A) => R } {
    const run = (...args: A): R => {
      if (this.inTransaction) {
        this.query('SAVEPOINT tx', undefined);
        try {
          const r = fn(...args);
          this.query('RELEASE tx', undefined);
          return r;
        } catch (e) {
          if (this.inTransaction) { this.query('ROLLBACK TO tx', undefined); this.query('RELEASE tx', undefined); }
          throw e;
        }
      }
      this.query(BEGIN_WRITE, undefined);
      try {
        const r = fn(...args);
        this.query('COMMIT', undefined);
        return r;
      } catch (e) {
        if (this.inTransaction) this.query('ROLLBACK', undefined);
        throw e;
      }
    };
    return Object.assign(run, { immediate: run, deferred: run, exclusive: run });
  }

  close(): this {
    if (!this.open) return this;
    this.open = false;
    if (this.pooled) {
      try {
        if (this.inTransaction) this.conn.query('ROLLBACK');
        idle.set(this.name, [...(idle.get(this.name) ?? []), this.conn]);
        return this;
      } catch {
        // a connection that cannot be cleaned is not handed on
      }
    }
    this.conn.close();
    return this;
  }
}

/**
 * A script written for PostgreSQL (a module's PostgreSQL migration: PL/pgSQL, extensions), run as
 * it is: the SQLite dialect layer would split its $$-quoted bodies.
 */
/** PgDatabase.sendReadsAhead on PostgreSQL; nothing on SQLite (its reads cost microseconds, not a round trip). */
export function sendReadsAhead(db: Db, fn: () => void): void {
  if ((db as unknown) instanceof PgDatabase) (db as unknown as PgDatabase).sendReadsAhead(fn);
}

export function execPostgres(db: Db, sql: string): void {
  if (!((db as unknown) instanceof PgDatabase)) throw new Error('execPostgres: not a PostgreSQL connection');
  (db as unknown as PgDatabase).query(sql, undefined);
}
