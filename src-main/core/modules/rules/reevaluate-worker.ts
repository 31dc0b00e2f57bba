// Worker thread: evaluates every open order again on its own connection, a page per read
// transaction, and (on a SQLite file) writes the orders whose outcome changed in a few large write
// transactions of its own; the core's event loop only hears how far it got. Without `apply` it
// sends the changed orders back for the core to apply.
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../store/db';
import type { CoreContext } from '../../context';
import type { Rule } from '../../../contract/rules';
import type { Clock } from '../../../lib/clock';
import { ulidIds } from '../../../lib/ids';
import { applyChanged, reevaluatePage } from './reevaluate';
import { buyerCounts, needsBuyer } from './queries';
import type { ReevaluateMessage, ReevaluateStart } from './reevaluate-protocol';

if (!parentPort) throw new Error('reevaluate-worker.ts runs as a worker thread');
const port = parentPort;
const start = workerData as ReevaluateStart;
const db = openConnection(start.file);
const rules = start.rules as Rule[];
const t0 = performance.now();
const clock: Clock = {
  now: () => start.nowMs + (start.clockMoves ? Math.round(performance.now() - t0) : 0),
  iso: () => new Date(clock.now()).toISOString(),
};
const ctx: CoreContext = { db, clock, ids: ulidIds(() => clock.now()) };

const PAGE = 2000;
/**
 * Changed orders per write transaction: large enough that commits are few, short enough (a few tens
 * of milliseconds) that the core's writer and the intake thread wait little for the lock.
 */
const APPLY_CHUNK = 250;

const buyers = needsBuyer(rules) ? db.transaction(() => buyerCounts(db, start.nowMs))() : undefined;
let after = '';
let done = 0;
let applied = 0;
for (;;) {
  // Each page reads in a transaction of its own, so the WAL is never pinned for the whole run.
  const page = db.transaction(() => reevaluatePage(db, rules, after, start.nowMs, start.timeZone, PAGE, buyers))();
  done += page.read;
  if (!start.apply) port.postMessage({ changed: page.changed, done } satisfies ReevaluateMessage);
  else {
    for (let i = 0; i < page.changed.length; i += APPLY_CHUNK) {
      const chunk = page.changed.slice(i, i + APPLY_CHUNK);
      db.transaction(() => applyChanged(ctx, chunk)).immediate();
      applied += chunk.length;
      port.postMessage({ applied, done } satisfies ReevaluateMessage); // the core publishes the commit to its feed
    }
    if (page.changed.length === 0) port.postMessage({ applied, done } satisfies ReevaluateMessage);
  }
  if (page.lastId === null || page.read < PAGE) break;
  after = page.lastId;
}
db.close();
port.postMessage({ finished: true, done } satisfies ReevaluateMessage);
