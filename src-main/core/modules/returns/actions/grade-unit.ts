// The bench grades one unit: it is tied to the line that still expects its SKU (or to none: a wrong
// or extra item), a sellable one goes back on hand in its bin at once (inventory's adjustStock), and
// the grade is committed before the bench hears "ok" (a crash loses no acknowledged grade).
import type { CoreContext } from '../../../context';
import type { GradeInput, ReturnDetail, ReturnUnit } from '../../../../contract/returns';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Actor } from '../../../store/events';
import { resolveSkuCode, getSku } from '../../catalog/queries';
import { ensureLocation } from '../../locations/actions/create-location';
import { adjustStock } from '../../inventory/actions/adjust-stock';
import { getReturn, returnRecord, returnSettings, toUnit, unitRecord } from '../queries';
import { nthUnitValue, unitRefund } from '../refund-rules';
import { insertReturnUnit, returnLineRows } from '../store';
import { recordReturnEvent } from './record';

export function gradeUnit(
  ctx: CoreContext, idOrNumber: string, input: Omit<GradeInput, 'photo'> & { unitId: string; photo: string | null }, actor: Actor,
): { unit: ReturnUnit; expected: boolean; return: ReturnDetail } {
  const r = returnRecord(ctx, idOrNumber);
  if (r.state !== 'received') fail('invalid_transition', said('gradeWhenReceived', { number: r.number, state: r.state.replace('_', ' ') }));
  const sku = resolveSkuCode(ctx, input.code);
  if (sku && sku.units !== 1) fail('validation', said('caseBarcode', { code: input.code, units: sku.units }), [issue('code', said('caseBarcodeNote'))]);
  const line = sku ? returnLineRows(ctx.db, r.id).find((l) => l.sku_id === sku.skuId && l.accounted < l.qty) : undefined;
  if (!line && input.grade === 'missing') fail('validation', said('nothingMissingFor', { code: input.code }), [issue('grade', said('noLineExpects'))]);
  let bin: string | null = null;
  if (input.grade === 'sellable') {
    if (!sku) fail('validation', said('notOurProduct', { code: input.code }), [issue('grade', said('unknownItem'))]);
    bin = getSku(ctx, sku!.skuId).location ?? returnSettings(ctx).returnsBin;
    adjustStock(ctx, { skuId: sku!.skuId, locationId: ensureLocation(ctx, bin), onHandDelta: 1, inTransitDelta: 0, reason: `return ${r.number}` }, actor);
  }
  const refund = line ? unitRefund(input.grade, line.reason, nthUnitValue(line.value, line.qty, line.accounted), true) : 0;
  insertReturnUnit(ctx.db, {
    id: input.unitId, returnId: r.id, lineId: line?.id ?? null, skuId: sku?.skuId ?? null, code: input.code, grade: input.grade, bin, photo: input.photo,
    refund, at: ctx.clock.iso(), by: actor.id,
  });
  recordReturnEvent(ctx, r, 'unit_graded', actor, null, { unitId: input.unitId, code: input.code, grade: input.grade, bin, expected: !!line, photo: input.photo !== null });
  return { unit: toUnit(unitRecord(ctx, input.unitId)), expected: !!line, return: getReturn(ctx, r.id) };
}
