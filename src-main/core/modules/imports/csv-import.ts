// Import of orders from a CSV or .xlsx file: the file is read into checked orders (csv-rows.ts; in a
// worker thread when it is big), then the orders are created through the core's writer, a chunk per write job.
import { Worker } from 'node:worker_threads';
import type { Core } from '../../core';
import type { CoreWork } from '../../core-work';
import type { CsvMapping, ImportReport } from '../../../contract/imports';
import { AppError, fromRefusal, rowWords } from '../../../lib/errors';
import { workerEntry } from '../../../lib/worker-entry';
import type { Actor } from '../../store/events';
import { importOrders } from '../orders/import-orders';
import { getCsvMapping } from './queries';
import { planImport, columnOf, columnHeaderOf, MAX_REPORTED_ERRORS, type CsvPlan, type PlannedOrder } from './csv-rows';
import type { CsvWorkerMessage, CsvWorkerStart } from './csv-worker-protocol';

export { previewCsv } from './csv-rows';

/** Files up to this size are read on the core's thread (tens of ms): starting a thread costs more. */
const INLINE_BYTES = 64 * 1024;
/**
 * Orders per write job of a CSV import: a job holds the core's thread (1,000 orders took 170 to
 * 350 ms on a busy machine), so other requests wait at most one slice.
 */
const WRITE_SLICE = 250;

/** Reads the file in a worker thread of the core's (`work`); the orders come back in slices as the thread sends them. */
function planInWorker(work: CoreWork, mapping: CsvMapping, bytes: Buffer): Promise<CsvPlan> {
  const { url, execArgv } = workerEntry(import.meta.url, 'csv-worker');
  const copy = new Uint8Array(bytes); // its own buffer, handed over to the thread without a copy
  const start: CsvWorkerStart = { mapping, bytes: copy };
  const worker = work.thread(new Worker(url, { execArgv, workerData: start, transferList: [copy.buffer] }));
  const valid: PlannedOrder[] = [];
  return new Promise<CsvPlan>((resolve, reject) => {
    worker.on('message', (m: CsvWorkerMessage) => {
      if (m.type === 'orders') valid.push(...(JSON.parse(m.json) as PlannedOrder[]));
      else if (m.type === 'done') resolve({ report: m.report, valid });
      else reject(m.code === 'internal' ? new Error(`the CSV reader failed: ${m.message}`) : fromRefusal(m));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the CSV reader stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
}

/** How far an import is: the file read (`total` orders to write), then `done` of them written. */
export type ImportProgress = (p: { phase: 'writing'; done: number; total: number }) => void;

export async function importCsv(core: Core, mappingRef: string | CsvMapping, bytes: Buffer, actor: Actor, onProgress?: ImportProgress): Promise<ImportReport> {
  const mapping = typeof mappingRef === 'string' ? getCsvMapping(core.ctx, mappingRef) : mappingRef;
  const { report, valid } = bytes.length <= INLINE_BYTES ? await planImport(mapping, bytes) : await planInWorker(core.work, mapping, bytes);
  const stored: Awaited<ReturnType<typeof importOrders<boolean>>> = [];
  onProgress?.({ phase: 'writing', done: 0, total: valid.length });
  for (let i = 0; i < valid.length; i += WRITE_SLICE) {
    stored.push(...(await importOrders(core, valid.slice(i, i + WRITE_SLICE).map((v) => v.input), actor, (r) => r.duplicate)));
    onProgress?.({ phase: 'writing', done: stored.length, total: valid.length });
  }
  return addOutcomes(report, mapping, valid, stored);
}

/** The report with what writing each planned order came to: created, duplicate, or refused by row and column. */
export function addOutcomes(report: ImportReport, mapping: CsvMapping, valid: PlannedOrder[], stored: (boolean | AppError)[]): ImportReport {
  stored.forEach((r, i) => {
    if (!(r instanceof AppError)) {
      if (r) report.duplicates++;
      else report.created++;
      return;
    }
    const v = valid[i]!;
    report.failed++;
    const issue = r.issues?.[0];
    const lineIdx = issue ? Number(/^lines\.(\d+)/.exec(issue.path)?.[1] ?? 0) : 0;
    const row = v.rows[lineIdx] ?? v.rows[0]!;
    const path = issue?.path.split('.') ?? [];
    report.errors.push({
      row, externalId: v.input.externalId, code: r.code, ...(issue ? { column: columnHeaderOf(mapping, path) } : {}),
      message: `row ${row}${issue ? `, ${columnOf(mapping, path)}: ${issue.message}` : `: ${r.message}`}`, ...rowWords(issue ?? r),
    });
  });
  report.errors.sort((a, b) => a.row - b.row);
  if (report.errors.length > MAX_REPORTED_ERRORS) report.errors.length = MAX_REPORTED_ERRORS;
  return report;
}
