// Why the bench stops without a scan: the order on it (or one labelled here) was cancelled, held
// or changed at the core; the scale or the label printer is in trouble.
import type { ChangeEvent } from '../../contract/system';
import type { PackAlert } from '../../contract/pack';
import { msg, packMessageText, type PackMessageKey } from '../../contract/pack-messages';
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
  /** the order's number as people know it (PL-...), from the event when the order is not on the bench */
  number: string;
  /** the lead's words for the cancel or hold, when they gave some */
  reason: string | null;
  /** waybills already printed on this bench for the order */
  waybills: string[];
}

/** The words of a stop, by its kind: on the bench, after its label printed, in the list of parcels to pull. */
const STOP_WORDS: Record<'cancelled' | 'on_hold' | 'changed', { stop: PackMessageKey; intercept: PackMessageKey; pull: PackMessageKey }> = {
  cancelled: { stop: 'stopCancelled', intercept: 'interceptCancelled', pull: 'pullCancelled' },
  on_hold: { stop: 'stopHeld', intercept: 'interceptHeld', pull: 'pullHeld' },
  changed: { stop: 'stopChanged', intercept: 'interceptChanged', pull: 'pullChanged' },
};
const text = (e: ChangeEvent, field: string) => (typeof e.data?.[field] === 'string' && e.data[field] ? (e.data[field] as string) : null);

/** The stop a change from the core's feed means for this bench, or null when it does not concern it. */
export function stopFor(s: Persisted, e: ChangeEvent): OrderStop | null {
  const orderId = e.entity === 'order' ? e.entityId : typeof e.data?.orderId === 'string' ? e.data.orderId : null;
  if (!orderId) return null;
  const newState = typeof e.data?.state === 'string' ? e.data.state : typeof e.data?.to === 'string' ? e.data.to : undefined;
  const kind = STOPPING[e.type] ?? (newState === 'cancelled' ? 'cancelled' : newState === 'on_hold' ? 'on_hold' : undefined);
  if (!kind) return null;
  // an order merged into the parcel on the bench stops it as the order itself does (its lines are in the box)
  const onBench = s.ticket?.orderId === orderId || !!s.ticket?.merged?.some((m) => m.id === orderId);
  const labelled = s.labels.filter((l) => l.orderId === orderId);
  if (!onBench && labelled.length === 0) return null;
  const number = onBench ? (s.ticket!.merged?.find((m) => m.id === orderId)?.number ?? s.ticket!.number) : text(e, 'number') ?? orderId;
  return { orderId, kind, number, reason: text(e, 'reason'), waybills: labelled.map((l) => l.waybill) };
}

/** Stops the bench: the order on it is not to ship; a parcel already labelled is to be pulled. */
export function applyStop(f: Flow, { orderId, kind, number, reason, waybills }: OrderStop): void {
  const s = f.s;
  const words = STOP_WORDS[kind === 'cancelled' || kind === 'on_hold' ? kind : 'changed'];
  const why = reason ?? undefined;
  if (waybills.length > 0 && !(s.ticket?.orderId === orderId && s.phase !== 'done')) {
    if (!s.interceptions.some((i) => i.orderId === orderId)) s.interceptions = [...s.interceptions, { orderId, number, waybills, reason: msg(words.pull, undefined, why) }];
    s.alert = { kind: 'intercept', message: msg(words.intercept, { order: number }, why), action: msg('interceptAction', { waybills: waybills.join(', ') }), needs: 'lead', at: f.now() };
  } else if (LEAD_STOPS.includes(kind)) {
    s.alert = { kind, message: msg(words.stop, { order: number }, why), action: msg('leadStopAction'), needs: 'lead', at: f.now() };
  } else {
    s.alert = { kind, message: msg(words.stop, { order: number }, why), action: msg('stopAction'), needs: 'none', at: f.now() };
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
  } catch {
    // the code may be a badge mistyped or someone else's: never shown
    return refuse(f, '', alert.kind, msg('stopNotTaken'), alert.action, false);
  }
  if (!MANAGE.includes(who.role as Role)) return refuse(f, '', alert.kind, msg('notALead', { name: who.name }), alert.action, false);
  const order = s.ticket && (s.ticket.state === 'cancelled' || s.ticket.state === 'on_hold') ? s.ticket.number : null;
  f.audit({ event: 'stop.cleared', kind: alert.kind, message: packMessageText(alert.message), by: { id: who.id, name: who.name, role: who.role }, order });
  if (order) clearBench(s, 'skipped');
  else s.alert = null;
  note(f, '', 'ok', order ? msg('stopClearedOrderOff', { name: who.name, order }) : msg('stopCleared', { name: who.name }));
}

/** The scale went away mid-weigh; weighing goes on by itself once it is back. */
export function scaleStop(f: Flow, reason: string | undefined): void {
  block(f, 'scale', msg('scaleProblem', undefined, reason), msg('scaleAction'), 'none');
}

/** The label printer reports trouble (paper out, head open, unreachable): the job waits, printed once. */
export function printerStop(f: Flow, problem: PackMessageKey, reason: string | undefined): void {
  const message = msg(problem, undefined, reason);
  const now = f.s.alert;
  if (now?.kind === 'printer' && now.message.key === message.key && now.message.detail === message.detail) return;
  f.s.alert = { kind: 'printer', message, action: msg('printerAction'), needs: 'none', at: f.now() };
}

/** A device stop of this kind is over. */
export function deviceBack(f: Flow, kind: 'printer' | 'scale'): void {
  if (f.s.alert?.kind === kind) f.s.alert = null;
}

/**
 * A lead resolved the interception of an order (exceptions: resolve, kind intercept): its parcels
 * are dealt with, so the bench stops asking for them. True when the bench changed.
 */
export function interceptResolved(s: Persisted, e: ChangeEvent): boolean {
  if (e.type !== 'exception.resolved' || e.entity !== 'order' || e.data?.kind !== 'intercept') return false;
  const gone = s.interceptions.find((i) => i.orderId === e.entityId);
  if (!gone) return false;
  s.interceptions = s.interceptions.filter((i) => i !== gone);
  if (s.alert?.kind === 'intercept' && s.alert.message.params?.order === gone.number) s.alert = null;
  return true;
}
