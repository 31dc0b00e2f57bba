// Worker thread: the reading half of a statement import, beside the core's event loop. It reads
// the file into rows (formats/: unzipped, decoded, parsed, checked) and, on a database file
// (`plan`), matches them against what is stored on a connection of its own, a part of the file at
// a time (actions/import-rows.ts planPart, planEnd: which rows are new, the order each names; reads
// only, so WAL lets the core go on meanwhile), handing each part's pieces on as the core asks for
// them ('next', PIECES_AHEAD ahead; each put on the pieces port and announced), each stored by the core in one short write job while this thread
// plans the next part (one part ahead of the core, no more). Without `plan` (PostgreSQL, a database in memory) it hands the rows back for the core to plan.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { AppError, refusalData, type RefusalData } from '../../../lib/errors';
import { openConnection } from '../../store/db';
import type { RowIssue } from '../../../contract/payouts';
import { openStatement, parseStatement, readRows, type ParsedRow, type StatementSpec, type StatementTable } from './formats';
import { newPlanner, planEnd, planPart, type ImportPiece } from './actions/import-rows';

export interface ParseWorkerStart {
  spec: StatementSpec;
  bytes: Uint8Array;
  /** the database file to plan the rows against, the statement (recorded already) and its channel */
  plan?: { file: string; statementId: string; channel: string };
  /** With `plan`: where the pieces go; the core takes each off it inside the write job that stores it. */
  pieces?: MessagePort;
}
export type ParseWorkerMessage =
  | { type: 'read'; read: number; errors: RowIssue[]; encoding: string | null; rows?: ParsedRow[] }
  /** a piece was put on the pieces port */
  | { type: 'piece' }
  | { type: 'planned'; rows: number; unnumbered: boolean }
  | ({ type: 'refused' } & RefusalData);

/** How much of the database file the worker's connection maps (SQLite's mmap_size): a 1M-order file is about 1 GB. */
const READ_MAP_BYTES = 2 ** 31;
/**
 * Rows planned per part: the core's first pieces come soon (it has nothing to store until a part is
 * planned), and a part is planned in a few tens of ms, which the pieces the core holds ahead
 * (statement-import.ts PIECES_AHEAD) outlast; each part's reads stay a few big statements.
 */
const PART_ROWS = 2_000;
/** The thread's nice value (0 normal, 19 lowest). */
const WORKER_NICE = 8;

async function run(start: ParseWorkerStart, port: MessagePort, post: (m: ParseWorkerMessage) => void): Promise<void> {
  if (!start.plan) {
    const table = await parseStatement(Buffer.from(start.bytes), start.spec);
    return post({ type: 'read', read: table.read, errors: table.errors, encoding: table.encoding, rows: table.rows });
  }
  // The file is read and planned a part at a time: the core stores the first part's pieces while this thread reads the next.
  const file = await openStatement(Buffer.from(start.bytes), start.spec);
  const db = openConnection(start.plan.file);
  // Reads only, and a fresh connection (its page cache empty): the orders' pages are read from a map
  // of the file, not a read call each (~100,000 orders looked up by number: 0.9 -> 0.7 s of CPU in process).
  db.pragma(`mmap_size = ${READ_MAP_BYTES}`);
  const planner = newPlanner(db, start.plan.channel);
  const read: StatementTable = { rows: [], errors: [], read: 0 };
  let rows = 0;
  const ready: ImportPiece[] = [];
  let asked = 0;
  let planned = false;
  // A piece for each ask of the core's (it stored one): never a backlog of them on its event loop.
  const answer = () => {
    for (; asked > 0 && ready.length; asked--) {
      start.pieces!.postMessage(ready.shift()!);
      post({ type: 'piece' });
    }
    if (planned && !ready.length && asked > 0) {
      port.off('message', onAsk);
      post({ type: 'planned', rows, unnumbered: planner.unnumbered });
    }
  };
  let taken: (() => void) | null = null;
  const onAsk = (m: unknown) => {
    if (m !== 'next') return;
    asked++;
    answer();
    taken?.();
  };
  /** Until the core has taken all but `left` of the pieces planned: this thread plans a part ahead, not the whole file while the core stores. */
  const untilTaken = async (left: number) => {
    while (ready.length > left) await new Promise<void>((r) => (taken = r));
    taken = null;
  };
  port.on('message', onAsk);
  try {
    while (!file.ended) {
      const part: StatementTable = { rows: [], errors: read.errors, read: 0 };
      readRows(file, PART_ROWS, part);
      read.read += part.read;
      rows += part.rows.length;
      const pieces = db.transaction(() => planPart(planner, part.rows))();
      ready.push(...pieces);
      answer();
      // the next part is planned once the core is at this one (the two cores are not both busy the whole import)
      await untilTaken(pieces.length);
    }
    ready.push(...db.transaction(() => planEnd(planner))());
  } finally {
    db.close();
  }
  post({ type: 'read', read: read.read, errors: read.errors, encoding: file.encoding });
  planned = true;
  answer();
}

if (parentPort && (workerData as ParseWorkerStart | undefined)?.spec) {
  // Behind the core's event loop for the CPU: on a busy machine the reads a bench waits for come
  // first, the import takes what is left (Linux only: there a thread has its own nice value; elsewhere
  // it would lower the whole app's). Bench, three runs each at load 1.5-2.2: look-up p99 during
  // the import 10.2 / 11.6 / 16.4 ms at nice 8, 18.7 / 13.9 / 13.3 at 0; import time alike.
  if (process.platform === 'linux') setPriority(WORKER_NICE);
  const port = parentPort;
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  run(workerData as ParseWorkerStart, port, post).catch((e: unknown) => {
    post(e instanceof AppError ? { type: 'refused', ...refusalData(e) } : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
  });
}
