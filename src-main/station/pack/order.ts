// A scan on a free bench names the next order: its number, channel number, pick slip, tote or
// cart slot; or, for the put wall and single-item waves, an item whose order the core sorts out.
import type { AppError } from '../../lib/errors';
import { coreRefusal, msg } from '../../contract/pack-messages';
import { orderToStart } from '../../contract/packing';
import type { SortedItem } from './core';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { moveTo } from './phases';
import type { Ticket } from './rules';
import { scanInParcel } from './parcel';
import { coreTrouble, unknownCode } from './shift';
import { clearBench } from './state';

export async function startParcel(f: Flow, code: string): Promise<void> {
  const op = f.s.operator!;
  // one round trip: the core looks the code up and starts the one order it names (as startPack would)
  let found;
  try {
    found = await f.o.core.scanOrder(op.token, code, f.o.bench.id);
  } catch (e) {
    return coreTrouble(f, code, e);
  }
  if (found.refused) return refuse(f, code, 'wrong_order', coreRefusal(found.refused), msg('giveSlipToLead'));
  // a product's barcode also finds the orders that contain it: an item scan is never an order scan
  const isItem = found.skus.length > 0;
  const named = isItem ? null : orderToStart(found.orders);
  if (named === 'many') return refuse(f, code, 'wrong_order', msg('codeManyOrders', { code, n: found.orders.length }), msg('scanSlipInstead'));
  let orderId = named;
  if (isItem) {
    // an item with no order on the bench: the put wall (or a single-item wave) says whose it is
    let sorted: SortedItem;
    try {
      sorted = await f.o.core.sortItem(op.token, code, f.o.bench.id);
    } catch (e) {
      const err = e as AppError;
      if (err.code === 'unavailable') return coreTrouble(f, code, e);
      return refuse(f, code, 'wrong_order', coreRefusal(err), msg('putAsideOrSlip'));
    }
    if (f.s.phase === 'done') clearBench(f.s, 'parcelLeft');
    f.s.sort = { slot: sorted.slot, waveNumber: sorted.waveNumber, orderNumber: sorted.orderNumber, remaining: sorted.remainingInSlot, complete: sorted.complete, at: f.now() };
    if (!sorted.complete) return note(f, code, 'ok', msg('putInSlot', { slot: sorted.slot, order: sorted.orderNumber, n: sorted.remainingInSlot }));
    orderId = sorted.orderId;
  }
  if (!orderId) return unknownCode(f, code, msg('codeNotKnownIdle', { code }), msg('checkCodeScanSlip'));

  let ticket: Ticket;
  if (found.ticket && found.ticket.orderId === orderId) ticket = found.ticket;
  else {
    try {
      ticket = await f.o.core.startPack(op.token, orderId, f.o.bench.id);
    } catch (e) {
      const err = e as AppError;
      if (err.code === 'unavailable') return coreTrouble(f, code, e);
      return refuse(f, code, 'wrong_order', coreRefusal(err), msg('giveSlipToLead'));
    }
  }
  const s = f.s;
  s.ticket = ticket;
  s.scanned = {};
  s.box = null;
  s.parcelIndex = ticket.parcelsBefore + 1;
  s.multiplier = null;
  moveTo(s, 'orderStarted');
  const sort = isItem ? s.sort : null;
  const units = ticket.lines.reduce((n, l) => n + l.qty - l.packedBefore, 0);
  // a single-item order: the one scan that sorted it also verifies it
  if (sort && units === 1) return scanInParcel(f, code);
  // the core holds this start (its claim for this bench): see Flow.heldByCore
  f.heldByCore = true;
  note(f, code, 'ok', sort ? msg('slotCompletePack', { slot: sort.slot, order: ticket.number }) : msg('orderScanEach', { order: ticket.number }));
}
