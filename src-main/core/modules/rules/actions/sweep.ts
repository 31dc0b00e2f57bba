// What the clock decides (run every few seconds, and at once from the lead's queue): rule holds whose
// time came are released; orders ready or allocated longer than the limit without a wave or packing
// go to the lead's queue; orders longer than their state's limit in it are flagged; flags whose order
// moved on clear themselves. Takes its time from the core's clock (tests inject it).
//
// A sweep is a walk in short steps, each its own write job (rules-runtime.ts runs them one after the
// other, so a bench's read waits for one step at most, never for the sweep): every step reads at most
// one page of orders or flags, by index ranges that go on where the last step stopped. On 100,000
// quiet open orders one sweep in one write job held the event loop 0.5-2 s (bench/sweep-block.bench.ts).
import type { CoreContext } from '../../../context';
import type { OrderState } from '../../../../contract/orders';
import { appendEvent } from '../../../store/events';
import { ruleLimits, RULES_ACTOR } from '../queries';
import { insertFlag, resolveFlagRow, selectDueHolds, selectOpenFlagsPage, selectQuietPage } from '../store';
import { releaseRuleHold } from './apply-decision';

/** Flags raised per sweep and kind of stay at most: a backlog is flagged over a few sweeps. */
const MAX_PER_SWEEP = 2000;
/** Orders or flags one step reads: a few milliseconds of the writer. */
export const SWEEP_PAGE = 200;
/** Holds released per step (each is an order action). */
const RELEASE_PAGE = 100;

export interface SweepResult { released: number; flagged: number; cleared: number }

/** One stay to walk: orders in `states` still since before `before` get a `kind` flag. */
interface Walk { kind: 'unassigned' | 'stuck'; states: OrderState[]; before: string }

/**
 * A sweep as of now, to run by `step()` in write jobs until it answers false; `result` then holds
 * what it did. The time is taken once, at the start: every step decides as of the same moment.
 */
export function startSweep(ctx: CoreContext): { step(): boolean; result: SweepResult } {
  const now = ctx.clock.now();
  const iso = new Date(now).toISOString();
  const limits = ruleLimits(ctx.db);
  const result: SweepResult = { released: 0, flagged: 0, cleared: 0 };
  const walks: Walk[] = [
    { kind: 'unassigned', states: ['ready', 'allocated'], before: new Date(now - limits.unassignedMinutes * 60_000).toISOString() },
    ...(Object.entries(limits.stuckMinutes) as [OrderState, number][]).map(([state, minutes]): Walk => ({ kind: 'stuck', states: [state], before: new Date(now - minutes * 60_000).toISOString() })),
  ];
  let phase: 'release' | 'clear' | 'flag' = 'release';
  let releasedAll = 0;
  let flagsAfter = { orderId: '', kind: '' };
  let walk = 0;
  let stateOfWalk = 0;
  let afterId = '';
  let flaggedInWalk = 0;

  const flag = (kind: Walk['kind'], o: { id: string; state: OrderState; updated_at: string }) => {
    const minutes = Math.floor((now - Date.parse(o.updated_at)) / 60_000);
    const id = ctx.ids('flag');
    if (!insertFlag(ctx.db, { id, orderId: o.id, kind, stateAtFlag: o.state, since: o.updated_at, minutes, at: iso })) return false;
    appendEvent(ctx.db, ctx.clock, { type: `flag.${kind}`, entity: 'flag', entityId: id, actor: RULES_ACTOR, data: { order: o.id, state: o.state, minutes } });
    return true;
  };

  const step = (): boolean => {
    if (phase === 'release') {
      const due = selectDueHolds(ctx.db, iso, RELEASE_PAGE);
      for (const h of due) if (releaseRuleHold(ctx, h.order_id, h.rule_id, `hold time over: ${h.reason}`)) result.released++;
      releasedAll += due.length;
      if (due.length === RELEASE_PAGE && releasedAll < MAX_PER_SWEEP) return true;
      phase = 'clear';
      return true;
    }
    if (phase === 'clear') {
      const page = selectOpenFlagsPage(ctx.db, flagsAfter, SWEEP_PAGE);
      for (const f of page) {
        if (!f.moved) continue;
        resolveFlagRow(ctx.db, f.id, { at: iso, by: RULES_ACTOR.id, decision: 'moved on' });
        result.cleared++;
      }
      const last = page[page.length - 1];
      if (last) flagsAfter = { orderId: last.order_id, kind: last.kind };
      if (page.length === SWEEP_PAGE) return true;
      phase = 'flag';
      return walks.length > 0;
    }
    const w = walks[walk]!;
    const page = selectQuietPage(ctx.db, w.kind, w.states[stateOfWalk]!, afterId, w.before, SWEEP_PAGE);
    for (const o of page) {
      if (flaggedInWalk >= MAX_PER_SWEEP) break;
      if (o.due && flag(w.kind, o)) {
        result.flagged++;
        flaggedInWalk++;
      }
    }
    afterId = page[page.length - 1]?.id ?? afterId;
    if (page.length === SWEEP_PAGE && flaggedInWalk < MAX_PER_SWEEP) return true;
    // this state is walked: the walk's next state, else the next walk
    afterId = '';
    if (++stateOfWalk < w.states.length && flaggedInWalk < MAX_PER_SWEEP) return true;
    stateOfWalk = 0;
    flaggedInWalk = 0;
    return ++walk < walks.length;
  };
  return { step, result };
}

/** A whole sweep in the caller's write job (tests that hold the writer themselves). */
export function sweep(ctx: CoreContext): SweepResult {
  const s = startSweep(ctx);
  while (s.step());
  return s.result;
}
