// A weight that passed: the core confirms the parcel (one waybill per journaled key, also after a
// crash) and refuses it if the order changed; only then the label is rendered and queued, once.
import type { AppError } from '../../lib/errors';
import { logger } from '../../lib/log';
import type { LabelData } from '../../contract/labels';
import { DEFAULT_CARRIER_TEMPLATE } from '../../contract/carriers';
import { coreRefusal, msg } from '../../contract/pack-messages';
import type { ParcelConfirmed } from './core';
import type { Flow } from './flow';
import { block, note } from './feedback';
import { moveTo } from './phases';
import { orderComplete, parcelItems } from './rules';
import type { Persisted } from './state';

const log = logger('station.pack');

export async function toLabel(f: Flow, grams: number, override?: { badge: string; reason: string }): Promise<void> {
  const s = f.s;
  const final = orderComplete(s.ticket!, s.scanned);
  moveTo(s, 'weightAccepted');
  s.confirming = { key: `${f.o.bench.id}:${s.ticket!.orderId}:${s.parcelIndex}:${f.now()}`, measuredG: grams, final, ...(override ? { override } : {}) };
  f.persist();
  await confirmAndPrint(f);
}

/** Asks the core to confirm the parcel (it refuses if the order changed); only then prints. */
export async function confirmAndPrint(f: Flow): Promise<void> {
  const s = f.s;
  const c = s.confirming!;
  const t = s.ticket!;
  let done: ParcelConfirmed;
  try {
    done = await f.o.core.confirmParcel(s.operator!.token, c.key, {
      orderId: t.orderId, bench: f.o.bench.id, expectedVersion: t.version, boxTypeId: s.box?.id ?? null,
      items: parcelItems(t, s.scanned), measuredG: c.measuredG, final: c.final, ...(c.override ? { override: c.override } : {}),
    });
  } catch (e) {
    const err = e as AppError;
    if (err.code === 'unavailable') {
      // The core is away (a cable, a restart). The parcel stays confirming under the same journaled
      // key: retried by itself until the core answers, so it is labelled once, and only then.
      block(f, 'core', msg('labelWaitsForCore', undefined, err.message), msg('labelWaitsAction'), 'none');
      f.coreReached(false);
      return;
    }
    s.confirming = null;
    if (c.override && (err.code === 'forbidden' || err.code === 'unauthenticated' || err.code === 'validation')) {
      moveTo(s, 'confirmRefused');
      s.pendingWeightG = c.measuredG;
      s.alert = { kind: 'not_allowed', message: coreRefusal(err), action: msg('leadOwnBadge'), needs: 'lead', at: f.now() };
      return note(f, '', 'error', coreRefusal(err));
    }
    if (err.code === 'conflict') {
      // the order changed while on the bench (cancelled, held, address): never print
      moveTo(s, 'orderStopped');
      return block(f, 'changed', coreRefusal(err), msg('stopPutAside'), 'none');
    }
    moveTo(s, 'confirmRefused');
    s.alert = { kind: 'overweight', message: coreRefusal(err), action: msg('leadOrSkip'), needs: 'lead', at: f.now() };
    s.pendingWeightG = c.measuredG;
    return;
  }
  f.coreReached(true);
  if (s.alert?.kind === 'core') s.alert = null;
  const label = {
    parcelId: done.parcelId, orderId: t.orderId, waybill: done.waybill, index: done.seq, country: t.country, jobId: null, at: f.now(), printed: false, data: done.label,
  };
  s.labels = [...s.labels.slice(-19), label];
  s.counters = { ...s.counters, parcels: s.counters.parcels + 1 };
  s.confirming = null;
  s.scaleCleared = false;
  if (c.final) {
    moveTo(s, 'lastParcelLabelled');
    s.ticket = { ...t, state: 'packed', version: done.orderVersion };
  } else {
    // the next box of the same order: the scanned items are in the labelled parcel now
    s.ticket = { ...t, version: done.orderVersion, parcelsBefore: t.parcelsBefore + 1, lines: t.lines.map((l) => ({ ...l, packedBefore: l.packedBefore + (s.scanned[l.lineId] ?? 0) })) };
    s.scanned = {};
    s.box = null;
    s.parcelIndex = done.seq + 1;
    moveTo(s, 'nextBox');
  }
  f.persist();
  await printLabel(f, label);
}

/**
 * The template a parcel's label prints with: the carrier's own (Settings -> Carriers) when it chose
 * one; else a Chinese e-waybill when the carrier's e-waybill API gave a sorting code, and the generic
 * 4x6 shipping label otherwise (a number from a range has no sorting code).
 */
export function labelTemplateFor(data: LabelData, country: string | undefined): string {
  const own = data.carrier?.template;
  if (own && own !== DEFAULT_CARRIER_TEMPLATE) return own;
  return country === 'CN' && data.carrier?.sortCode ? 'cn-ewaybill-76x130' : DEFAULT_CARRIER_TEMPLATE;
}

/** Renders and queues a label once; the print queue's own journal takes it from there. */
export async function printLabel(f: Flow, l: Persisted['labels'][number], reprint = 0, data: LabelData = l.data): Promise<void> {
  const key = reprint ? `parcel:${l.parcelId}:reprint:${reprint}` : `parcel:${l.parcelId}`;
  const devices = f.o.devices;
  if (!reprint && devices.queuedLabels().includes(key)) {
    l.printed = true;
    return;
  }
  const language = devices.labelPrinterLanguage();
  if (!language) return block(f, 'printer', msg('noPrinter'), msg('noPrinterAction'), 'scan');
  try {
    const format = language === 'tspl' ? 'tspl' : language === 'pdf' ? 'pdf' : 'zpl';
    // the carrier account's label (an e-waybill), else the carrier's own, else by the waybill (labelTemplateFor)
    const template = labelTemplateFor(data, l.country);
    const rendered = await f.o.labels.render({ template, data, format, dpi: f.o.dpi ?? 203 });
    const jobId = devices.enqueueLabel(rendered.bytes, key);
    if (!reprint) {
      l.jobId = jobId;
      l.printed = true;
    }
    f.persist();
  } catch (e) {
    log.error({ err: (e as Error).message, parcel: l.parcelId }, 'label not queued');
    block(f, 'printer', msg('labelNotQueued', { waybill: l.waybill }, (e as Error).message), msg('labelNotQueuedAction'), 'scan');
  }
}
