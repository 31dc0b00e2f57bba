import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';

// The core's stores call SQL synchronously (better-sqlite3's shape: validate -> apply -> append an
// event, reads deciding the next write, all inside one transaction). PostgreSQL clients are
// asynchronous, so a connection runs in a worker thread (the `pg` client opens it; the thread then
// speaks PostgreSQL's wire protocol on its socket itself) and this thread sleeps in Atomics.wait
// until the worker has the answer, then takes it from the port with receiveMessageOnPort. One
// thread hop per round trip, no native build (pg-native would need one on every machine).
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
const WORKER_SOURCE = String.raw`
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const pg = require(workerData.driver);
const utils = require(require('node:path').join(require('node:path').dirname(workerData.driver), 'utils.js'));
const port = workerData.port;
const answers = new Int32Array(workerData.signal);

// ---- Reading values like SQLite: bigint and numeric as numbers, booleans as 1/0, json as its text;
// every other type as the pg client reads it (its text parsers: dates, arrays, bytea as Buffers).
const noParse = pg.types.getTypeParser(25, 'text');
const FAST = { 20: Number, 21: Number, 23: Number, 26: Number, 1700: Number, 700: Number, 701: Number, 16: (v) => (v === 't' ? 1 : 0), 114: null, 3802: null, 25: null, 1043: null, 19: null, 1042: null, 18: null };
const parsers = new Map();
const parserOf = (oid) => {
  let p = parsers.get(oid);
  if (p === undefined) {
    p = oid in FAST ? FAST[oid] : pg.types.getTypeParser(oid, 'text');
    if (p === noParse) p = null;
    parsers.set(oid, p);
  }
  return p;
};

// ---- The wire protocol (postgresql.org/docs/current/protocol-message-formats.html), spoken here
// instead of through the pg client's query objects: pg opens the connection (the URL, the environment's
// defaults, TLS, password and SCRAM authentication), then its socket is taken over. Per statement the pg
// client cost this thread ~100 us (a Query object, promises, a Result, its parser's messages); this writes
// the messages into one buffer and reads the answer's rows straight from the socket's chunks.
class Out {
  constructor() { this.b = Buffer.allocUnsafe(4096); this.n = 0; this.mark = 0; }
  need(k) { if (this.n + k > this.b.length) { const b = Buffer.allocUnsafe(Math.max(this.b.length * 2, this.n + k + 1024)); this.b.copy(b, 0, 0, this.n); this.b = b; } }
  byte(c) { this.need(1); this.b[this.n++] = c; }
  i16(v) { this.need(2); this.b.writeInt16BE(v, this.n); this.n += 2; }
  i32(v) { this.need(4); this.b.writeInt32BE(v, this.n); this.n += 4; }
  cstr(s) { this.need(s.length * 3 + 1); this.n += this.b.utf8Write(s, this.n); this.b[this.n++] = 0; }
  open(type) { this.byte(type); this.mark = this.n; this.i32(0); }
  close() { this.b.writeInt32BE(this.n - this.mark, this.mark); }
  /** A parameter: NULL, bytes (binary format), or its text. */
  value(v) {
    if (v === null || v === undefined) { this.i32(-1); return; }
    if (typeof v === 'string') { this.need(v.length * 3 + 4); const k = this.b.utf8Write(v, this.n + 4); this.b.writeInt32BE(k, this.n); this.n += k + 4; return; }
    if (typeof v === 'number') { this.value(String(v)); return; }
    const p = utils.prepareValue(v);
    if (p === null || p === undefined) { this.i32(-1); return; }
    if (Buffer.isBuffer(p)) { this.i32(p.length); this.need(p.length); p.copy(this.b, this.n); this.n += p.length; return; }
    this.value(String(p));
  }
  parse(name, text) { this.open(0x50); this.cstr(name); this.cstr(text); this.i16(0); this.close(); }
  bind(name, values) {
    this.open(0x42); this.byte(0); this.cstr(name);
    const n = values ? values.length : 0;
    let binary = false;
    for (let i = 0; i < n; i++) if (values[i] !== null && typeof values[i] === 'object' && ArrayBuffer.isView(values[i])) binary = true;
    if (binary) { this.i16(n); for (let i = 0; i < n; i++) this.i16(values[i] !== null && typeof values[i] === 'object' && ArrayBuffer.isView(values[i]) ? 1 : 0); } else this.i16(0);
    this.i16(n);
    for (let i = 0; i < n; i++) this.value(values[i]);
    this.i16(0); this.close();
  }
  describe(kind, name) { this.open(0x44); this.byte(kind); this.cstr(name); this.close(); }
  execute() { this.open(0x45); this.byte(0); this.i32(0); this.close(); }
  sync() { this.byte(0x53); this.i32(4); }
  query(text) { this.open(0x51); this.cstr(text); this.close(); }
}

const EMPTY = { names: [], parsers: [] };
/** RowDescription: the columns' names and the parser of each one's type. */
function columns(b, s) {
  const n = b.readInt16BE(s);
  const names = new Array(n), ps = new Array(n);
  let p = s + 2;
  for (let i = 0; i < n; i++) {
    const z = b.indexOf(0, p);
    names[i] = b.utf8Slice(p, z);
    ps[i] = parserOf(b.readInt32BE(z + 7));
    p = z + 19;
  }
  return { names, parsers: ps };
}
function dataRow(b, s, cols, array) {
  const n = b.readInt16BE(s);
  const row = array ? new Array(n) : {};
  let p = s + 2;
  for (let i = 0; i < n; i++) {
    const len = b.readInt32BE(p);
    p += 4;
    let v = null;
    if (len >= 0) {
      v = b.utf8Slice(p, p + len);
      p += len;
      const f = cols.parsers[i];
      if (f) v = f(v);
    }
    if (array) row[i] = v; else row[cols.names[i]] = v;
  }
  return row;
}
function errorOf(b, s, e) {
  const out = { message: '', code: undefined };
  for (let p = s; p < e && b[p] !== 0;) {
    const z = b.indexOf(0, p + 1);
    if (b[p] === 0x4d) out.message = b.utf8Slice(p + 1, z);
    else if (b[p] === 0x43) out.code = b.utf8Slice(p + 1, z);
    p = z + 1;
  }
  return out;
}
/** "INSERT 0 5", "UPDATE 3", "SELECT 2": the rows; 0 for a command that counts none. */
function rowsOf(tag) {
  const sp = tag.lastIndexOf(' ');
  if (sp < 0) return 0;
  const n = Number(tag.slice(sp + 1));
  return Number.isInteger(n) ? n : 0;
}

/**
 * What one round trip of messages answers, up to its ReadyForQuery: a result per statement (rows,
 * row count, columns), the first error, PostgreSQL's transaction status after it. 'presets': for a
 * prepared statement run without Describe, its columns (known since it was prepared).
 */
class Answer {
  constructor(array, presets) {
    this.array = array; this.presets = presets; this.results = []; this.cols = null; this.rows = []; this.error = null;
    this.params = 0; this.described = null;
    this.promise = new Promise((r) => { this.resolve = r; });
  }
  current() { return this.cols || (this.presets && this.presets[this.results.length]) || EMPTY; }
  complete(rowCount) { const c = this.current(); this.results.push({ rows: this.rows, rowCount, fields: c.names }); this.cols = null; this.rows = []; }
}
const inflight = [];
let status = 'I'; // PostgreSQL's transaction status after the last round trip: I idle, T in one, E failed
let sock = null;
let gone = null; // why the connection is not there (an error message)
const fail = (why) => {
  gone = gone || why;
  while (inflight.length) { const a = inflight.shift(); a.error = a.error || { message: gone, code: undefined }; a.status = status; a.resolve(a); }
};
function onMessage(type, b, s, e) {
  const a = inflight[0];
  switch (type) {
    case 0x44: if (a) a.rows.push(dataRow(b, s, a.current(), a.array)); break; // DataRow
    case 0x54: if (a) a.cols = a.described = columns(b, s); break; // RowDescription
    case 0x6e: if (a) a.cols = a.described = EMPTY; break; // NoData
    case 0x43: if (a) a.complete(rowsOf(b.utf8Slice(s, e - 1))); break; // CommandComplete
    case 0x49: if (a) a.complete(0); break; // EmptyQueryResponse
    case 0x45: if (a && !a.error) a.error = errorOf(b, s, e); break; // ErrorResponse
    case 0x74: if (a) a.params = b.readInt16BE(s); break; // ParameterDescription
    case 0x5a: status = String.fromCharCode(b[s]); if (a) { inflight.shift(); a.status = status; a.resolve(a); } break; // ReadyForQuery
    case 0x41: { // NotificationResponse
      const z = b.indexOf(0, s + 4);
      if (workerData.notify) workerData.notify.postMessage({ channel: b.utf8Slice(s + 4, z), payload: b.utf8Slice(z + 1, e - 1) });
      break;
    }
    default: // ParseComplete, BindComplete, CloseComplete, NoticeResponse, ParameterStatus, ...
  }
}
// The socket's bytes into messages; a message cut between chunks waits for the rest (chunks kept, joined once).
let parts = [], partsLen = 0, need = 5;
function onData(chunk) {
  if (partsLen) {
    parts.push(chunk); partsLen += chunk.length;
    if (partsLen < need) return;
    chunk = Buffer.concat(parts, partsLen); parts = []; partsLen = 0;
  }
  let off = 0;
  const end = chunk.length;
  for (;;) {
    if (end - off < 5) { need = 5; break; }
    const len = chunk.readInt32BE(off + 1);
    if (end - off < len + 1) { need = len + 1; break; }
    onMessage(chunk[off], chunk, off + 5, off + 1 + len);
    off += len + 1;
  }
  if (off < end) { const rest = chunk.subarray(off); parts = [rest]; partsLen = rest.length; }
}
/** Sends what 'out' holds; resolves with an Answer per Sync (or simple Query) in it. */
function roundTrip(out, answersOf) {
  if (!sock || gone || sock.destroyed) { for (const a of answersOf) { a.error = { message: gone || 'the PostgreSQL connection is closed', code: undefined }; a.status = status; a.resolve(a); } }
  else { for (const a of answersOf) inflight.push(a); sock.write(out.b.subarray(0, out.n)); }
  return Promise.all(answersOf.map((a) => a.promise));
}
/** A simple query (a script perhaps): its Answer. */
async function simple(text, array) {
  const out = new Out();
  out.query(text);
  const a = new Answer(!!array);
  await roundTrip(out, [a]);
  return a;
}

const client = new pg.Client({ connectionString: workerData.url, application_name: workerData.name });
const ready = client.connect().then(() => {
  sock = client.connection.stream;
  sock.removeAllListeners('data'); // pg's parser: from here on this thread reads the messages
  sock.on('data', onData);
}, (e) => { gone = 'could not connect to PostgreSQL: ' + String((e && e.message) || e); });
client.on('error', (e) => fail('Connection terminated unexpectedly: ' + String((e && e.message) || e)));
client.on('end', () => fail('Connection terminated unexpectedly'));

// ---- Statements waiting while one runs go to PostgreSQL together: writes the core posted without
// waiting (pipe) and the statement after them, each Parse/Bind/Describe/Execute with its values as
// parameters, one Sync at the end: one round trip for all of them, and an error skips the rest up to
// the Sync (as a script's statements after a failed one are skipped). A script (several statements
// in one text, no values) goes as a simple query, with the others' values written in as literals.
const literal = (v) => {
  if (v === null || v === undefined) return 'NULL';
  const p = utils.prepareValue(v);
  if (p === null || p === undefined) return 'NULL';
  if (Buffer.isBuffer(p)) return "'\\x" + p.toString('hex') + "'";
  return utils.escapeLiteral(String(p));
};
const DOLLAR = /'(?:[^']|'')*'|\$(\d+)/g;
// $n outside quoted strings (the translator's statements carry their own literals in '...')
const inline = (m) => (m.values && m.values.length ? m.text.replace(/;\s*$/, '').replace(DOLLAR, (all, n) => (n === undefined ? all : literal(m.values[Number(n) - 1]))) : m.text.replace(/;\s*$/, ''));
const isScript = (m) => !(m.values && m.values.length) && /;\s*\S/.test(m.text);
/** The highest $n outside quoted strings. */
const paramsOf = (text) => { let n = 0; text.replace(DOLLAR, (all, d) => { if (d !== undefined) n = Math.max(n, Number(d)); return all; }); return n; };

// Prepared statements: a statement's text (one statement; a joined INSERT's text for its number of rows,
// below) run a third time is parsed under a name once (between transactions: a refused one then fails
// nothing) and bound by name from then on, so PostgreSQL no longer parses, analyses and plans it at
// every call. Its columns are described once.
// After a statement that changes the schema no prepared statement is used (PostgreSQL would refuse one
// whose result columns changed) and all are deallocated when the connection is next between transactions.
const PREPARE_AFTER = 3, PREPARED_MAX = 800;
const PREPARABLE = /^\s*(SELECT|WITH|UPDATE|INSERT)\b/i;
const runs = new Map(); // text -> runs so far (until prepared or refused)
let prepared = new Map(); // text -> { name, params: how many values it takes, cols }
const refused = new Set();
let toPrepare = [];
let deallocate = false;
let names = 0;
function note(m) {
  if (prepared.has(m.text) || refused.has(m.text) || prepared.size >= PREPARED_MAX) return;
  if (!PREPARABLE.test(m.text) || DDL.test(m.text) || m.text.includes(';')) { refused.add(m.text); return; }
  if (runs.size > 10000) runs.clear();
  const n = (runs.get(m.text) || 0) + 1;
  if (n === PREPARE_AFTER) { runs.delete(m.text); toPrepare.push(m.text); } else runs.set(m.text, n);
}
/** Any statement that may change what a prepared statement reads (a table, a view, a type, a function). */
const SCHEMA = /^\s*(CREATE|ALTER|DROP)\b|\bRENAME\b/im;
function schemaChanged() { if (prepared.size) deallocate = true; prepared = new Map(); toPrepare = []; }
async function prepareNow() {
  if (deallocate) { deallocate = false; await simple('DEALLOCATE ALL'); }
  const list = toPrepare.filter((t) => !prepared.has(t)); toPrepare = [];
  if (!list.length) return;
  // each with its own Sync: one refused fails only itself; all in one round trip
  const out = new Out();
  const named = list.map((text) => { const name = 'pl' + ++names; out.parse(name, text); out.describe(0x53, name); out.sync(); return { text, name, a: new Answer(false) }; });
  await roundTrip(out, named.map((x) => x.a));
  for (const { text, name, a } of named) {
    if (!a.error) { prepared.set(text, { name, params: a.params, cols: a.described || EMPTY }); continue; }
    refused.add(text);
    if (workerData.debug) process.stderr.write('[pg] not prepared: ' + a.error.message + '\n  in: ' + text.slice(0, 300) + '\n');
  }
}
/** The prepared statement that runs 'm' (as many values as it takes), if any. */
const preparedFor = (m) => { const p = prepared.get(m.text); return p && p.params === (m.values ? m.values.length : 0) ? p : undefined; };

// Set-based writes: the piped INSERTs of a group with the same text (a batch of orders writes each
// of its tables once per order) go to PostgreSQL as ONE multi-row INSERT, at the place of the first,
// so PostgreSQL parses, plans and runs one statement per table instead of one per row. A row moves
// earlier only past statements that cannot tell: none names its table or writes one it names, none writes a table its
// table's foreign keys point to, none fires a trigger, no INSERT trigger moves, each a plain read or row
// write (never past a SAVEPOINT, a NOTIFY, a script). The catalog facts (foreign keys, triggers) are
// read while no transaction is open: once, and again after a statement that changed the schema.
let tables = null; // table name -> { parents: Set of tables its foreign keys point to, triggers: the kinds of its triggers (pg_trigger.tgtype bits) }
let tablesStale = true;
const DDL = /\b(CREATE|ALTER|DROP)\s+(TABLE|TRIGGER)\b|\bRENAME\b/i;
async function loadTables() {
  tablesStale = false;
  const a = await simple("SELECT c.relname n, ARRAY(SELECT p.relname FROM pg_constraint k JOIN pg_class p ON p.oid = k.confrelid WHERE k.conrelid = c.oid AND k.contype = 'f')::text[] parents, COALESCE((SELECT bit_or(t.tgtype) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal), 0) triggers FROM pg_class c WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)");
  tables = a.error ? null : new Map(a.results[a.results.length - 1].rows.map((x) => [x.n, { parents: new Set(x.parents), triggers: x.triggers }]));
}
const INSERT_ROW = /^\s*INSERT\s+INTO\s+(\w+)\s*\([^()]*\)\s*VALUES\s*(\(.*\))\s*;?\s*$/is;
const TARGET = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/i;
const READ = /^\s*(SELECT|WITH)\b/i;
// pg_trigger.tgtype: a trigger on INSERT, DELETE, UPDATE (an upsert may update)
const ON_INSERT = 4, ON_DELETE = 8, ON_UPDATE = 16;
const firesOn = (text) => (/^\s*INSERT/i.test(text) ? (/\bON\s+CONFLICT\b/i.test(text) ? ON_INSERT | ON_UPDATE : ON_INSERT) : /^\s*UPDATE/i.test(text) ? ON_UPDATE : ON_DELETE);
/** Whether 'VALUES (...)' is one row: its parenthesis closes at the very end (no second row, no ON CONFLICT after it). */
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
/** Whether 'row' (an INSERT into 'table') may run before 'item' (see above; and the row reads no table the item writes). */
function passable(item, row, table, info) {
  if (wordsOf(item).has(table)) return false;
  if (READ.test(item.text)) return true;
  const w = TARGET.exec(item.text);
  const target = w && w[1].toLowerCase();
  const u = target && tables.get(target);
  return !!u && (u.triggers & firesOn(item.text)) === 0 && !info.parents.has(target) && !wordsOf(row).has(target);
}
// An INSERT text's shape, once: its table, the text before its row and the row, the row's parameters.
const shapes = new Map();
function shapeOf(text) {
  let s = shapes.get(text);
  if (s === undefined) {
    const x = INSERT_ROW.exec(text);
    s = x && oneRow(x[2]) ? { table: x[1].toLowerCase(), head: text.slice(0, text.lastIndexOf(x[2])), row: x[2], params: paramsOf(x[2]) } : null;
    if (shapes.size > 5000) shapes.clear();
    shapes.set(text, s);
  }
  return s;
}
/** The group as statements to run: rows of the same INSERT joined where they may be; null when none is. */
function merged(group) {
  if (!tables) return null;
  const last = group[group.length - 1];
  const items = [];
  let joined = false;
  for (const m of group) {
    const x = m !== last && m.pipe && m.values && m.values.length ? shapeOf(m.text) : null;
    const info = x && x.params === m.values.length && tables.get(x.table);
    if (info && (info.triggers & ON_INSERT) === 0) {
      let h = items.length - 1;
      while (h >= 0 && items[h].text !== m.text) h--;
      if (h >= 0 && items.slice(h + 1).every((y) => passable(y, items[h], x.table, info))) { items[h].rows.push(m); joined = true; continue; }
      items.push({ text: m.text, rows: [m], shape: x });
    } else items.push({ text: m.text, rows: [m] });
  }
  return joined ? items : null;
}
/** A joined INSERT's text for 'n' rows: the row repeated, its $k moved on by the row's parameters each time. */
const joinedTexts = new Map();
function joinedText(shape, n) {
  const key = shape.head + '\u0000' + n;
  let t = joinedTexts.get(key);
  if (t === undefined) {
    const rows = [];
    for (let i = 0; i < n; i++) rows.push(shape.row.replace(DOLLAR, (all, d) => (d === undefined ? all : '$' + (Number(d) + i * shape.params))));
    t = shape.head + rows.join(', ');
    if (joinedTexts.size > 2000) joinedTexts.clear();
    joinedTexts.set(key, t);
  }
  return t;
}
const sqlOf = (item) => (item.rows.length === 1 ? inline(item.rows[0]) : item.head + item.rows.map((m) => inline({ text: item.shape.row, values: m.values })).join(', '));

// Statistics for tables that never had any. A table PostgreSQL has never analysed is planned from
// guesses, and a statement prepared while it was small keeps a plan made for a small table: the
// intake's Idempotency-Key and (channel, number) look-ups read every row of the scope (a bitmap scan on
// the scope, the keys filtered after) instead of probing the (scope, key) index, ~1.5 ms a call at a
// few thousand orders (bench/pg-ingest-probe.ts: 500 us of the server's CPU per order in the first
// minute of a new shop) until autovacuum's first ANALYZE, up to a minute or more later. So: once this
// connection has inserted ANALYZE_AFTER rows into a table, it asks PostgreSQL (between transactions)
// whether the table was ever analysed, and if not analyses it (a small table: milliseconds; PostgreSQL
// then plans the prepared statements again). From then on autovacuum keeps the statistics.
const ANALYZE_AFTER = 1000;
const INSERT_INTO = /^\s*INSERT\s+INTO\s+(\w+)/i;
const inserted = new Map(); // table -> rows inserted through this connection, until it is looked at
const lookedAt = new Set();
let analyzeDue = [];
function countInserts(text, rows) {
  const w = rows > 0 && INSERT_INTO.exec(text);
  if (!w) return;
  const table = w[1].toLowerCase();
  if (lookedAt.has(table)) return;
  const n = (inserted.get(table) || 0) + rows;
  if (n < ANALYZE_AFTER) { inserted.set(table, n); return; }
  inserted.delete(table); lookedAt.add(table); analyzeDue.push(table);
}
async function analyzeNew() {
  const list = analyzeDue; analyzeDue = [];
  const a = await simple("SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL AND relname IN (" + list.map((t) => "'" + t + "'").join(', ') + ')');
  if (a.error) return;
  for (const row of a.results[a.results.length - 1].rows) {
    const r = await simple('ANALYZE ' + row.relname);
    if (workerData.debug) process.stderr.write('[pg] ANALYZE ' + row.relname + (r.error ? ': ' + r.error.message : '') + '\n');
    if (status !== 'I') break; // never inside a transaction
  }
}

/** Piped writes (one statement each) and the statement after them (perhaps a script: it takes the rest of the results). */
async function runGroup(group) {
  const last = group[group.length - 1];
  for (const m of group) {
    if (DDL.test(m.text)) tablesStale = true;
    if (SCHEMA.test(m.text)) schemaChanged();
    note(m);
  }
  const items = (group.length > 1 && merged(group)) || group.map((m) => ({ text: m.text, rows: [m] }));
  let a;
  if (isScript(last)) {
    for (const item of items) if (item.rows.length > 1) item.head = item.shape.head;
    a = await simple(items.map(sqlOf).join(';\n'), last.array);
    // a script answers with its last statement's result
    if (!a.error) a.results = items.length > 1 ? a.results.slice(0, items.length - 1).concat(a.results.slice(-1)) : a.results.slice(-1);
  } else {
    const out = new Out();
    const presets = [];
    for (const item of items) {
      // a joined INSERT is a statement of its own (its text for that many rows), prepared as any other
      const m = item.rows.length === 1 ? item.rows[0] : { text: joinedText(item.shape, item.rows.length), values: [].concat(...item.rows.map((r) => r.values)) };
      if (item.rows.length > 1) note(m);
      const p = preparedFor(m);
      if (p) { out.bind(p.name, m.values); out.execute(); presets.push(p.cols); continue; }
      out.parse('', m.text); out.bind('', m.values); out.describe(0x50, ''); out.execute(); presets.push(null);
    }
    out.sync();
    a = new Answer(!!last.array, presets);
    await roundTrip(out, [a]);
  }
  if (a.error) {
    // PostgreSQL ran the statements before the failing one and skipped the rest; the transaction is
    // aborted either way, so every one of them answers the error (the core raises the first).
    const out = { ok: false, message: a.error.message, code: a.error.code, status: a.status };
    sendAll(group.map((m) => ({ seq: m.seq, ...out })));
    return;
  }
  const list = [];
  for (let i = 0; i < items.length; i++) {
    const r = a.results[i] || { rows: [], rowCount: 0, fields: [] };
    // each row of a joined INSERT is one row written, as its own statement would have answered
    for (const m of items[i].rows) list.push({ seq: m.seq, ok: true, rows: r.rows, rowCount: items[i].rows.length > 1 ? 1 : r.rowCount, fields: r.fields, status: a.status });
    countInserts(items[i].text, r.rowCount);
  }
  sendAll(list);
}
// The answer first, then the count, then the wake: whoever sees the count moved finds the answer.
const answer = (seq, m) => { m.seq = seq; port.postMessage(m); Atomics.add(answers, 0, 1); Atomics.notify(answers, 0); };
const send = (seq, out) => {
  try { answer(seq, out); } catch (e) { // rows the port cannot carry: the statement's answer is an error, never none
    answer(seq, { ok: false, message: 'the answer could not be passed back: ' + String((e && e.message) || e), code: undefined, status });
  }
};
// A group's answers in one message and one wake: a batch of orders pipes ~70 writes, and a message
// and a wake each cost this thread and the sleeping core thread a turn.
const sendAll = (list) => {
  if (list.length === 1) { send(list[0].seq, list[0]); return; }
  try { port.postMessage({ many: list }); Atomics.add(answers, 0, 1); Atomics.notify(answers, 0); }
  catch { for (const m of list) send(m.seq, m); } // rows the port cannot carry: each answers on its own
};
const queue = [];
let pumping = false;
async function pump() {
  pumping = true;
  await ready;
  for (;;) {
    for (let got = receiveMessageOnPort(port); got; got = receiveMessageOnPort(port)) take(got.message);
    if (!queue.length) break;
    let n = 0;
    while (n < queue.length && queue[n].pipe) n++;
    if (tablesStale && status === 'I' && !gone) await loadTables();
    if ((toPrepare.length || deallocate) && status === 'I' && !tablesStale && !gone) await prepareNow();
    if (analyzeDue.length && status === 'I' && !gone) await analyzeNew();
    const group = queue.splice(0, Math.min(n + 1, queue.length));
    const tail = group[group.length - 1];
    if (tail.close) {
      group.pop();
      if (group.length) await runGroup(group);
      await client.end().catch(() => {}); answer(tail.seq, { ok: true }); port.close(); return;
    }
    await runGroup(group);
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
