// Why the bench stops without a scan: the order on it (or one labelled here) was cancelled, held
// or changed at the core; the scale or the label printer is in trouble.
import type { ChangeEvent } from '../../contract/system';
import type { PackAlert } from '../../contract/pack';
import type { Role } from '../../contract/people';
import { MANAGE } from '../../contract/routing';
import type { Flow } from './flow';
import { block, note, refuse } from './feedback';
import { moveTo } from './phases';
import { clearBench, type Persisted } from './state';

/** Stops for the order itself (not a device): they end by a skip (changed) or a lead's badge (the rest). */
export const ORDER_STOPS: readonly PackAlert['kind'][] = ['cancelled', 'on_hold', 'changed', 'intercept'];
/** An order that must not ship: only a lead lifts its stop (a changed order is simply scanned again). */
const LEAD_STOPS: readonly PackAlert['kind'][] = ['cancelled', 'on_hold', 'intercept'];

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
    s.alert = { kind: 'intercept', message: `STOP: order ${number} ${words} after its label printed`, action: `pull parcel ${waybills.join(', ')} off the outgoing cart and give it to the lead; the lead scans their badge when done`, needs: 'lead', at: f.now() };
  } else if (LEAD_STOPS.includes(kind)) {
    s.alert = { kind, message: `STOP: order ${number} ${words}`, action: 'do not ship it: put the items aside; a lead scans their badge to clear this stop', needs: 'lead', at: f.now() };
  } else {
    s.alert = { kind, message: `STOP: order ${number} ${words}`, action: 'do not ship it: put the items aside and scan PL-CMD-SKIP', needs: 'none', at: f.now() };
  }
  // a weight waiting for a lead is moot once the order itself stops
  if (s.ticket?.orderId === orderId) s.pendingWeightG = null;
  if (s.phase === 'weigh') moveTo(s, 'orderStopped');
  s.counters = { ...s.counters, errors: s.counters.errors + 1 };
  if (s.ticket?.orderId === orderId) s.ticket = { ...s.ticket, state: kind === 'cancelled' ? 'cancelled' : kind === 'on_hold' ? 'on_hold' : s.ticket.state };
}

/**
 * A badge scanned at a stop for a cancelled, held or intercepted order: a lead's (or admin's, as for
 * a weight) lifts it, and the stopped order leaves the bench with nothing printed. Audited.
 */
export async function leadClears(f: Flow, badge: string): Promise<void> {
  const s = f.s;
  const alert = s.alert!;
  let who;
  try {
    const r = await f.o.core.loginBadge(badge);
    // the badge only says who is here: the session it opened ends at once
    void f.o.core.logout(r.token).catch(() => undefined);
    who = r.user;
  } catch (e) {
    return refuse(f, '', alert.kind, `the code scanned is not a badge this shop knows (${(e as Error).message})`, alert.action, false);
  }
  if (!MANAGE.includes(who.role as Role)) return refuse(f, '', alert.kind, `${who.name} is not a lead: only a lead's badge clears this stop`, alert.action, false);
  const order = s.ticket && (s.ticket.state === 'cancelled' || s.ticket.state === 'on_hold') ? s.ticket.number : null;
  f.audit({ event: 'stop.cleared', kind: alert.kind, message: alert.message, by: { id: who.id, name: who.name, role: who.role }, order });
  if (order) clearBench(s, 'skipped');
  else s.alert = null;
  note(f, '', 'ok', `stop cleared by ${who.name}${order ? `: order ${order} is off the bench, nothing was printed for it` : ''}`);
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
