// Importing a statement. A big file on an SQLite database file goes whole to the statement worker
// thread: it reads the file, matches the rows against orders (a set at a time, on its own
// connection) and stores them in short write transactions of its own (actions/import-rows.ts), so
// the core's event loop only records the statement before and closes it after: its reads (WAL)
// and its writer are never held for more than a few milliseconds. A small file (a worker costs more
// to start than it saves), or a database the worker cannot open by itself (PostgreSQL, memory), is
// stored through the core's writer, a slice of orders per write job. The same file twice adds
// nothing (its SHA-256 is kept); a row known from another file is counted as a duplicate; a row
// that does not read is refused by its row and column and the rest are imported.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Core } from '../../core';
import type { RowIssue, StatementReport, StatementSource } from '../../../contract/payouts';
import { AppError, fail } from '../../../lib/errors';
import { workerEntry } from '../../../lib/worker-entry';
import type { ErrorCode } from '../../../contract/errors';
import { onPostgres } from '../../store/db';
import type { Actor } from '../../store/events';
import { parseStatement, type ParsedRow, type StatementSpec } from './formats';
import type { ParseWorkerMessage, ParseWorkerStart } from './statement-worker';
import { abandonStatement, beginStatement, finishStatement, progressOf, type ImportProgress, type StatementMeta } from './actions/import-statement';
import { FIRST_SLICE, planImport, storeSlice, type ImportCursor } from './actions/import-rows';
import { getStatementMapping, statementReport } from './queries';
import { selectStatementBySha } from './store';
import { SLICE_MS } from './settings-rework';

/** Files up to this size are read on the core's thread: starting a thread costs more. */
const INLINE_BYTES = 256 * 1024;

/** The channel whose orders each source pays, unless finance names another. */
const DEFAULT_CHANNEL: Record<Exclude<StatementSource, 'mapped'>, string> = { wechat: 'miniprogram', alipay: 'taobao', shopify: 'shopify' };

type ReadResult = { read: number; errors: RowIssue[]; encoding: string | null };
/** What an import came to: the file as read, and its rows stored. */
type Imported = { table: ReadResult; progress: ImportProgress };

/** A refusal from the worker as the error it stands for. */
const refusal = (m: Extract<ParseWorkerMessage, { type: 'refused' }>) =>
  m.code === 'internal' ? new Error(`the statement import failed: ${m.message}`) : new AppError(m.code as ErrorCode, m.message, m.issues);

/** Runs the statement worker: it reads the file and, given `store`, matches and stores its rows too. */
function inWorker(start: ParseWorkerStart): Promise<{ table: ReadResult & { rows?: ParsedRow[] }; progress?: ImportProgress }> {
  const { url, execArgv } = workerEntry(import.meta.url, 'statement-worker');
  const copy = new Uint8Array(start.bytes);
  const worker = new Worker(url, { execArgv, workerData: { ...start, bytes: copy } satisfies ParseWorkerStart, transferList: [copy.buffer] });
  let table: (ReadResult & { rows?: ParsedRow[] }) | undefined;
  return new Promise<{ table: ReadResult & { rows?: ParsedRow[] }; progress?: ImportProgress }>((resolve, reject) => {
    worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type === 'read') {
        table = m;
        if (!start.store) resolve({ table });
      } else if (m.type === 'stored') resolve({ table: table!, progress: m.progress });
      else reject(refusal(m));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the statement worker stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
}

/** Matches and stores rows through the core's writer, a slice per write job (a plan read in one job). */
async function storeHere(core: Core, statementId: string, channel: string, rows: readonly ParsedRow[]): Promise<ImportProgress> {
  const plan = await core.writes.run(() => planImport(core.ctx.db, statementId, channel, rows));
  let added = 0;
  for (let cursor: ImportCursor = FIRST_SLICE; cursor !== null; ) {
    const from: NonNullable<ImportCursor> = cursor;
    const r = await core.writes.run(() => storeSlice(core.ctx, plan, from, SLICE_MS));
    added += r.added;
    cursor = r.next;
  }
  return core.writes.run(() => progressOf(core.ctx.db, plan, added));
}

/** Reads the file and stores its rows: in the worker on a database file it can open, else the rows through the core's writer. */
async function readAndStore(core: Core, spec: StatementSpec, bytes: Buffer, statementId: string, channel: string): Promise<Imported> {
  const file = core.db.name;
  const small = bytes.length <= INLINE_BYTES;
  if (!small && !onPostgres(core.db) && file !== ':memory:') {
    const r = await inWorker({ spec, bytes, store: { file, statementId, channel, at: core.ctx.clock.iso() } });
    return { table: r.table, progress: r.progress! };
  }
  const table = small ? await parseStatement(bytes, spec) : (await inWorker({ spec, bytes })).table;
  return { table, progress: await storeHere(core, statementId, channel, table.rows ?? []) };
}

export interface ImportStatementInput { source: StatementSource; channel?: string; mapping?: string; filename?: string }

export async function importStatement(core: Core, input: ImportStatementInput, bytes: Buffer, actor: Actor): Promise<StatementReport> {
  const ctx = core.ctx;
  if (bytes.length === 0) fail('validation', 'the statement file is empty');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = selectStatementBySha(ctx.db, sha256);
  if (known) return { ...statementReport(ctx, known), alreadyImported: true, added: 0, duplicates: known.rows_read - known.rows_refused };
  const mapping = input.source === 'mapped' ? getStatementMapping(ctx, input.mapping ?? fail('validation', 'name the saved mapping (mapping=...)', [{ path: 'mapping', message: 'required' }])) : undefined;
  const channel = input.channel ?? mapping?.channel ?? DEFAULT_CHANNEL[input.source as Exclude<StatementSource, 'mapped'>];
  const spec: StatementSpec = { source: input.source, mapping };
  const sha = { source: input.source, channel, filename: input.filename ?? null, sha256 };
  // The statement is recorded before its rows go in: the same file sent twice at once is stored once.
  const id = await core.writes.run(() => beginStatement(ctx, { ...sha, encoding: null }, actor));
  const { table, progress } = await readAndStore(core, spec, bytes, id, channel).catch(async (e: unknown) => {
    // A file that does not read (or rows that could not all be stored) leaves nothing behind.
    await core.writes.run(() => abandonStatement(ctx, id));
    throw e;
  });
  const meta: StatementMeta = { ...sha, encoding: table.encoding };
  return core.writes.run(() => finishStatement(ctx, id, meta, table, progress, actor));
}
