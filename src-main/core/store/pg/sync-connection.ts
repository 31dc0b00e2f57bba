import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';

// The core's stores call SQL synchronously (better-sqlite3's shape: validate -> apply -> append an
// event, reads deciding the next write, all inside one transaction). PostgreSQL clients are
// asynchronous, so the `pg` client runs in a worker thread and this thread sleeps in Atomics.wait
// until the worker has the answer, then takes it from the port with receiveMessageOnPort. One
// thread hop per statement, no native build (pg-native would need one on every machine).
//
// Every statement carries a number and its answer carries it back; the worker counts its answers
// in a shared cell (never reset) and wakes this thread after each. This thread takes from the port
// until the answer with its number is there, and otherwise sleeps until the count moves past what
// it saw. A wake is only a hint: the worker's wake for an answer already taken can arrive while
// this thread waits for the next one (the worker was descheduled between counting and waking; on
// a loaded machine it happens), and an answer to a statement given up on (timed out) can arrive
// late. Trusting the wake made such a statement find no answer ("the connection ended") and every
// later statement read the answer of the one before it (issue 21).

/** In the worker: plain CommonJS (eval), so it runs the same from source, tests and a bundle. */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const pg = require(workerData.driver);
// Read like SQLite: bigint and numeric as numbers, booleans as 1/0, json as its text.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));
pg.types.setTypeParser(114, (v) => v);
pg.types.setTypeParser(3802, (v) => v);
const port = workerData.port;
const answers = new Int32Array(workerData.signal);
const client = new pg.Client({ connectionString: workerData.url, application_name: workerData.name });
let status = 'I'; // PostgreSQL's transaction status after the last statement: I idle, T in one, E failed
// The answer first, then the count, then the wake: whoever sees the count moved finds the answer.
const answer = (seq, m) => { m.seq = seq; port.postMessage(m); Atomics.add(answers, 0, 1); Atomics.notify(answers, 0); };
const ready = client.connect().then(() => {
  client.connection.on('readyForQuery', (m) => { status = m.status; readies++; wake(); });
  client.on('notification', (n) => { if (workerData.notify) workerData.notify.postMessage({ channel: n.channel, payload: n.payload }); });
});
ready.catch(() => {});
client.on('error', () => wake());
client.on('end', () => wake());
// pg rejects a failed statement at PostgreSQL's ErrorResponse, which may come in a packet before
// its ReadyForQuery: the status then is the one before the statement (T, or I before a piped
// BEGIN), and the core would not roll back a transaction PostgreSQL has aborted. An error is
// answered once its statement's ReadyForQuery has come (or the connection is gone; or after 1 s,
// for an error pg raised without asking the server).
let readies = 0;
let woken = null;
const wake = () => { const w = woken; woken = null; if (w) w(); };
const settled = (seen) => (readies !== seen || client.connection.stream.destroyed ? undefined : new Promise((r) => { woken = r; setTimeout(() => woken === r && wake(), 1000); }));
// Statements waiting while one runs go to PostgreSQL together: writes the core posted without
// waiting (pipe) and the statement after them, as one simple query of several statements with the
// values written in as literals (quoted, so PostgreSQL types them from context as it types a
// parameter). One round trip for all of them instead of one each.
const utils = require(require('node:path').join(require('node:path').dirname(workerData.driver), 'utils.js'));
const literal = (v) => {
  if (v === null || v === undefined) return 'NULL';
  const p = utils.prepareValue(v);
  if (p === null || p === undefined) return 'NULL';
  if (Buffer.isBuffer(p)) return "'\\\\x" + p.toString('hex') + "'";
  return client.escapeLiteral(String(p));
};
// $n outside quoted strings (the translator's statements carry their own literals in '...')
const inline = (m) => (m.values && m.values.length ? m.text.replace(/;\\s*$/, '').replace(/'(?:[^']|'')*'|\\$(\\d+)/g, (all, n) => (n === undefined ? all : literal(m.values[Number(n) - 1]))) : m.text.replace(/;\\s*$/, ''));
// Prepared statements: a read or UPDATE text (one statement) run again and again is PREPAREd once (between
// transactions: a refused PREPARE then fails nothing) and run as EXECUTE name(values) from then on, so
// PostgreSQL no longer parses, analyses and plans it at every call (planning alone was ~200 us of the
// server's CPU per order on the intake path: pg_stat_statements, bench/pg-ingest-probe.ts). The same
// parameter typing as an unnamed statement with its values (the PREPARE leaves them to the context).
// INSERT ... VALUES stays as it is: a batch's rows of one text are joined into one INSERT (merged).
// After a statement that changes the schema no prepared statement is used (PostgreSQL would refuse one
// whose result columns changed) and all are DEALLOCATEd when the connection is next between transactions.
const PREPARE_AFTER = 3, PREPARED_MAX = 400;
const PREPARABLE = /^\\s*(SELECT|WITH|UPDATE)\\b/i;
const runs = new Map(); // text -> runs so far (until prepared or refused)
let prepared = new Map(); // text -> { name, params: how many values it takes }
const refused = new Set();
let toPrepare = [];
let deallocate = false;
let names = 0;
/** The highest $n outside quoted strings: EXECUTE takes exactly that many values. */
const paramsOf = (text) => { let n = 0; text.replace(/'(?:[^']|'')*'|\\$(\\d+)/g, (all, d) => { if (d !== undefined) n = Math.max(n, Number(d)); return all; }); return n; };
function note(m) {
  if (prepared.has(m.text) || refused.has(m.text) || prepared.size >= PREPARED_MAX) return;
  if (!PREPARABLE.test(m.text) || DDL.test(m.text) || m.text.includes(';')) { refused.add(m.text); return; }
  if (runs.size > 10000) runs.clear();
  const n = (runs.get(m.text) || 0) + 1;
  if (n === PREPARE_AFTER) { runs.delete(m.text); toPrepare.push(m.text); } else runs.set(m.text, n);
}
/** Any statement that may change what a prepared statement reads (a table, a view, a type, a function). */
const SCHEMA = /^\\s*(CREATE|ALTER|DROP)\\b|\\bRENAME\\b/im;
function schemaChanged() { if (prepared.size) deallocate = true; prepared = new Map(); toPrepare = []; }
async function prepareNow() {
  if (deallocate) { deallocate = false; try { await client.query('DEALLOCATE ALL'); } catch {} }
  const list = toPrepare; toPrepare = [];
  for (let i = 0; i < list.length; i++) {
    const text = list[i];
    const params = paramsOf(text);
    if (prepared.has(text)) continue;
    const name = 'pl' + ++names;
    try { await client.query('PREPARE ' + name + ' AS ' + text); prepared.set(text, { name, params }); } catch (e) {
      refused.add(text);
      if (workerData.debug) process.stderr.write('[pg] not prepared: ' + String((e && e.message) || e) + '\\n  in: ' + text.slice(0, 300) + '\\n');
    }
    if (status !== 'I' || tablesStale) { toPrepare.push(...list.slice(i + 1)); break; } // never inside a transaction; the rest at the next pause
  }
}
/** The prepared statement that runs \`m\` (its text, as many values as it takes), if any. */
const preparedFor = (m) => { const p = prepared.get(m.text); return p && p.params === (m.values ? m.values.length : 0) ? p : undefined; };
/** The statement with its values as SQL text: EXECUTE of its prepared statement, or its text with the values written in. */
const asSql = (m) => {
  const p = preparedFor(m);
  if (p) return 'EXECUTE ' + p.name + (p.params ? '(' + m.values.map(literal).join(', ') + ')' : '');
  return inline(m);
};
const shaped = (r) => ({ ok: true, rows: r ? r.rows : [], rowCount: r ? r.rowCount ?? 0 : 0, fields: r && r.fields ? r.fields.map((f) => f.name) : [], status });
const failed = (e) => ({ ok: false, message: String((e && e.message) || e), code: e && e.code, status });
const send = (seq, out) => {
  try { answer(seq, out); } catch (e) { // rows the port cannot carry: the statement's answer is an error, never none
    answer(seq, { ok: false, message: 'the answer could not be passed back: ' + String((e && e.message) || e), code: undefined, status });
  }
};
async function runOne(m) {
  let out;
  if (DDL.test(m.text)) tablesStale = true;
  if (SCHEMA.test(m.text)) schemaChanged();
  note(m);
  const seen = readies;
  try {
    const r = preparedFor(m) ? await client.query({ text: asSql(m), rowMode: m.array ? 'array' : undefined })
      : m.values ? await client.query({ text: m.text, values: m.values, rowMode: m.array ? 'array' : undefined })
      : await client.query({ text: m.text, rowMode: m.array ? 'array' : undefined });
    out = shaped(Array.isArray(r) ? r[r.length - 1] : r);
  } catch (e) { await settled(seen); out = failed(e); }
  send(m.seq, out);
}
// Set-based writes: the piped INSERTs of a group with the same text (a batch of orders writes each
// of its tables once per order) go to PostgreSQL as ONE multi-row INSERT, at the place of the first,
// so PostgreSQL parses, plans and runs one statement per table instead of one per row. A row moves
// earlier only past statements that cannot tell: none names its table or writes one it names, none writes a table its
// table's foreign keys point to, none fires a trigger, no INSERT trigger moves, each a plain read or row
// write (never past a SAVEPOINT, a NOTIFY, a script). The catalog facts (foreign keys, triggers) are
// read while no transaction is open: once, and again after a statement that changed the schema.
let tables = null; // table name -> { parents: Set of tables its foreign keys point to, triggers: the kinds of its triggers (pg_trigger.tgtype bits) }
let tablesStale = true;
const DDL = /\\b(CREATE|ALTER|DROP)\\s+(TABLE|TRIGGER)\\b|\\bRENAME\\b/i;
async function loadTables() {
  tablesStale = false;
  try {
    const r = await client.query("SELECT c.relname n, ARRAY(SELECT p.relname FROM pg_constraint k JOIN pg_class p ON p.oid = k.confrelid WHERE k.conrelid = c.oid AND k.contype = 'f')::text[] parents, COALESCE((SELECT bit_or(t.tgtype) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal), 0) triggers FROM pg_class c WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)");
    tables = new Map(r.rows.map((x) => [x.n, { parents: new Set(x.parents), triggers: x.triggers }]));
  } catch { tables = null; }
}
const INSERT_ROW = /^\\s*INSERT\\s+INTO\\s+(\\w+)\\s*\\([^()]*\\)\\s*VALUES\\s*(\\(.*\\))\\s*;?\\s*$/is;
const TARGET = /^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)/i;
const READ = /^\\s*(SELECT|WITH)\\b/i;
// pg_trigger.tgtype: a trigger on INSERT, DELETE, UPDATE (an upsert may update)
const ON_INSERT = 4, ON_DELETE = 8, ON_UPDATE = 16;
const firesOn = (text) => (/^\\s*INSERT/i.test(text) ? (/\\bON\\s+CONFLICT\\b/i.test(text) ? ON_INSERT | ON_UPDATE : ON_INSERT) : /^\\s*UPDATE/i.test(text) ? ON_UPDATE : ON_DELETE);
/** Whether \`VALUES (...)\` is one row: its parenthesis closes at the very end (no second row, no ON CONFLICT after it). */
function oneRow(t) {
  let depth = 0, quoted = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quoted) { if (ch === "'") quoted = false; continue; }
    if (ch === "'") quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i !== t.length - 1) return false;
  }
  return depth === 0 && !quoted;
}
const wordsOf = (item) => item.words || (item.words = new Set(item.text.toLowerCase().split(/[^a-z0-9_]+/)));
/** Whether \`row\` (an INSERT into \`table\`) may run before \`item\` (see above; and the row reads no table the item writes). */
function passable(item, row, table, info) {
  if (wordsOf(item).has(table)) return false;
  if (READ.test(item.text)) return true;
  const w = TARGET.exec(item.text);
  const target = w && w[1].toLowerCase();
  const u = target && tables.get(target);
  return !!u && (u.triggers & firesOn(item.text)) === 0 && !info.parents.has(target) && !wordsOf(row).has(target);
}
/** The group as statements to run: rows of the same INSERT joined where they may be; null when none is. */
function merged(group) {
  if (!tables) return null;
  const last = group[group.length - 1];
  const items = [];
  let joined = false;
  for (const m of group) {
    const x = m !== last && m.pipe ? INSERT_ROW.exec(m.text) : null;
    const table = x && x[1].toLowerCase();
    const info = x && tables.get(table);
    if (x && info && (info.triggers & ON_INSERT) === 0 && oneRow(x[2])) {
      let h = items.length - 1;
      while (h >= 0 && items[h].text !== m.text) h--;
      if (h >= 0 && items.slice(h + 1).every((y) => passable(y, items[h], table, info))) { items[h].rows.push(m); joined = true; continue; }
      items.push({ text: m.text, rows: [m], head: m.text.slice(0, m.text.lastIndexOf(x[2])), row: x[2] });
    } else items.push({ text: m.text, rows: [m] });
  }
  return joined ? items : null;
}
const sqlOf = (item) => (item.rows.length === 1 ? asSql(item.rows[0]) : item.head + item.rows.map((m) => inline({ text: item.row, values: m.values })).join(', '));
/** Piped writes (one statement each) and the statement after them (perhaps a script: it takes the rest of the results). */
async function runMany(group) {
  const last = group[group.length - 1];
  if (group.some((m) => DDL.test(m.text))) tablesStale = true;
  if (group.some((m) => SCHEMA.test(m.text))) schemaChanged();
  for (const m of group) note(m);
  const items = merged(group) || group.map((m) => ({ text: m.text, rows: [m] }));
  const seen = readies;
  try {
    const r = await client.query({ text: items.map(sqlOf).join(';\\n'), rowMode: last.array ? 'array' : undefined });
    const results = Array.isArray(r) ? r : [r];
    // each row of a joined INSERT is one row written, as its own statement would have answered
    sendAll(items.flatMap((item, i) => item.rows.map((m) => ({ seq: m.seq, ...shaped(m === last ? results[results.length - 1] : results[i]), ...(item.rows.length > 1 ? { rowCount: 1 } : {}) }))));
  } catch (e) {
    // PostgreSQL ran the statements before the failing one and skipped the rest; the transaction is
    // aborted either way, so every one of them answers the error (the core raises the first).
    await settled(seen);
    const out = failed(e);
    sendAll(group.map((m) => ({ seq: m.seq, ...out })));
  }
}
// A group's answers in one message and one wake: a batch of orders pipes ~70 writes, and a message
// and a wake each cost this thread and the sleeping core thread a turn (profiled: \`answer\` was the
// busiest function of this thread, the core thread woke once per piped write).
const sendAll = (list) => {
  try { port.postMessage({ many: list }); Atomics.add(answers, 0, 1); Atomics.notify(answers, 0); }
  catch { for (const m of list) send(m.seq, m); } // rows the port cannot carry: each answers on its own
};
const queue = [];
let pumping = false;
async function pump() {
  pumping = true;
  try { await ready; } catch {}
  for (;;) {
    for (let got = receiveMessageOnPort(port); got; got = receiveMessageOnPort(port)) take(got.message);
    if (!queue.length) break;
    let n = 0;
    while (n < queue.length && queue[n].pipe) n++;
    if (tablesStale && status === 'I') await loadTables();
    if ((toPrepare.length || deallocate) && status === 'I' && !tablesStale) await prepareNow();
    const group = queue.splice(0, Math.min(n + 1, queue.length));
    const tail = group[group.length - 1];
    if (tail.close) {
      group.pop();
      if (group.length) await runMany(group);
      await client.end().catch(() => {}); answer(tail.seq, { ok: true }); port.close(); return;
    }
    if (group.length === 1) await runOne(tail);
    else await runMany(group);
  }
  pumping = false;
}
// The core sends the piped statements it held with the statement it then waits for, as one message ({ batch }).
const take = (m) => { if (m.batch) for (const x of m.batch) queue.push(x); else queue.push(m); };
port.on('message', (m) => { take(m); if (!pumping) void pump(); });
`;

export interface SyncResult {
  rows: unknown[];
  rowCount: number;
  fields: string[];
  /** Transaction status after the statement: 'I' idle, 'T' in a transaction, 'E' a failed one. */
  status: 'I' | 'T' | 'E';
}

type Answer = (({ ok: true } & SyncResult) | { ok: false; message: string; code?: string; status: SyncResult['status'] }) & { seq: number };

/** A PostgreSQL error as the stores see it: the server's message, its SQLSTATE in `code`. */
export class PgError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: SyncResult['status']) {
    super(message);
    this.name = 'PgError';
  }
}

/** What the waits met that was not their answer (process-wide; the stress test reads them). */
export const syncWaitStats = { wakesForAnotherAnswer: 0, lateAnswersDropped: 0 };

/**
 * The answer numbered `seq` from `port`, sleeping on `answers` (the worker's count of answers) until
 * it is there; answers with an older number (statements given up on) are dropped. Undefined after
 * `ms` without it.
 */
export function awaitAnswer<T extends { seq: number }>(port: MessagePort, answers: Int32Array, seq: number, ms: number, other?: (m: T) => boolean): T | undefined {
  const deadline = performance.now() + ms;
  for (;;) {
    // Read the count before looking: an answer posted after this read moves the count, so the
    // wait below returns at once instead of sleeping past it.
    const seen = Atomics.load(answers, 0);
    let mine: T | undefined;
    for (let got = receiveMessageOnPort(port); got; got = receiveMessageOnPort(port)) {
      // one answer, or a piped group's answers together ({ many }: the worker's sendAll)
      const message = got.message as T | { many: T[] };
      for (const m of 'many' in message ? message.many : [message]) {
        if (m.seq === seq) mine = m;
        else if (!other?.(m)) syncWaitStats.lateAnswersDropped++;
      }
      if (mine) return mine;
    }
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    if (Atomics.wait(answers, 0, seen, left) === 'ok' && Atomics.load(answers, 0) === seen) syncWaitStats.wakesForAnotherAnswer++;
  }
}

/** PACKLINE_PG_DEBUG=1: every failed statement on stderr, with its text and values (for porting SQL). */
const DEBUG = !!process.env.PACKLINE_PG_DEBUG;

/** How long one statement may take before the caller is told (a lock held by a dead process, say). */
const STATEMENT_WAIT_MS = 60_000;

/** One PostgreSQL connection answering synchronously. */
export class SyncConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** How many answers the worker has posted (it counts, this thread only reads). */
  private readonly answers = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;
  private closed = false;

  constructor(url: string, notify?: MessagePort) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const transfer: MessagePort[] = [port2];
    if (notify) transfer.push(notify);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('pg'), url, port: port2, signal: this.answers.buffer, name: 'packline', notify, debug: DEBUG },
      transferList: transfer,
    });
    this.worker.unref();
  }

  /** Piped writes not answered yet: what to do with each answer (count its rows). */
  private readonly piped = new Map<number, { done: (rowCount: number, answer: SyncResult) => void; quiet: boolean }>();
  /** The first piped write that failed, raised at the next statement waited for. */
  private pipeError: Extract<Answer, { ok: false }> | null = null;

  /**
   * Piped statements not handed to the worker yet: they go with the next statement waited for, in
   * one message. Posted one by one, each woke the idle worker, which sent it to PostgreSQL alone (a
   * round trip of the worker's and the server's CPU each, answered with a message and a wake of its
   * own): ~25 us of the worker's CPU per piped statement, measured (bench/pg-hop-probe.ts). Held, a
   * batch's writes reach PostgreSQL as one query, its INSERTs of a text joined into one (the worker's
   * `merged`), and come back in one answer.
   */
  private outbox: object[] = [];
  /** More held than this goes to the worker at once (a long script of piped writes keeps it busy meanwhile). */
  private static readonly OUTBOX_MAX = 256;

  /**
   * Sends one statement (a single INSERT/UPDATE/DELETE inside a transaction) without waiting for its
   * answer: it goes to PostgreSQL with the next statement waited for, in one round trip. Its rows
   * reach `done`; an error surfaces at the next `query` or `settle` (`quiet`: is dropped).
   * `now`: handed to the worker at once, not held for the next wait (the NOTIFY after a commit,
   * which nothing waits after).
   */
  post(text: string, values: unknown[] | undefined, done: (rowCount: number, answer: SyncResult) => void, quiet = false, now = false): void {
    if (this.closed) throw new Error('the PostgreSQL connection is closed');
    const seq = ++this.seq;
    this.piped.set(seq, { done, quiet });
    this.outbox.push({ seq, text, values, pipe: true });
    if (now || this.outbox.length >= SyncConnection.OUTBOX_MAX) this.flush();
  }

  /** Hands the held statements to the worker, in one message. */
  private flush(): void {
    const held = this.outbox;
    if (held.length === 0) return;
    this.outbox = [];
    this.port.postMessage(held.length === 1 ? held[0] : { batch: held });
  }

  /** Whether piped writes are still unanswered. */
  get pending(): boolean {
    return this.piped.size > 0;
  }

  /** Waits for every piped write's answer; throws the first one's error. */
  settle(): void {
    if (this.piped.size === 0 && !this.pipeError) return;
    const last = Math.max(...this.piped.keys());
    this.flush();
    if (this.piped.size) {
      const m = awaitAnswer<Answer>(this.port, this.answers, last, STATEMENT_WAIT_MS, this.takePiped);
      if (!m) throw this.lost();
      this.takePiped(m);
    }
    const failed = this.pipeError;
    if (failed) {
      this.pipeError = null;
      throw new PgError(failed.message, failed.code, failed.status);
    }
  }

  private readonly takePiped = (m: Answer): boolean => {
    const p = this.piped.get(m.seq);
    if (!p) return false;
    this.piped.delete(m.seq);
    if (m.ok) p.done(m.rowCount, m);
    else if (!p.quiet) this.pipeError ??= m;
    return true;
  };

  private lost(): PgError {
    this.piped.clear(); // their answers, when they come, are dropped by the next wait
    return new PgError(`PostgreSQL did not answer within ${STATEMENT_WAIT_MS / 1000} s`, undefined, 'E');
  }

  /** Runs one statement (with values) or a script of several (without); throws PgError. */
  query(text: string, values?: unknown[], array = false): SyncResult {
    if (this.closed) throw new Error('the PostgreSQL connection is closed');
    const seq = ++this.seq;
    this.outbox.push({ seq, text, values, array });
    this.flush();
    const m = awaitAnswer<Answer>(this.port, this.answers, seq, STATEMENT_WAIT_MS, this.takePiped);
    // Its answer, when it comes, is dropped by the next statement's wait.
    if (!m) throw this.lost();
    // A piped write before it failed: that is the error (this statement was skipped or failed for it).
    const failed = this.pipeError;
    if (failed) {
      this.pipeError = null;
      throw new PgError(failed.message, failed.code, m.status);
    }
    // A statement PostgreSQL cannot take (class 42: syntax, unknown names) is a bug of ours: say which.
    if (!m.ok && DEBUG) process.stderr.write(`[pg] ${m.code} ${m.message}\n  in: ${text.slice(0, 600)}\n  values: ${JSON.stringify(values)?.slice(0, 300)}\n`);
    if (!m.ok) throw new PgError(m.code?.startsWith('42') ? `${m.message} in: ${text.slice(0, 400)}` : m.message, m.code, m.status);
    return m;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const seq = ++this.seq;
    this.outbox.push({ seq, close: true });
    this.flush();
    awaitAnswer(this.port, this.answers, seq, 5_000);
    void this.worker.terminate();
  }
}
