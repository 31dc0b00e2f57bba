// A lead's action on a released wave: pause, resume, or picking done.
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { fail } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { WaveSummary } from '../../../../contract/waves';
import { findWave, waveSummaries } from '../queries';
import { setWaveState, waitingOrderIds } from '../store';

export type WaveAction = 'pause' | 'resume' | 'picking_done';

/**
 * pause: the put wall stops sending items to this wave's slots; resume: it goes on.
 * picking_done: the cart is back; every order still in_wave becomes picked (waves without sorting).
 */
export function waveAction(ctx: CoreContext, id: string, action: WaveAction, actor: Actor, reason?: string): WaveSummary {
  const r = findWave(ctx, id);
  if (action === 'pause' || action === 'resume') {
    const to = action === 'pause' ? 'paused' : 'released';
    if (r.state === to) fail('invalid_transition', said('waveAlready', { number: r.number, state: to }));
    setWaveState(ctx.db, r.id, to);
  } else {
    const ids = waitingOrderIds(ctx.db, r.id);
    if (ids.length === 0) fail('invalid_transition', said('waveNothingToPick', { number: r.number }));
    for (const oid of ids) applyOrderAction(ctx, oid, 'mark_picked', actor, { data: { waveId: r.id } });
  }
  appendEvent(ctx.db, ctx.clock, { type: `wave.${action}`, entity: 'wave', entityId: r.id, actor, reason: reason ?? null, data: { number: r.number } });
  return waveSummaries(ctx, [r.id])[0]!;
}
