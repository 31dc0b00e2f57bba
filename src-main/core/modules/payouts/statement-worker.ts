// Worker thread: reads one statement file into rows (formats/), so a file of a hundred thousand
// rows is unzipped, decoded, parsed and checked beside the core's event loop, not on it. Rows are
// handed on as they are read, as the JSON text the store inserts from (store.ts rowsJson), so the
// core stores one batch while this thread reads the next, and never parses them itself. It writes
// nothing: the core stores and matches the rows through its own writer.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../lib/errors';
import { parseStatement, rowsJson, type ParsedRow, type StatementSpec } from './formats';

export interface ParseWorkerStart { spec: StatementSpec; bytes: Uint8Array }
export type ParseWorkerMessage =
  | { type: 'rows'; json: string; count: number }
  | { type: 'done'; read: number; errors: import('../../../contract/payouts').RowIssue[]; encoding: string | null }
  | { type: 'refused'; code: string; message: string; issues?: AppError['issues'] };

/**
 * Rows per message, and so per write job of the core: SQLite stages and matches a batch in one
 * statement (a power of two: store.ts stageRows), a few milliseconds for this many, which is how
 * long a bench's request may wait.
 */
export const ROWS_PER_MESSAGE = 512;

if (parentPort && (workerData as ParseWorkerStart | undefined)?.spec) {
  const port = parentPort;
  const start = workerData as ParseWorkerStart;
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  const sink = { size: ROWS_PER_MESSAGE, take: (rows: ParsedRow[]) => post({ type: 'rows', json: rowsJson(rows), count: rows.length }) };
  parseStatement(Buffer.from(start.bytes), start.spec, sink).then((t) => {
    post({ type: 'done', read: t.read, errors: t.errors, encoding: t.encoding });
  }, (e: unknown) => {
    post(e instanceof AppError ? { type: 'refused', code: e.code, message: e.message, issues: e.issues } : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
  });
}
