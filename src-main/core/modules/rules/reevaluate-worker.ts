// Worker thread: evaluates every open order again on its own read connection, so a rule change over
// 100,000 orders never holds up the benches' requests on the core's event loop. It sends back only
// the orders whose outcome changed; the core applies them.
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../store/db';
import type { Rule } from '../../../contract/rules';
import { reevaluatePage } from './reevaluate';
import { buyerCounts, needsBuyer } from './queries';
import type { ReevaluateMessage, ReevaluateStart } from './reevaluate-protocol';

if (!parentPort) throw new Error('reevaluate-worker.ts runs as a worker thread');
const start = workerData as ReevaluateStart;
const db = openConnection(start.file);
const rules = start.rules as Rule[];

const PAGE = 1000;
const buyers = needsBuyer(rules) ? db.transaction(() => buyerCounts(db, start.nowMs))() : undefined;
let after = '';
let done = 0;
for (;;) {
  // Each page reads in a transaction of its own, so the WAL is never pinned for the whole run.
  const page = db.transaction(() => reevaluatePage(db, rules, after, start.nowMs, PAGE, buyers))();
  done += page.read;
  parentPort.postMessage({ changed: page.changed, done } satisfies ReevaluateMessage);
  if (page.lastId === null || page.read < PAGE) break;
  after = page.lastId;
}
db.close();
parentPort.postMessage({ finished: true, done } satisfies ReevaluateMessage);
