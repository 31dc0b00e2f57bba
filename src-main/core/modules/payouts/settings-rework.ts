// After finance changes a rule or a settlement cycle, the orders it may move are reconciled again a
// slice per write job (match-rows.ts reconcileAgain), so a change after a big import (100,000
// orders) never holds the writer, and every read behind it, for seconds. The request is answered
// once every order is done.
import type { Core } from '../../core';
import { reconcileAgain, type Rework } from './actions/match-rows';

/** How long one write job reconciles before other requests get their turn. */
export const SLICE_MS = 6;

export async function reconcileAfterChange(core: Core, which: Rework): Promise<void> {
  for (let after: string | null = ''; after !== null; ) {
    const from: string = after;
    after = await core.writes.run(() => reconcileAgain(core.ctx, which, from, SLICE_MS));
  }
}
