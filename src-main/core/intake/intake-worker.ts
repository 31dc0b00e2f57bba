// Worker thread: creates orders with its own connection to the core's database, so the SQLite work
// of ingest runs beside the HTTP work on the core's event loop instead of after it. Orders that
// arrive together commit together (the same group commit as the core's writer), and each request
// is answered only after its commit.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/db';
import { followCheckpointer } from '../store/checkpointer';
import { WriteBatcher } from '../write-batcher';
import { systemClock } from '../../lib/clock';
import { ulidIds } from '../../lib/ids';
import { AppError } from '../../lib/errors';
import { createOrderRequest } from '../domain/orders';
import type { CoreContext } from '../context';
import type { IntakeReply, IntakeRequest, IntakeStart } from './protocol';

if (!parentPort) throw new Error('intake-worker.ts runs as a worker thread');
const port = parentPort;
const start = workerData as IntakeStart;

const db = openDatabase(start.file);
const ctx: CoreContext = { db, clock: systemClock, ids: ulidIds(() => systemClock.now()) };
// The core's checkpoint worker copies the WAL while it runs; otherwise this connection checkpoints.
const writes = new WriteBatcher(db, start.writerHint ? followCheckpointer(db, start.writerHint) : () => {});

// The replies of one batch go back in one message (they settle together, after its commit).
let outbox: IntakeReply[] = [];
function answer(r: IntakeReply) {
  if (outbox.push(r) === 1) {
    queueMicrotask(() => {
      const batch = outbox;
      outbox = [];
      port.postMessage(batch);
    });
  }
}

port.on('message', (m: IntakeRequest[] | 'stop') => {
  if (m === 'stop') {
    db.close();
    port.close();
    return;
  }
  for (const r of m) {
    writes.run(() => createOrderRequest(ctx, r.input, r.actor, r.key)).then(
      (out) => answer({ id: r.id, ok: true, ...out }),
      (e: unknown) => answer(e instanceof AppError
        ? { id: r.id, ok: false, code: e.code, message: e.message, issues: e.issues }
        : { id: r.id, ok: false, code: null, message: (e as Error)?.message ?? String(e) }),
    );
  }
});
port.postMessage('ready');
