// Importing a statement: the file is read into rows (in a worker thread when it is big), then the
// rows are stored and matched through the core's writer a slice per write job, so the benches'
// requests wait at most one slice. The same file twice adds nothing (its SHA-256 is kept); a row
// known from another file is counted as a duplicate; a row that does not read is refused by its row
// and column and the rest are imported.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Core } from '../../core';
import type { StatementReport, StatementSource } from '../../../contract/payouts';
import { AppError, fail } from '../../../lib/errors';
import { workerEntry } from '../../../lib/worker-entry';
import type { ErrorCode } from '../../../contract/errors';
import type { Actor } from '../../store/events';
import { parseStatement, type ParsedRow, type StatementSpec, type StatementTable } from './formats';
import type { ParseWorkerMessage, ParseWorkerStart } from './statement-worker';
import { beginStatement, finishStatement, storeRowsSlice, type StatementMeta } from './actions/import-statement';
import { reconcileOrders } from './actions/match-rows';
import { getStatementMapping, statementReport } from './queries';
import { selectStatementBySha } from './store';

/** Files up to this size are read on the core's thread: starting a thread costs more. */
const INLINE_BYTES = 256 * 1024;
/**
 * How long one write job stores and matches rows before it lets other requests in: a bench's
 * request waits at most about this long (matching an order's rows again comes on top).
 */
const SLICE_MS = 6;

/** The channel whose orders each source pays, unless finance names another. */
const DEFAULT_CHANNEL: Record<Exclude<StatementSource, 'mapped'>, string> = { wechat: 'miniprogram', alipay: 'taobao', shopify: 'shopify' };

function parseInWorker(spec: StatementSpec, bytes: Buffer): Promise<StatementTable & { encoding: string | null }> {
  const { url, execArgv } = workerEntry(import.meta.url, 'statement-worker');
  const copy = new Uint8Array(bytes);
  const start: ParseWorkerStart = { spec, bytes: copy };
  const worker = new Worker(url, { execArgv, workerData: start, transferList: [copy.buffer] });
  const rows: ParsedRow[] = [];
  return new Promise<StatementTable & { encoding: string | null }>((resolve, reject) => {
    worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type === 'rows') rows.push(...(JSON.parse(m.json) as ParsedRow[]));
      else if (m.type === 'done') resolve({ rows, read: m.read, errors: m.errors, encoding: m.encoding });
      else reject(m.code === 'internal' ? new Error(`the statement reader failed: ${m.message}`) : new AppError(m.code as ErrorCode, m.message, m.issues));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the statement reader stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
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
  const table = bytes.length <= INLINE_BYTES ? await parseStatement(bytes, spec) : await parseInWorker(spec, bytes);
  const meta: StatementMeta = { source: input.source, channel, filename: input.filename ?? null, sha256, encoding: table.encoding };
  const id = await core.writes.run(() => beginStatement(ctx, meta, actor));
  const touched = new Set<string>();
  for (let i = 0; i < table.rows.length; ) {
    const from = i;
    const r = await core.writes.run(() => storeRowsSlice(ctx, id, channel, table.rows, from, SLICE_MS));
    for (const o of r.touched) touched.add(o);
    i = r.next;
  }
  // Each order once, after all its rows are in (a charge and its refund may be far apart in a file).
  const orders = [...touched];
  for (let i = 0; i < orders.length; ) {
    const from = i;
    i = await core.writes.run(() => reconcileOrders(ctx, orders, from, SLICE_MS));
  }
  return core.writes.run(() => finishStatement(ctx, id, meta, table, actor));
}
