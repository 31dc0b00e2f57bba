// Importing a statement: the file is read into rows (in a worker thread when it is big), and the
// rows are staged and matched by number through the core's writer as they are read, a batch per
// write job (one SQL statement into a temporary table with no index of payout_rows to keep), so
// the benches' requests wait at most one batch. Then each order the file touched is reconciled
// once, a slice of orders per write job (one read, one statement per table), and its rows go into
// payout_rows in their final state: each row is written there once. The same file
// twice adds nothing (its SHA-256 is kept); a row known from another file is counted as a duplicate;
// a row that does not read is refused by its row and column and the rest are imported.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Core } from '../../core';
import type { RowIssue, StatementReport, StatementSource } from '../../../contract/payouts';
import { AppError, fail } from '../../../lib/errors';
import { workerEntry } from '../../../lib/worker-entry';
import type { ErrorCode } from '../../../contract/errors';
import type { Actor } from '../../store/events';
import { parseStatement, rowsJson, type StatementSpec } from './formats';
import type { ParseWorkerMessage, ParseWorkerStart } from './statement-worker';
import { ROWS_PER_MESSAGE } from './statement-worker';
import { abandonStatement, beginStatement, finishStatement, newProgress, stageRowsBatch, type StatementMeta } from './actions/import-statement';
import { matchRefunds, reconcileStaged, storeRowsWithoutOrder, type Staged } from './actions/match-rows';
import { getStatementMapping, statementReport } from './queries';
import { clearStage, ensureStage, selectStatementBySha } from './store';
import { SLICE_MS } from './settings-rework';

/** Files up to this size are read on the core's thread: starting a thread costs more. */
const INLINE_BYTES = 256 * 1024;
/** Imports staging rows now: the last one to finish empties the staging table at once. */
let staging = 0;

/** The channel whose orders each source pays, unless finance names another. */
const DEFAULT_CHANNEL: Record<Exclude<StatementSource, 'mapped'>, string> = { wechat: 'miniprogram', alipay: 'taobao', shopify: 'shopify' };

type ReadResult = { read: number; errors: RowIssue[]; encoding: string | null };
/** Where rows go as they are read: a batch of `count` rows as rowsJson text; the reader waits for nothing. */
type Store = (json: string, count: number) => void;

/** Reads the file in a worker thread, handing each batch of rows to `store` as it arrives. */
function readInWorker(spec: StatementSpec, bytes: Buffer, store: Store): Promise<ReadResult> {
  const { url, execArgv } = workerEntry(import.meta.url, 'statement-worker');
  const copy = new Uint8Array(bytes);
  const start: ParseWorkerStart = { spec, bytes: copy };
  const worker = new Worker(url, { execArgv, workerData: start, transferList: [copy.buffer] });
  return new Promise<ReadResult>((resolve, reject) => {
    worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type === 'rows') store(m.json, m.count);
      else if (m.type === 'done') resolve({ read: m.read, errors: m.errors, encoding: m.encoding });
      else reject(m.code === 'internal' ? new Error(`the statement reader failed: ${m.message}`) : new AppError(m.code as ErrorCode, m.message, m.issues));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the statement reader stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
}

/** Reads a small file here, handing its rows to `store` in the same batches as the worker does. */
async function readHere(spec: StatementSpec, bytes: Buffer, store: Store): Promise<ReadResult> {
  const t = await parseStatement(bytes, spec);
  for (let i = 0; i < t.rows.length; i += ROWS_PER_MESSAGE) {
    const batch = t.rows.slice(i, i + ROWS_PER_MESSAGE);
    store(rowsJson(batch), batch.length);
  }
  return { read: t.read, errors: t.errors, encoding: t.encoding };
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
  // The statement is recorded before its first rows arrive; its encoding is known once the file is read.
  const id = await core.writes.run(() => beginStatement(ctx, { ...sha, encoding: null }, actor));
  const staged: Staged = { statementId: id, channel };
  const progress = newProgress();
  staging++;
  try {
    // One write job per batch, in the order read, each awaited before the next: queued together they
    // would run in one transaction and hold the thread.
    let stored: Promise<unknown> = core.writes.run(() => ensureStage(ctx.db));
    const store: Store = (json, count) => {
      stored = stored.then(() => core.writes.run(() => stageRowsBatch(ctx, staged, json, count)));
    };
    const read = await (bytes.length <= INLINE_BYTES ? readHere(spec, bytes, store) : readInWorker(spec, bytes, store)).catch(async (e: unknown) => {
      await stored.catch(() => {});
      await core.writes.run(() => abandonStatement(ctx, id, staging === 1));
      throw e;
    });
    await stored;
    const meta: StatementMeta = { ...sha, encoding: read.encoding };
    await core.writes.run(() => matchRefunds(ctx, staged));
    // Each order once, after all its rows are in (a charge and its refund may be far apart in a file),
    // its rows then stored in their final state; a slice of orders per write job.
    for (let after: string | null = ''; after !== null; ) {
      const from: string = after;
      after = await core.writes.run(() => reconcileStaged(ctx, staged, from, SLICE_MS));
    }
    for (let after: number | null = 0; after !== null; ) {
      const from: number = after;
      after = await core.writes.run(() => storeRowsWithoutOrder(ctx, staged, progress.unnumbered, from, SLICE_MS));
    }
    return await core.writes.run(() => finishStatement(ctx, id, meta, read, progress, actor));
  } finally {
    await core.writes.run(() => clearStage(ctx.db, id, staging === 1)).catch(() => {});
    staging--;
  }
}
