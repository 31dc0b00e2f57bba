// Evaluating every open order again after a rule changed: a page at a time, keeping only the orders
// whose outcome differs from what the rules last decided, then applying just those. The thread
// (reevaluate-worker.ts) reads the pages and, on a SQLite file, writes the changed orders too on its
// own connection, so neither the evaluation nor the writes run on the core's event loop.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import type { Rule } from '../../../contract/rules';
import { logger } from '../../../lib/log';
import { evaluateRules, type Decision } from './evaluate';
import { encodeFired } from './fired';
import { openFactsPage, type BuyerCounts } from './queries';
import { applyDecision } from './actions/apply-decision';

const log = logger('core.rules');

export interface Changed { orderId: string; decision: Decision }

/** As selectOpenFactPage reads what was recorded (the faces of the rules in use exist: their edits added them). */
const signature = (db: Db, d: Decision) => `${encodeFired(db, d.fired)}|${d.tags.length ? JSON.stringify(d.tags) : ''}|${d.packerNote ?? ''}`;
const NOTHING = '[]||';

/** `buyers`: read once for the whole pass (buyerCounts) when a rule looks at the buyer's history; `timeZone`: the shop's, its day is "today". */
export function reevaluatePage(db: Db, rules: readonly Rule[], afterId: string, nowMs: number, timeZone: string, limit: number, buyers?: BuyerCounts): { changed: Changed[]; lastId: string | null; read: number } {
  const { facts, before, lastId } = openFactsPage(db, afterId, limit, nowMs, timeZone, rules, buyers);
  const changed: Changed[] = [];
  for (let i = 0; i < facts.length; i++) {
    const decision = evaluateRules(rules, facts[i]!);
    if (signature(db, decision) !== (before[i] ?? NOTHING)) changed.push({ orderId: facts[i]!.orderId, decision });
  }
  return { changed, lastId, read: facts.length };
}

/**
 * Applies changed outcomes inside the caller's write transaction, each order in a savepoint of its
 * own: one the rules cannot act on (its state moved on since the page was read) never stops the others.
 */
export function applyChanged(ctx: CoreContext, changed: readonly Changed[]): void {
  for (const c of changed) {
    try {
      ctx.db.transaction(() => applyDecision(ctx, c.orderId, c.decision, false))();
    } catch (e) {
      log.warn({ order: c.orderId, err: (e as Error)?.message }, 'the rules could not act on an order');
    }
  }
}
