// Worker thread: the reading half of a statement import, beside the core's event loop. It reads
// the file into rows (formats/: unzipped, decoded, parsed, checked) and, on a database file
// (`plan`), matches them against what is stored on a connection of its own (actions/import-rows.ts
// planImport: which rows are new, the order each names; reads only, so WAL lets the core go on
// meanwhile), then hands the plan on a piece at a time, each stored by the core in one short write job.
// Without `plan` (PostgreSQL, a database in memory) it hands the rows back for the core to plan.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../../lib/errors';
import { openConnection } from '../../store/db';
import type { RowIssue } from '../../../contract/payouts';
import { parseStatement, type ParsedRow, type StatementSpec } from './formats';
import { hasUnnumbered, piecesOf, planImport, type ImportPiece, type ImportPlan } from './actions/import-rows';

export interface ParseWorkerStart {
  spec: StatementSpec;
  bytes: Uint8Array;
  /** the database file to plan the rows against, the statement (recorded already) and its channel */
  plan?: { file: string; statementId: string; channel: string };
}
export type ParseWorkerMessage =
  | { type: 'read'; read: number; errors: RowIssue[]; encoding: string | null; rows?: ParsedRow[] }
  | { type: 'piece'; piece: ImportPiece }
  | { type: 'planned'; rows: number; unnumbered: boolean }
  | { type: 'refused'; code: string; message: string; issues?: AppError['issues'] };

async function run(start: ParseWorkerStart, port: MessagePort, post: (m: ParseWorkerMessage) => void): Promise<void> {
  const table = await parseStatement(Buffer.from(start.bytes), start.spec);
  if (!start.plan) return post({ type: 'read', read: table.read, errors: table.errors, encoding: table.encoding, rows: table.rows });
  post({ type: 'read', read: table.read, errors: table.errors, encoding: table.encoding });
  const { file, statementId, channel } = start.plan;
  const db = openConnection(file);
  let plan: ImportPlan;
  try {
    plan = db.transaction(() => planImport(db, statementId, channel, table.rows))();
  } finally {
    db.close();
  }
  // A piece each time the core asks ('next': it stored the one before): the core reads one piece's
  // message per write job, never a backlog of them at once on its event loop.
  const pieces = piecesOf(plan);
  const next = () => {
    const p = pieces.next();
    if (!p.done) return post({ type: 'piece', piece: p.value });
    port.off('message', onAsk);
    post({ type: 'planned', rows: table.rows.length, unnumbered: hasUnnumbered(plan) });
  };
  const onAsk = (m: unknown) => void (m === 'next' && next());
  port.on('message', onAsk);
  next();
}

if (parentPort && (workerData as ParseWorkerStart | undefined)?.spec) {
  const port = parentPort;
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  run(workerData as ParseWorkerStart, port, post).catch((e: unknown) => {
    post(e instanceof AppError ? { type: 'refused', code: e.code, message: e.message, issues: e.issues } : { type: 'refused', code: 'internal', message: (e as Error)?.message ?? String(e) });
  });
}
