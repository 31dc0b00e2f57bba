// Evaluating every open order again after a rule changed: a page at a time, keeping only the orders
// whose outcome differs from what the rules last decided. The thread (reevaluate-worker.ts) runs the
// pages on its own connection; the core applies what changed in short write jobs.
import type { Db } from '../../store/db';
import type { Rule } from '../../../contract/rules';
import { evaluateRules, type Decision } from './evaluate';
import { factsOfRows, type BuyerCounts } from './queries';
import { selectOpenFactRows, selectResultSignatures } from './store';

export interface Changed { orderId: string; decision: Decision }

const signature = (d: Decision) => `${JSON.stringify(d.fired)}|${d.tags.length ? JSON.stringify(d.tags) : ''}|${d.packerNote ?? ''}`;
const NOTHING = '[]||';

/** `buyers`: read once for the whole pass (buyerCounts) when a rule looks at the buyer's history. */
export function reevaluatePage(db: Db, rules: readonly Rule[], afterId: string, nowMs: number, limit: number, buyers?: BuyerCounts): { changed: Changed[]; lastId: string | null; read: number } {
  const rows = selectOpenFactRows(db, afterId, limit);
  const before = new Map(selectResultSignatures(db, JSON.stringify(rows.map((r) => r.id))).map((r) => [r.id, r.sig]));
  const changed: Changed[] = [];
  for (const facts of factsOfRows(db, rows, nowMs, rules, buyers)) {
    const decision = evaluateRules(rules, facts);
    if (signature(decision) !== (before.get(facts.orderId) ?? NOTHING)) changed.push({ orderId: facts.orderId, decision });
  }
  return { changed, lastId: rows.at(-1)?.id ?? null, read: rows.length };
}
