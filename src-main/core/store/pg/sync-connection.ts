import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createRequire } from 'node:module';

// The core's stores call SQL synchronously (better-sqlite3's shape: validate -> apply -> append an
// event, reads deciding the next write, all inside one transaction). PostgreSQL clients are
// asynchronous, so the `pg` client runs in a worker thread and this thread sleeps in Atomics.wait
// until the worker has the answer, then takes it from the port with receiveMessageOnPort. One
// thread hop per statement, no native build (pg-native would need one on every machine).

/** In the worker: plain CommonJS (eval), so it runs the same from source, tests and a bundle. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.driver);
// Read like SQLite: bigint and numeric as numbers, booleans as 1/0, json as its text.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));
pg.types.setTypeParser(114, (v) => v);
pg.types.setTypeParser(3802, (v) => v);
const port = workerData.port;
const signal = new Int32Array(workerData.signal);
const client = new pg.Client({ connectionString: workerData.url, application_name: workerData.name });
let status = 'I'; // PostgreSQL's transaction status after the last statement: I idle, T in one, E failed
const reply = (m) => { port.postMessage(m); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
const ready = client.connect().then(() => {
  client.connection.on('readyForQuery', (m) => { status = m.status; });
  client.on('notification', (n) => { if (workerData.notify) workerData.notify.postMessage({ channel: n.channel, payload: n.payload }); });
});
ready.catch(() => {});
client.on('error', () => {});
port.on('message', async (m) => {
  if (m.close) { await client.end().catch(() => {}); reply({ ok: true }); port.close(); return; }
  try {
    await ready;
    const r = m.values ? await client.query({ text: m.text, values: m.values, rowMode: m.array ? 'array' : undefined })
      : await client.query({ text: m.text, rowMode: m.array ? 'array' : undefined });
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    reply({ ok: true, rows: last ? last.rows : [], rowCount: last ? last.rowCount ?? 0 : 0, fields: last && last.fields ? last.fields.map((f) => f.name) : [], status });
  } catch (e) {
    reply({ ok: false, message: String((e && e.message) || e), code: e && e.code, status });
  }
});
`;

export interface SyncResult {
  rows: unknown[];
  rowCount: number;
  fields: string[];
  /** Transaction status after the statement: 'I' idle, 'T' in a transaction, 'E' a failed one. */
  status: 'I' | 'T' | 'E';
}

/** A PostgreSQL error as the stores see it: the server's message, its SQLSTATE in `code`. */
export class PgError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: SyncResult['status']) {
    super(message);
    this.name = 'PgError';
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
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  constructor(url: string, notify?: MessagePort) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const transfer: MessagePort[] = [port2];
    if (notify) transfer.push(notify);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('pg'), url, port: port2, signal: this.signal.buffer, name: 'packline', notify },
      transferList: transfer,
    });
    this.worker.unref();
  }

  /** Runs one statement (with values) or a script of several (without); throws PgError. */
  query(text: string, values?: unknown[], array = false): SyncResult {
    if (this.closed) throw new Error('the PostgreSQL connection is closed');
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ text, values, array });
    if (Atomics.wait(this.signal, 0, 0, STATEMENT_WAIT_MS) === 'timed-out') throw new PgError(`PostgreSQL did not answer within ${STATEMENT_WAIT_MS / 1000} s`, undefined, 'E');
    const m = receiveMessageOnPort(this.port)?.message as ({ ok: true } & SyncResult) | { ok: false; message: string; code?: string; status: SyncResult['status'] } | undefined;
    if (!m) throw new PgError('the PostgreSQL connection ended (its thread gave no answer)', undefined, 'E');
    // A statement PostgreSQL cannot take (class 42: syntax, unknown names) is a bug of ours: say which.
    if (!m.ok && DEBUG) process.stderr.write(`[pg] ${m.code} ${m.message}\n  in: ${text.slice(0, 600)}\n  values: ${JSON.stringify(values)?.slice(0, 300)}\n`);
    if (!m.ok) throw new PgError(m.code?.startsWith('42') ? `${m.message} in: ${text.slice(0, 400)}` : m.message, m.code, m.status);
    return m;
  }

  close(): void {
    if (this.closed) return;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ close: true });
    Atomics.wait(this.signal, 0, 0, 5_000);
    this.closed = true;
    void this.worker.terminate();
  }
}
