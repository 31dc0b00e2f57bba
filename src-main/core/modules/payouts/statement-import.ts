// Importing a statement. A big file on an SQLite database file goes to the statement worker
// thread: it reads the file and matches the rows against orders (a set at a time, on its own
// connection: reads only) into a plan, handed back in pieces; the core stores each piece in one
// write job of a few milliseconds (actions/import-rows.ts), so its event loop and its writer are
// never held for long and nothing waits for a second writer's lock. A small file (a worker costs
// more to start than it saves), or a database the worker cannot open by itself (PostgreSQL, memory),
// is planned in one write job of the core's. The same file twice adds nothing (its SHA-256 is kept);
// a row known from another file is counted as a duplicate; a row that does not read is refused by
// its row and column and the rest are imported.
import { createHash } from 'node:crypto';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { Core } from '../../core';
import type { CoreWork } from '../../core-work';
import type { RowIssue, StatementReport, StatementSource } from '../../../contract/payouts';
import { fail, fromRefusal } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { workerEntry } from '../../../lib/worker-entry';
import { onPostgres } from '../../store/db';
import type { Actor } from '../../store/events';
import { parseStatement, type ParsedRow, type StatementSpec } from './formats';
import type { ParseWorkerMessage, ParseWorkerStart } from './statement-worker';
import { abandonStatement, beginStatement, finishStatement, progressOf, type ImportProgress, type StatementMeta } from './actions/import-statement';
import { planImport, storePiece, type ImportPiece, type ImportTarget } from './actions/import-rows';
import { getStatementMapping, statementReportInTurns } from './queries';
import { selectStatementBySha } from './store';

/** Files up to this size are read on the core's thread: starting a thread costs more. */
const INLINE_BYTES = 256 * 1024;

/** The channel whose orders each source pays, unless finance names another. */
const DEFAULT_CHANNEL: Record<Exclude<StatementSource, 'mapped'>, string> = { wechat: 'miniprogram', alipay: 'taobao', shopify: 'shopify' };

type ReadResult = { read: number; errors: RowIssue[]; encoding: string | null };
/** What the worker's plan came to: the rows read, and whether some charges carry no order number. */
type Planned = { rows: number; unnumbered: boolean };

/** A refusal from the worker as the error it stands for. */
const refusal = (m: Extract<ParseWorkerMessage, { type: 'refused' }>) =>
  m.code === 'internal' ? new Error(`the statement import failed: ${m.message}`) : fromRefusal(m);

/**
 * The worker's young generation (MB). The file's text, its rows and their plan are short-lived:
 * with V8's default (16 MB) they outgrew it every few milliseconds and were copied into the old
 * generation to be marked and collected there (in process, 100,000 rows: the worker's CPU 4.3-4.6 s ->
 * 3.6-4.1 s and the process's, GC threads included, 13.2-13.4 s -> 11.2-12.1 s, at load 11-16).
 */
const WORKER_YOUNG_MB = 64;

/**
 * Pieces asked of the worker ahead of the one being stored: more than a part of the file holds (the
 * worker's PART_ROWS, about 20 pieces), so the core has a part's pieces to store while the worker
 * plans the next one (a few tens of ms it cannot answer in). With 2, the core ran dry while the
 * worker planned and the worker waited while the core stored: one after the other, not side by
 * side (on the bench both threads idle about half of a 7 s import). They wait on the pieces port
 * (inWorker), each copied in by the write job that stores it, not all in one turn of the loop.
 */
const PIECES_AHEAD = 32;

/**
 * Runs the statement worker: it reads the file and, given `plan`, plans its rows too; for each piece
 * it announces, `onPiece` gets the function that takes it off the pieces port. Another piece is asked
 * for each time one is stored (its promise settled), PIECES_AHEAD ahead.
 */
