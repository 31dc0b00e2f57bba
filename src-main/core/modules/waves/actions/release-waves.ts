// Releasing waves: a rule (wave-rules) filters the open order pool, groups it and caps each wave
// (wave-planning.ts); a release gives each order a cart slot and moves it to in_wave.
import type { CoreContext } from '../../../context';
import type { Actor } from '../../../store/events';
import { appendEvent } from '../../../store/events';
import { takeCounter } from '../../../store/counters';
import { applyOrderAction } from '../../orders/actions/apply-action';
import { AppError, fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { ReleaseInput, ReleaseResult } from '../../../../contract/waves';
import { planWaves, filterMismatch, groupOf, WaveFill, type PoolOrder } from '../wave-planning';
import { getWaveRule, loadPool, planContext, ruleWarehouse, waveSummaries } from '../queries';
import { insertWave, insertWaveOrder, activeWaveNumberOfOrder } from '../store';
import { orderNumberOf, orderRecord, orderState } from '../../orders/queries';

function nextWaveNumber(ctx: CoreContext): string {
  return `W-${String(takeCounter(ctx.db, 'wave_number')).padStart(4, '0')}`;
}

/**
 * Releases waves. With `waves` (the previewed plan), each order is checked again against the rule,
 * the caps and the pool; one that no longer fits is skipped with the reason. Without it the rule is
 * planned now. Runs inside the caller's write transaction: nothing moves between check and write.
 */
export function releaseWaves(ctx: CoreContext, input: ReleaseInput, actor: Actor): ReleaseResult {
  const rule = input.rule;
  if (input.ruleId) getWaveRule(ctx, input.ruleId);
  const pc = planContext(ctx, rule);
  const warehouseId = ruleWarehouse(ctx, rule);
  const skipped: ReleaseResult['skipped'] = [];
  let planned: { group: string | null; orders: PoolOrder[] }[];
  if (input.waves) {
    const wanted = input.waves.flatMap((w) => w.orderIds);
    const seen = new Set<string>();
    const dup = wanted.find((id) => (seen.has(id) ? true : (seen.add(id), false)));
    if (dup) fail('validation', said('orderInTwoWaves', { number: dup }), [issue('waves', said('duplicateOrder'))]);
    const pool = new Map(loadPool(ctx, ['ready', 'allocated'], warehouseId, wanted).map((o) => [o.id, o]));
    planned = input.waves.map((w) => {
      const fill = new WaveFill(null, rule);
      let group: string | null | undefined;
      for (const id of w.orderIds) {
        const o = pool.get(id);
        const why = o ? filterMismatch(o, rule.filter, pc) : whyNotInPool(ctx, id, warehouseId);
        if (why) {
          skipped.push({ orderId: id, number: o?.number ?? orderNumberOf(ctx, id) ?? null, reason: why });
          continue;
        }
        const g = groupOf(o!, rule);
        if (group === undefined) group = g;
        if (g !== group) skipped.push({ orderId: id, number: o!.number, reason: `it belongs to group ${g}, not ${group}` });
        else if (!fill.fits(o!)) skipped.push({ orderId: id, number: o!.number, reason: 'the wave is full (caps)' });
        else fill.add(o!);
      }
      return { group: group ?? null, orders: fill.orders };
    });
    // A merged shipment's orders go into one wave together: an order whose mate is not in its wave waits.
    for (const w of planned) {
      const inWave = new Set(w.orders.map((o) => o.id));
      w.orders = w.orders.filter((o) => {
        const missing = (pc.mates?.get(o.id) ?? []).find((id) => !inWave.has(id));
        if (missing) skipped.push({ orderId: o.id, number: o.number, reason: `it is merged with order ${orderNumberOf(ctx, missing) ?? missing}, which is not in this wave: they go into one wave together` });
        return !missing;
      });
    }
  } else {
    const pool = loadPool(ctx, rule.filter.states, warehouseId);
    const byId = new Map(pool.map((o) => [o.id, o]));
    planned = planWaves(pool, rule, pc).waves.map((w) => ({ group: w.group, orders: w.orderIds.map((id) => byId.get(id)!) }));
  }

  const created: string[] = [];
  for (const w of planned) {
    // Ready orders take their stock now; without enough they stay in the pool.
    const orders = w.orders.filter((o) => {
      if (o.state === 'allocated') return true;
      try {
        applyOrderAction(ctx, o.id, 'allocate', actor, { reason: 'released in a wave' });
        return true;
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'insufficient_stock') throw e;
        skipped.push({ orderId: o.id, number: o.number, reason: 'not enough stock to allocate it' });
        return false;
      }
    });
    if (orders.length === 0) continue;
    const id = ctx.ids('wave');
    const number = nextWaveNumber(ctx);
    const base = input.name || (input.ruleId ? getWaveRule(ctx, input.ruleId).name : 'Wave');
    const name = w.group !== null && planned.length > 1 ? `${base} · ${w.group}` : base;
    insertWave(ctx.db, {
      id, number, name, ruleId: input.ruleId ?? null, ruleJson: JSON.stringify(rule), group: w.group, singleUnit: orders.every((o) => o.units === 1),
      benchId: input.benchId ?? null, createdAt: ctx.clock.iso(), createdBy: actor.id, warehouseId,
    });
    orders.forEach((o, i) => {
      insertWaveOrder(ctx.db, id, o.id, i + 1);
      applyOrderAction(ctx, o.id, 'add_to_wave', actor, { data: { waveId: id, wave: number, slot: i + 1 } });
    });
    appendEvent(ctx.db, ctx.clock, { type: 'wave.released', entity: 'wave', entityId: id, actor, data: { number, orders: orders.length, benchId: input.benchId ?? null, group: w.group, warehouseId } });
    created.push(id);
  }
  return { waves: waveSummaries(ctx, created), skipped };
}

function whyNotInPool(ctx: CoreContext, orderId: string, warehouseId: string): string {
  const state = orderState(ctx, orderId);
  if (state === undefined) return 'no such order';
  if (orderRecord(ctx, orderId).warehouse_id !== warehouseId) return "it belongs to another warehouse";
  const wave = activeWaveNumberOfOrder(ctx.db, orderId);
  if (wave !== undefined) return `it is already in wave ${wave}`;
  return `it is ${state}`;
}
