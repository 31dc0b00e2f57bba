// An item or a box scanned into the parcel on the bench: counted (times a pending quantity
// command), refused when it is not this order's or one too many; the last item sends it to the scale.
import { msg } from '../../contract/pack-messages';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { matchInOrder, orderComplete, remaining } from './rules';
import { coreTrouble, unknownCode } from './shift';
import { toWeigh } from './weigh';

/** An item (or a box) for the parcel on the bench; the last item sends it to the scale. */
export async function scanInParcel(f: Flow, code: string): Promise<void> {
  const s = f.s;
  const t = s.ticket!;
  const times = s.multiplier ?? 1;
  const m = matchInOrder(t, s.scanned, code, times);
  if (m.kind === 'box') {
    s.box = m.box;
    return note(f, code, 'ok', msg('boxChosen', { name: m.box.name, tare: m.box.tareG }));
  }
  if (m.kind === 'none') return notThisOrders(f, code, t.number);
  if (m.kind === 'extra') {
    const left = remaining(m.line, s.scanned);
    const need = m.line.qty - m.line.packedBefore;
    return refuse(f, code, 'extra_item', left === 0 ? msg('extraAll', { sku: m.line.sku, name: m.line.name, need }) : msg('extraSome', { sku: m.line.sku, name: m.line.name, left, need }), msg('takeExtraOut'));
  }
  s.multiplier = null;
  s.scanned = { ...s.scanned, [m.line.lineId]: (s.scanned[m.line.lineId] ?? 0) + m.units };
  s.counters = { ...s.counters, items: s.counters.items + m.units };
  note(f, code, 'ok', m.units > 1 ? msg('itemsIn', { sku: m.line.sku, units: m.units, name: m.line.name }) : msg('itemIn', { sku: m.line.sku, name: m.line.name }));
  if (orderComplete(t, s.scanned)) toWeigh(f);
}

/**
 * A code that is none of this order's items or boxes. The core says what it is: a product of
 * another order comes out of the box; another order's slip is not an item at all; a staff badge is
 * said as one (shift.ts); a code nobody knows is most often a damaged label, so the operator checks
 * it rather than pulling a good item.
 */
async function notThisOrders(f: Flow, code: string, order: string): Promise<void> {
  let found;
  try {
    found = await f.o.core.lookup(f.s.operator!.token, code);
  } catch (e) {
    return coreTrouble(f, code, e);
  }
  if (found.skus.length > 0) return refuse(f, code, 'wrong_item', msg('notInOrder', { code, order }), msg('takeOutPutAside'));
  if (found.orders.length > 0) return refuse(f, code, 'wrong_order', msg('otherOrderCode', { code, order }), msg('finishThisOrder'));
  return unknownCode(f, code, msg('codeUnknown', { code }), msg('codeUnknownAction'));
}
