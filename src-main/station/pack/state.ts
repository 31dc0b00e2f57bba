// The bench's state: what survives a crash (journaled after every acknowledged input), and the
// view the screens get of it. Pure data and pure functions, so the flow's files keep to the flow.
import type { PackAlert, PackPhase, PackView } from '../../contract/pack';
import type { LabelData } from '../../contract/labels';
import { msg, type PackMessage } from '../../contract/pack-messages';
import { moveTo, type BenchEvent } from './phases';
import { weightWindow, type Scanned, type Ticket, type TicketBox } from './rules';

export interface Operator {
  id: string;
  name: string;
  role: string;
  /** the session the bench acts with at the core: in memory only, never journaled (a crash asks for the badge again) */
  token: string;
  /** the session's id at the core (`session.ended` names it) */
  sessionId?: string;
  /** the bench opened this session for a badge scan (its logout ends it) */
  issuedHere?: boolean;
}

/** What survives a crash: everything the operator has seen acknowledged. */
export interface Persisted {
  operator: Operator | null;
  phase: PackPhase;
  ticket: Ticket | null;
  scanned: Scanned;
  parcelIndex: number;
  box: TicketBox | null;
  multiplier: number | null;
  /** the parcel being confirmed: the same key is sent again after a crash, so one waybill */
  confirming: { key: string; measuredG: number; final: boolean; override?: { badge: string; reason: string } } | null;
  /** parcels labelled on this bench: id -> waybill; `printed` once the job is queued */
  labels: { parcelId: string; orderId: string; waybill: string; index: number; country: string; jobId: string | null; at: number; printed: boolean; data: LabelData }[];
  alert: PackAlert | null;
  interceptions: PackView['interceptions'];
  counters: PackView['counters'];
  lastScan: PackView['lastScan'];
  /** the last item sorted into a put-wall slot */
  sort: PackView['sort'];
  seq: number;
  /** a weight out of tolerance, waiting for a lead's badge to let it pass */
  pendingWeightG: number | null;
  /** typed for the next reprint, void, short or override */
  pendingReason: string | null;
  /** the scale showed (near) nothing since the last label: the next stable weight is a new box */
  scaleCleared: boolean;
}

export const EMPTY: Persisted = {
  operator: null, phase: 'login', ticket: null, scanned: {}, parcelIndex: 1, box: null, multiplier: null,
  confirming: null, labels: [], alert: null, interceptions: [], counters: { parcels: 0, items: 0, errors: 0 }, lastScan: null, seq: 0, sort: null,
  pendingWeightG: null, pendingReason: null, scaleCleared: true,
};

/** A journal written before the bench spoke in message keys held sentences: they stay readable as they are. */
export function inWords(s: Persisted): Persisted {
  const m = (x: PackMessage | string): PackMessage => (typeof x === 'string' ? msg('text', { text: x }) : x);
  if (s.alert) s.alert = { ...s.alert, message: m(s.alert.message), action: m(s.alert.action) };
  if (s.lastScan) s.lastScan = { ...s.lastScan, message: m(s.lastScan.message) };
  s.interceptions = s.interceptions.map((i) => ({ ...i, reason: m(i.reason) }));
  return s;
}

/** Takes the order off the bench (a typed reason stays for whatever asks for one next). */
export function clearBench(s: Persisted, event: BenchEvent): void {
  s.ticket = null;
  s.scanned = {};
  s.box = null;
  s.multiplier = null;
  s.confirming = null;
  s.alert = null;
  s.pendingWeightG = null;
  moveTo(s, event);
}

/** The typed reason, used up; or the bench's own words when none was typed. */
export function takeReason(s: Persisted, fallback: string): string {
  const r = s.pendingReason ?? fallback;
  s.pendingReason = null;
  return r;
}

/** The order on the bench as the screens show it, or null. */
export function orderView(s: Persisted): PackView['order'] {
  if (!s.ticket) return null;
  const t = s.ticket;
  return {
    id: t.orderId, number: t.number, channel: t.channel, externalId: t.externalId, state: t.state,
    carrier: t.carrier, recipient: t.recipient, slot: t.slot,
    lines: t.lines.map((l) => ({
      lineId: l.lineId, skuId: l.skuId, sku: l.sku, name: l.name, barcodes: l.barcodes.map((b) => b.code), location: l.location,
      qty: l.qty, packedBefore: l.packedBefore, scanned: s.scanned[l.lineId] ?? 0, unitWeightG: l.unitWeightG, hasImage: l.hasImage, ...(l.orderNumber ? { orderNumber: l.orderNumber } : {}),
    })),
    merged: t.merged ?? [],
    packerNote: t.packerNote ?? null,
  };
}

/** What the screens show: the persisted state plus the live weight and connection. */
export function packView(s: Persisted, live: { bench: PackView['bench']; weight: PackView['weight']; online: boolean; coreLostAt: number | null; mode: PackView['mode'] }): PackView {
  const w = s.ticket ? weightWindow(s.ticket, s.scanned, s.box) : null;
  const suggested = s.ticket?.boxTypes.find((b) => b.id === s.ticket?.suggestedBoxId) ?? null;
  const last = s.labels.at(-1);
  return {
    bench: live.bench,
    operator: s.operator ? { id: s.operator.id, name: s.operator.name, role: s.operator.role } : null,
    mode: live.mode,
    phase: s.phase,
    order: orderView(s),
    parcel: s.ticket
      ? {
          index: s.parcelIndex, boxType: s.box, suggestedBox: suggested ? { id: suggested.id, code: suggested.code, name: suggested.name } : null,
          expectedG: w?.expectedG ?? null, minG: w?.minG ?? null, maxG: w?.maxG ?? null,
        }
      : null,
    weight: live.weight,
    multiplier: s.multiplier,
    lastScan: s.lastScan,
    alert: s.alert,
    lastLabel: last ? { parcelId: last.parcelId, waybill: last.waybill, index: last.index, jobId: last.jobId, at: last.at } : null,
    interceptions: s.interceptions,
    sort: s.sort,
    counters: s.counters,
    online: live.online,
    coreLostAt: live.coreLostAt,
  };
}
