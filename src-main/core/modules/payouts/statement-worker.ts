// Worker thread: one statement import beside the core's event loop. It reads the file into rows
// (formats/: unzipped, decoded, parsed, checked), and on a database file (`file`) it also matches
// and stores them on a connection of its own (actions/import-rows.ts): the plan in one read
// transaction, then the writes in short write transactions of their own, so neither the core's
// event loop nor its writer is held while 100,000 rows go in (WAL: the core's reads never wait for
// them). Without `file` (PostgreSQL, a database in memory) it only reads the file and hands the
// rows back for the core to store through its writer.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../lib/errors';
import type { Clock } from '../../../lib/clock';
import type { CoreContext } from '../../context';
import { openConnection } from '../../store/db';
import type { RowIssue } from '../../../contract/payouts';
import { parseStatement, type ParsedRow, type StatementSpec } from './formats';
import { FIRST_SLICE, planImport, storeSlice, type ImportCursor } from './actions/import-rows';
import { progressOf, type ImportProgress } from './actions/import-statement';

export interface ParseWorkerStart {
  spec: StatementSpec;
  bytes: Uint8Array;
  /** the database file to store the rows in, with the statement recorded already, its channel, and the time its rows are reckoned at */
  store?: { file: string; statementId: string; channel: string; at: string };
}
export type ParseWorkerMessage =
  | { type: 'read'; read: number; errors: RowIssue[]; encoding: string | null; rows?: ParsedRow[] }
  | { type: 'stored'; progress: ImportProgress }
  | { type: 'refused'; code: string; message: string; issues?: AppError['issues'] };

/**
 * How long one write transaction of the worker holds SQLite's write lock: the core's writer (and the
 * order intake thread) wait at most about this long for it; a commit per slice costs little (WAL).
 */
const WRITE_SLICE_MS = 8;
/** The pause between two write transactions: a writer polling for the lock (SQLite's busy wait) finds it free. */
const PAUSE_MS = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));

async function run(start: ParseWorkerStart, post: (m: ParseWorkerMessage) => void): Promise<void> {
  const table = await parseStatement(Buffer.from(start.bytes), start.spec);
  if (!start.store) return post({ type: 'read', read: table.read, errors: table.errors, encoding: table.encoding, rows: table.rows });
  post({ type: 'read', read: table.read, errors: table.errors, encoding: table.encoding });
  const { file, statementId, channel, at } = start.store;
  const db = openConnection(file);
  try {
    const clock: Clock = { now: () => Date.parse(at), iso: () => at };
    const ctx: CoreContext = { db, clock, ids: () => { throw new Error('the statement worker makes no ids'); } };
    const plan = db.transaction(() => planImport(db, statementId, channel, table.rows))();
    let added = 0;
    const slice = db.transaction((from: NonNullable<ImportCursor>) => storeSlice(ctx, plan, from, WRITE_SLICE_MS));
    for (let cursor: ImportCursor = FIRST_SLICE; cursor !== null; ) {
      const r = slice.immediate(cursor);
      added += r.added;
      cursor = r.next;
      if (cursor) Atomics.wait(pause, 0, 0, PAUSE_MS);
    }
    post({ type: 'stored', progress: progressOf(db, plan, added) });
  } finally {
    db.close();
  }
}

if (parentPort && (workerData as ParseWorkerStart | undefined)?.spec) {
  const port = parentPort;
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  run(workerData as ParseWorkerStart, post).catch((e: unknown) => {
    post(e instanceof AppError ? { type: 'refused', code: e.code, message: e.message, issues: e.issues } : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
  });
}
