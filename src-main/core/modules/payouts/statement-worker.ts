// Worker thread: reads one statement file into rows (formats/), so a file of a hundred thousand
// rows is unzipped, decoded, parsed and checked beside the core's event loop, not on it. It writes
// nothing: the core stores and matches the rows through its own writer.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../lib/errors';
import { parseStatement, type StatementSpec } from './formats';

export interface ParseWorkerStart { spec: StatementSpec; bytes: Uint8Array }
export type ParseWorkerMessage =
  | { type: 'rows'; json: string }
  | { type: 'done'; read: number; errors: import('../../../contract/payouts').RowIssue[]; encoding: string | null }
  | { type: 'refused'; code: string; message: string; issues?: AppError['issues'] };

/** Rows per message: as JSON text, one message's JSON.parse on the core's thread stays near a millisecond (2,000 rows took several on a loaded machine). */
export const ROWS_PER_MESSAGE = 500;

if (parentPort && (workerData as ParseWorkerStart | undefined)?.spec) {
  const port = parentPort;
  const start = workerData as ParseWorkerStart;
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  parseStatement(Buffer.from(start.bytes), start.spec).then((t) => {
    for (let i = 0; i < t.rows.length; i += ROWS_PER_MESSAGE) post({ type: 'rows', json: JSON.stringify(t.rows.slice(i, i + ROWS_PER_MESSAGE)) });
    post({ type: 'done', read: t.read, errors: t.errors, encoding: t.encoding });
  }, (e: unknown) => {
    post(e instanceof AppError ? { type: 'refused', code: e.code, message: e.message, issues: e.issues } : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
  });
}