function inWorker(work: CoreWork, start: ParseWorkerStart, onPiece: (take: () => ImportPiece) => Promise<void> = async () => {}): Promise<{ table: ReadResult & { rows?: ParsedRow[] }; planned?: Planned }> {
  const { url, execArgv } = workerEntry(import.meta.url, 'statement-worker');
  // The file goes over without a copy when it is a memory of its own (the request's body joined:
  // copying 22 MB held the loop 10-110 ms, first touches of fresh pages); the caller is done with it.
  const own = start.bytes.byteOffset === 0 && start.bytes.byteLength === start.bytes.buffer.byteLength && start.bytes.buffer instanceof ArrayBuffer;
  const bytes = own ? new Uint8Array(start.bytes.buffer) : new Uint8Array(start.bytes);
  // Pieces come on a port of their own that nobody listens to: each is taken (and copied in) by the
  // write job that stores it. Delivered as messages, the 32 asked ahead arrived together and were all
  // copied in one turn of the loop, and a bench's look-up waited behind them.
  const pieces = start.plan ? new MessageChannel() : null;
  const take = () => {
    const m = receiveMessageOnPort(pieces!.port1);
    if (!m) throw new Error('the statement worker announced a piece it did not send');
    return m.message as ImportPiece;
  };
  // the core's thread: it reads the database file, so the core's close() terminates it and waits for its exit
  const worker = work.thread(new Worker(url, {
    execArgv, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    workerData: { ...start, bytes, ...(pieces ? { pieces: pieces.port2 } : {}) } satisfies ParseWorkerStart,
    transferList: [bytes.buffer as ArrayBuffer, ...(pieces ? [pieces.port2] : [])],
  }));
  if (start.plan) for (let i = 0; i < PIECES_AHEAD; i++) worker.postMessage('next');
  let table: (ReadResult & { rows?: ParsedRow[] }) | undefined;
  return new Promise<{ table: ReadResult & { rows?: ParsedRow[] }; planned?: Planned }>((resolve, reject) => {
    worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type === 'read') {
        table = m;
        if (!start.plan) resolve({ table });
      } else if (m.type === 'piece') onPiece(take).then(() => worker.postMessage('next'), reject);
      else if (m.type === 'planned') resolve({ table: table!, planned: m });
      else reject(refusal(m));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the statement worker stopped (exit code ${code})`)));
  }).catch((e: unknown) => {
    // Once it has answered the worker ends by itself (and writes its CPU profile, under --cpu-prof).
    void worker.terminate();
    pieces?.port1.close();
    throw e;
  });
}

/** Reads the file and stores its rows, a piece of the plan per write job; returns the file as read and what its rows came to. */
async function readAndStore(core: Core, spec: StatementSpec, bytes: Buffer, target: ImportTarget): Promise<{ table: ReadResult; progress: ImportProgress }> {
  const ctx = core.ctx;
  let added = 0;
  // One write job per piece, in the order planned, each awaited before the next: queued together
  // they would run in one transaction and hold the thread.
  let stored: Promise<void> = Promise.resolve();
  const store = (take: () => ImportPiece) => (stored = stored.then(async () => void (added += await core.writes.run(() => storePiece(ctx, target, take())))));
  const file = core.db.name;
  let table: ReadResult;
  let planned: Planned;
  if (bytes.length > INLINE_BYTES && !onPostgres(core.db) && file !== ':memory:') {
    const r = await inWorker(core.work, { spec, bytes, plan: { file, ...target } }, store).catch(async (e: unknown) => {
      await stored.catch(() => {});
      throw e;
    });
    [table, planned] = [r.table, r.planned!];
  } else {
    const read = bytes.length <= INLINE_BYTES ? await parseStatement(bytes, spec) : (await inWorker(core.work, { spec, bytes })).table;
    const rows = read.rows ?? [];
    const plan = await core.writes.run(() => planImport(ctx.db, target.channel, rows));
    for (const piece of plan.pieces) void store(() => piece);
    [table, planned] = [read, { rows: rows.length, unnumbered: plan.unnumbered }];
  }
  await stored;
  return { table, progress: await core.writes.run(() => progressOf(ctx.db, target.statementId, { ...planned, added })) };
}

/**
 * The file's SHA-256 a megabyte per turn of the event loop: a 22 MB bill in one call held the loop
 * 13-40 ms, and a bench's look-up waited behind it.
 */
async function sha256InTurns(bytes: Buffer): Promise<string> {
  const hash = createHash('sha256');
  const STEP = 1 << 20;
  for (let at = 0; at < bytes.length; at += STEP) {
    hash.update(bytes.subarray(at, at + STEP));
    if (at + STEP < bytes.length) await new Promise((r) => setImmediate(r));
  }
  return hash.digest('hex');
}

export interface ImportStatementInput { source: StatementSource; channel?: string; mapping?: string; filename?: string }

export async function importStatement(core: Core, input: ImportStatementInput, bytes: Buffer, actor: Actor): Promise<StatementReport> {
  const ctx = core.ctx;
  if (bytes.length === 0) fail('validation', said('statementEmpty'));
  const sha256 = await sha256InTurns(bytes);
  const known = selectStatementBySha(ctx.db, sha256);
  if (known) return { ...(await statementReportInTurns(ctx, known.id)), alreadyImported: true, added: 0, duplicates: known.rows_read - known.rows_refused };
  const mapping = input.source === 'mapped' ? getStatementMapping(ctx, input.mapping ?? fail('validation', 'name the saved mapping (mapping=...)', [{ path: 'mapping', message: 'required' }])) : undefined;
  const channel = input.channel ?? mapping?.channel ?? DEFAULT_CHANNEL[input.source as Exclude<StatementSource, 'mapped'>];
  const spec: StatementSpec = { source: input.source, mapping };
  const sha = { source: input.source, channel, filename: input.filename ?? null, sha256 };
  // The statement is recorded before its rows go in: the same file sent twice at once is stored once.
  const id = await core.writes.run(() => beginStatement(ctx, { ...sha, encoding: null }, actor));
  const { table, progress } = await readAndStore(core, spec, bytes, { statementId: id, channel }).catch(async (e: unknown) => {
    // A file that does not read (or rows that could not all be stored) leaves nothing behind.
    await core.writes.run(() => abandonStatement(ctx, id));
    throw e;
  });
  const meta: StatementMeta = { ...sha, encoding: table.encoding };
  await core.writes.run(() => finishStatement(ctx, id, meta, table, progress, actor));
  return statementReportInTurns(ctx, id);
}
