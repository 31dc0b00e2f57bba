// An item or a box scanned into the parcel on the bench: counted (times a pending quantity
// command), refused when it is not this order's or one too many; the last item sends it to the scale.
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { matchInOrder, orderComplete, remaining } from './rules';
import { toWeigh } from './weigh';

/** An item (or a box) for the parcel on the bench; the last item sends it to the scale. */
export function scanInParcel(f: Flow, code: string): void {
  const s = f.s;
  const t = s.ticket!;
  const times = s.multiplier ?? 1;
  const m = matchInOrder(t, s.scanned, code, times);
  if (m.kind === 'box') {
    s.box = m.box;
    return note(f, code, 'ok', `box ${m.box.name} (${m.box.tareG} g)`);
  }
  if (m.kind === 'none') {
    // maybe another order's slip: never mix two orders in one box
    return refuse(f, code, 'wrong_item', `${code} is not in order ${t.number}`, 'take it out of the box and put it aside; then scan the next item of this order');
  }
  if (m.kind === 'extra') {
    const left = remaining(m.line, s.scanned);
    return refuse(f, code, 'extra_item', `${m.line.sku} ${m.line.name}: ${left === 0 ? 'all' : `only ${left} more of`} ${m.line.qty - m.line.packedBefore} already in`, 'take the extra one out of the box');
  }
  s.multiplier = null;
  s.scanned = { ...s.scanned, [m.line.lineId]: (s.scanned[m.line.lineId] ?? 0) + m.units };
  s.counters = { ...s.counters, items: s.counters.items + m.units };
  note(f, code, 'ok', `${m.line.sku} ${m.units > 1 ? `x${m.units} ` : ''}${m.line.name}`);
  if (orderComplete(t, s.scanned)) toWeigh(f);
}
