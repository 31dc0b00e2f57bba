// Why the bench stops without a scan: the order on it (or one labelled here) was cancelled, held
// or changed at the core; the scale or the label printer is in trouble.
import type { ChangeEvent } from '../../contract/system';
import type { PackAlert } from '../../contract/pack';
import type { Flow } from './flow';
import { block } from './feedback';
import { moveTo } from './phases';
import type { Persisted } from './state';

/** Feed events that stop the bench for the order on it. */
const STOPPING: Record<string, PackAlert['kind']> = {
  'order.cancel': 'cancelled', 'order.hold': 'on_hold', 'order.raise_exception': 'changed', 'order.address_changed': 'changed', 'order.updated': 'changed',
};

export interface OrderStop {
  orderId: string;
  kind: PackAlert['kind'];
  /** waybills already printed on this bench for the order */
  waybills: string[];
}

/** The stop a change from the core's feed means for this bench, or null when it does not concern it. */
export function stopFor(s: Persisted, e: ChangeEvent): OrderStop | null {
  const orderId = e.entity === 'order' ? e.entityId : typeof e.data?.orderId === 'string' ? e.data.orderId : null;
  if (!orderId) return null;
  const newState = typeof e.data?.state === 'string' ? e.data.state : typeof e.data?.to === 'string' ? e.data.to : undefined;
  const kind = STOPPING[e.type] ?? (newState === 'cancelled' ? 'cancelled' : newState === 'on_hold' ? 'on_hold' : undefined);
  if (!kind) return null;
  const onBench = s.ticket?.orderId === orderId;
  const labelled = s.labels.filter((l) => l.orderId === orderId);
  if (!onBench && labelled.length === 0) return null;
  return { orderId, kind, waybills: labelled.map((l) => l.waybill) };
}

/** Stops the bench: the order on it is not to ship; a parcel already labelled is to be pulled. */
export function applyStop(f: Flow, { orderId, kind, waybills }: OrderStop): void {
  const s = f.s;
  const number = s.ticket?.orderId === orderId ? s.ticket.number : orderId;
  const words = kind === 'cancelled' ? 'was cancelled' : kind === 'on_hold' ? 'was put on hold' : 'was changed';
  if (waybills.length > 0 && !(s.ticket?.orderId === orderId && s.phase !== 'done')) {
    if (!s.interceptions.some((i) => i.orderId === orderId)) s.interceptions = [...s.interceptions, { orderId, number, waybills, reason: `order ${words}` }];
    s.alert = { kind: 'intercept', message: `STOP: order ${number} ${words} after its label printed`, action: `pull parcel ${waybills.join(', ')} off the outgoing cart and give it to the lead; scan PL-CMD-SKIP when done`, needs: 'none', at: f.now() };
  } else {
    s.alert = { kind, message: `STOP: order ${number} ${words}`, action: 'do not ship it: put the items aside and scan PL-CMD-SKIP', needs: 'none', at: f.now() };
  }
  if (s.phase === 'weigh') moveTo(s, 'orderStopped');
  s.counters = { ...s.counters, errors: s.counters.errors + 1 };
  if (s.ticket?.orderId === orderId) s.ticket = { ...s.ticket, state: kind === 'cancelled' ? 'cancelled' : kind === 'on_hold' ? 'on_hold' : s.ticket.state };
}

/** The scale went away mid-weigh; weighing goes on by itself once it is back. */
export function scaleStop(f: Flow, message: string): void {
  block(f, 'scale', message, 'check the scale cable and power; weighing goes on by itself when it is back', 'none');
}

/** The label printer reports trouble (paper out, head open, unreachable): the job waits, printed once. */
export function printerStop(f: Flow, message: string): void {
  if (f.s.alert?.kind === 'printer' && f.s.alert.message === message) return;
  f.s.alert = { kind: 'printer', message, action: 'fix the printer: the label prints by itself once it is ready, never twice', needs: 'none', at: f.now() };
}

/** A device stop of this kind is over. */
export function deviceBack(f: Flow, kind: 'printer' | 'scale'): void {
  if (f.s.alert?.kind === kind) f.s.alert = null;
}
