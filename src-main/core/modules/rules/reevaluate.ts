// Evaluating every open order again after a rule changed: a page at a time, keeping only the orders
// whose outcome differs from what the rules last decided. The thread (reevaluate-worker.ts) runs the
// pages on its own connection; the core applies what changed in short write jobs.
import type { Db } from '../../store/db';
import type { Rule } from '../../../contract/rules';
import { evaluateRules, type Decision } from './evaluate';
import { factsOf } from './queries';
import { selectOpenOrderIds, selectResultSignature } from './store';

export interface Changed { orderId: string; decision: Decision }

const signature = (d: Decision) => `${JSON.stringify(d.fired)}|${d.tags.length ? JSON.stringify(d.tags) : ''}|${d.packerNote ?? ''}`;
const NOTHING = '[]||';

export function reevaluatePage(db: Db, rules: readonly Rule[], afterId: string, nowMs: number, limit: number): { changed: Changed[]; lastId: string | null; read: number } {
  const ids = selectOpenOrderIds(db, afterId, limit);
  const changed: Changed[] = [];
  for (const id of ids) {
    const facts = factsOf(db, id, nowMs, rules);
    if (!facts) continue;
    const decision = evaluateRules(rules, facts);
    if (signature(decision) !== (selectResultSignature(db, id) ?? NOTHING)) changed.push({ orderId: id, decision });
  }
  return { changed, lastId: ids.at(-1) ?? null, read: ids.length };
}
