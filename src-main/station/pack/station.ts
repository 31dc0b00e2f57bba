// The packing bench: scan -> verify -> weigh -> label -> next, as a state machine in Node.
// Every input (a scan, a stable weight, a change from the core) is handled one at a time, in
// arrival order; the resulting state is journaled before the screen hears of it.
import { join } from 'node:path';
import type { ChangeEvent } from '../../contract/domain';
import type { PackAlert, PackView, PackPhase } from '../../contract/pack';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/log';
import type { LabelData } from '../../labels/fields';
import type { LabelRenderer } from '../../labels/worker/pool';
import {
  parseCommand, matchInOrder, remaining, orderComplete, unitsIn, weightWindow, judgeWeight, parcelItems,
  type Ticket,
} from './rules';
import type { PackCore, ParcelConfirmed, SortedItem } from './core';
import { SnapshotJournal } from './journal';
import { EMPTY, packView, type Operator, type Persisted } from './state';

const log = logger('station.pack');

export interface StationWeight {
  grams: number | null;
  stable: boolean;
  status: string;
}

/** The devices the bench uses (DeviceHub implements it; tests of one piece may fake it). */
export interface BenchDevices {
  labelPrinterLanguage(): 'zpl' | 'tspl' | 'epl' | 'pdf' | 'raw' | null;
  enqueueLabel(bytes: Uint8Array, label: string): string;
  /** labels of jobs still queued on the label printer (to never queue one twice) */
  queuedLabels(): string[];
}

export interface PackStationOptions {
  dataDir: string;
  bench: { id: string; name: string };
  core: PackCore;
  devices: BenchDevices;
  labels: LabelRenderer;
  /** log the operator out after this long without a scan (default 15 min; 0: never) */
  idleLogoutMs?: number;
  now?: () => number;
  /** dots per inch of the label printer */
  dpi?: 203 | 300;
}

/** Feed events that stop the bench for the order on it. */
const STOPPING: Record<string, PackAlert['kind']> = {
  'order.cancel': 'cancelled', 'order.hold': 'on_hold', 'order.raise_exception': 'changed', 'order.address_changed': 'changed', 'order.updated': 'changed',
};

export class PackStation {
  private s: Persisted;
  private readonly journal: SnapshotJournal<Persisted>;
  private chain: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(v: PackView) => void>();
  private weight: (StationWeight & { at: number }) | null = null;
  /** the scale showed (near) nothing since the last label: the next stable weight is a new box */
  private scaleCleared = true;
  private online = true;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly o: PackStationOptions) {
    this.now = o.now ?? Date.now;
    this.journal = new SnapshotJournal(join(o.dataDir, 'station', `${o.bench.id}.jsonl`));
    this.s = { ...EMPTY, ...(this.journal.load() ?? {}) };
  }

  /** Picks up where a crash left off: a parcel being confirmed is confirmed (same key) and printed once. */
  async resume(): Promise<void> {
    await this.run(async () => {
      if (this.s.phase === 'label' && this.s.confirming) await this.confirmAndPrint();
      for (const l of this.s.labels.filter((x) => !x.printed)) await this.printLabel(l);
    });
    this.armIdle();
  }

  view(): PackView {
    return packView(this.s, { bench: this.o.bench, weight: this.weight, online: this.online });
  }

  /** The session the bench acts with at the core (the logged-in operator's), or null. */
  operatorToken(): string | null {
    return this.s.operator?.token ?? null;
  }

  onView(fn: (v: PackView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- inputs -------------------------------------------------------------------------------

  /** A scan from any scanner (device or keyboard wedge). Resolves with the view that shows its result. */
  scan(code: string, source = 'wedge'): Promise<PackView> {
    return this.run(() => this.handleScan(code.trim(), source));
  }

  /** The operator of a screen session steps onto the bench (the session token proves who). */
  loginWithToken(token: string): Promise<PackView> {
    return this.run(async () => {
      const user = await this.o.core.me(token);
      this.startShift({ ...user, token });
      this.note(user.name, 'ok', `${user.name} is packing on ${this.o.bench.name}`);
    });
  }

  /** A typed reason for the pending reprint / void / short / override. */
  reason(text: string): Promise<PackView> {
    return this.run(async () => {
      this.pendingReason = text;
      this.note(text, 'info', 'reason noted: now scan the command again, or a lead badge to override');
    });
  }

  /** Live weights from the scale: shown at once; a stable one in the weigh phase is judged. */
  weighed(r: StationWeight): void {
    this.weight = { ...r, at: this.now() };
    if (r.grams !== null && r.grams < 20) this.scaleCleared = true;
    if (this.s.alert?.kind === 'scale' && r.grams !== null) {
      void this.run(async () => {
        if (this.s.alert?.kind === 'scale') this.s.alert = null;
      }).then(() => this.weighed(r));
      return;
    }
    if (this.s.phase === 'weigh' && !this.s.alert && r.stable && r.grams !== null && r.grams >= 20 && this.scaleCleared) {
      const grams = r.grams;
      void this.run(() => this.judge(grams));
    } else this.emitSoon();
  }

  /** The scale went away mid-weigh: say so; the weight is judged again once it is back. */
  scaleProblem(message: string): void {
    this.weight = null;
    if (this.s.phase === 'weigh') void this.run(async () => this.block('scale', message, 'check the scale cable and power; weighing goes on by itself when it is back', 'none'));
  }

  /** The label printer reports trouble (paper out, head open, unreachable). The job waits, printed once. */
  printerProblem(message: string): void {
    void this.run(async () => {
      if (this.s.alert?.kind === 'printer' && this.s.alert.message === message) return;
      this.s.alert = { kind: 'printer', message, action: 'fix the printer: the label prints by itself once it is ready, never twice', needs: 'none', at: this.now() };
    });
  }

  printerReady(): void {
    void this.run(async () => {
      if (this.s.alert?.kind === 'printer') this.s.alert = null;
    });
  }

  /** A change from the core's feed. A cancel or hold of the order on the bench stops it at once. */
  changed(e: ChangeEvent): void {
    const orderId = e.entity === 'order' ? e.entityId : typeof e.data?.orderId === 'string' ? e.data.orderId : null;
    if (!orderId) return;
    const newState = typeof e.data?.state === 'string' ? e.data.state : typeof e.data?.to === 'string' ? e.data.to : undefined;
    const kind = STOPPING[e.type] ?? (newState === 'cancelled' ? 'cancelled' : newState === 'on_hold' ? 'on_hold' : undefined);
    if (!kind) return;
    const onBench = this.s.ticket?.orderId === orderId;
    const labelled = this.s.labels.filter((l) => l.orderId === orderId);
    if (!onBench && labelled.length === 0) return;
    // Blocking happens now, synchronously, not after whatever the queue is doing: the confirm
    // that may be in flight is refused by the core (the order changed), so no label follows.
    this.applyStop(orderId, kind, labelled.map((l) => l.waybill));
    void this.run(async () => undefined);
  }

  setOnline(v: boolean): void {
    if (this.online === v) return;
    this.online = v;
    this.emitSoon();
  }

  /** Idle timeout: the operator is logged out. */
  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const ms = this.o.idleLogoutMs ?? 15 * 60_000;
    if (!ms || !this.s.operator) return;
    this.idleTimer = setTimeout(() => void this.run(async () => this.logout('logged out after a quiet spell')), ms);
    this.idleTimer.unref();
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.journal.close();
  }

  // ---- the workflow -------------------------------------------------------------------------

  private pendingReason: string | null = null;

  private async handleScan(code: string, _source: string): Promise<void> {
    if (!code) return;
    this.armIdle();
    const cmd = parseCommand(code);
    const s = this.s;

    if (!s.operator) {
      if (cmd) return this.refuse(code, 'not_allowed', 'nobody is logged in on this bench', 'scan your badge first');
      return this.badgeLogin(code);
    }
    if (cmd?.kind === 'command' && cmd.command === 'logout') return this.logout(`${s.operator.name} logged out`);

    // A stop that only a lead can clear: a lead's badge overrides (weight) or a skip ends it.
    if (s.alert?.needs === 'lead') {
      if (cmd?.kind === 'command' && cmd.command === 'skip') return this.skip(code);
      if (cmd) return this.refuse(code, s.alert.kind, s.alert.message, s.alert.action, false);
      return this.leadOverride(code);
    }
    if (s.alert?.needs === 'none' && (s.alert.kind === 'cancelled' || s.alert.kind === 'on_hold' || s.alert.kind === 'changed' || s.alert.kind === 'intercept')) {
      if (cmd?.kind === 'command' && cmd.command === 'skip') return this.skip(code);
      return this.refuse(code, s.alert.kind, s.alert.message, s.alert.action, false);
    }
    if (s.alert?.needs === 'scan') s.alert = null; // acknowledged by the next scan, which still counts

    if (cmd?.kind === 'quantity') {
      s.multiplier = cmd.times;
      return this.note(code, 'info', `next item counts ${cmd.times} times`);
    }
    if (cmd?.kind === 'command') return this.command(cmd.command, code);

    if (s.phase === 'verify' || s.phase === 'weigh') return this.scanInParcel(code);
    if (s.phase === 'done') {
      // scanning the printed label checks it went on the box just packed
      const label = s.labels.find((l) => l.waybill.toUpperCase() === code.toUpperCase());
      const last = s.labels.at(-1);
      if (label && label === last) return this.note(code, 'ok', `label ${code} is on the right box`);
      if (label) return this.refuse(code, 'wrong_order', `label ${code} belongs to an earlier parcel, not to ${last?.waybill}`, 'take that label off this box and scan PL-CMD-REPRINT for the right one');
    }
    return this.startParcel(code);
  }

  private async badgeLogin(code: string): Promise<void> {
    try {
      const r = await this.o.core.loginBadge(code);
      this.startShift({ id: r.user.id, name: r.user.name, role: r.user.role, token: r.token });
      this.note(code, 'ok', `${r.user.name} is packing on ${this.o.bench.name}`);
    } catch (e) {
      this.refuse(code, 'not_allowed', `${code} is not a badge this shop knows (${(e as Error).message})`, 'scan your own badge, or ask the lead for one');
    }
  }

  private startShift(op: Operator): void {
    const same = this.s.operator?.id === op.id;
    this.s.operator = op;
    if (!same) this.s.counters = { parcels: 0, items: 0, errors: 0 };
    if (this.s.phase === 'login') this.s.phase = this.s.ticket ? 'verify' : 'idle';
    this.armIdle();
  }

  private logout(message: string): void {
    const token = this.s.operator?.token;
    if (token) void this.o.core.logout(token).catch(() => undefined);
    this.s.operator = null;
    this.s.phase = 'login';
    this.s.alert = null;
    this.note('', 'info', message);
  }

  /** Idle or done: the scan names an order (number, channel no., pick slip, tote, slot) or an item of a single-item wave. */
  private async startParcel(code: string): Promise<void> {
    const op = this.s.operator!;
    let found;
    try {
      found = await this.o.core.lookup(op.token, code);
    } catch (e) {
      return this.coreTrouble(code, e);
    }
    let orderId: string | null = null;
    // a product's barcode also finds the orders that contain it: an item scan is never an order scan
    const isItem = found.skus.length > 0;
    if (isItem) found = { ...found, orders: [] };
    if (found.orders.length === 1) orderId = found.orders[0]!.id;
    else if (found.orders.length > 1) {
      const open = found.orders.filter((o) => ['allocated', 'in_wave', 'picked', 'packing'].includes(o.state));
      if (open.length === 1) orderId = open[0]!.id;
      else return this.refuse(code, 'wrong_order', `${code} belongs to ${found.orders.length} orders`, 'scan the order barcode on the pick slip instead');
    } else if (isItem) {
      // an item with no order on the bench: the put wall (or a single-item wave) says whose it is
      let sorted: SortedItem;
      try {
        sorted = await this.o.core.sortItem(op.token, code, this.o.bench.id);
      } catch (e) {
        const err = e as AppError;
        if (err.code === 'unavailable') return this.coreTrouble(code, e);
        return this.refuse(code, 'wrong_order', err.message, 'put it aside for the lead, or scan the order barcode on the pick slip');
      }
      if (this.s.phase === 'done') this.clearBench('idle'); // the last parcel has left the bench
      this.s.sort = { slot: sorted.slot, waveNumber: sorted.waveNumber, orderNumber: sorted.orderNumber, remaining: sorted.remainingInSlot, complete: sorted.complete, at: this.now() };
      if (!sorted.complete) return this.note(code, 'ok', `put it in slot ${sorted.slot} (${sorted.orderNumber}): ${sorted.remainingInSlot} more to come`);
      orderId = sorted.orderId;
    }
    if (!orderId) return this.refuse(code, 'unknown_code', `${code} is not an order, tote, slot or item this shop knows`, 'check the code and scan the order barcode on the pick slip');

    let ticket: Ticket;
    try {
      ticket = await this.o.core.startPack(op.token, orderId, this.o.bench.id);
    } catch (e) {
      const err = e as AppError;
      if (err.code === 'unavailable') return this.coreTrouble(code, e);
      return this.refuse(code, 'wrong_order', err.message, 'put the items aside and give the slip to the lead');
    }
    const s = this.s;
    s.ticket = ticket;
    s.scanned = {};
    s.box = null;
    s.parcelIndex = ticket.parcelsBefore + 1;
    s.multiplier = null;
    s.phase = 'verify';
    const sort = isItem ? s.sort : null;
    const units = ticket.lines.reduce((n, l) => n + l.qty - l.packedBefore, 0);
    // a single-item order: the one scan that sorted it also verifies it
    if (sort && units === 1) return this.scanInParcel(code);
    this.note(code, 'ok', sort ? `slot ${sort.slot} is complete: pack order ${ticket.number}, scanning each item into the box` : `order ${ticket.number}: scan each item`);
  }

  private async scanInParcel(code: string): Promise<void> {
    const s = this.s;
    const t = s.ticket!;
    const times = s.multiplier ?? 1;
    const m = matchInOrder(t, s.scanned, code, times);
    if (m.kind === 'box') {
      s.box = m.box;
      return this.note(code, 'ok', `box ${m.box.name} (${m.box.tareG} g)`);
    }
    if (m.kind === 'none') {
      // maybe another order's slip: never mix two orders in one box
      return this.refuse(code, 'wrong_item', `${code} is not in order ${t.number}`, 'take it out of the box and put it aside; then scan the next item of this order');
    }
    if (m.kind === 'extra') {
      const left = remaining(m.line, s.scanned);
      return this.refuse(code, 'extra_item', `${m.line.sku} ${m.line.name}: ${left === 0 ? 'all' : `only ${left} more of`} ${m.line.qty - m.line.packedBefore} already in`, 'take the extra one out of the box');
    }
    s.multiplier = null;
    s.scanned = { ...s.scanned, [m.line.lineId]: (s.scanned[m.line.lineId] ?? 0) + m.units };
    s.counters = { ...s.counters, items: s.counters.items + m.units };
    this.note(code, 'ok', `${m.line.sku} ${m.units > 1 ? `x${m.units} ` : ''}${m.line.name}`);
    if (orderComplete(t, s.scanned)) this.toWeigh();
  }

  private toWeigh(): void {
    const s = this.s;
    if (!s.box && s.ticket?.suggestedBoxId) s.box = s.ticket.boxTypes.find((b) => b.id === s.ticket!.suggestedBoxId) ?? null;
    s.phase = 'weigh';
    // a box already standing still on the scale counts only if it was put there after the last label
    const w = this.weight;
    if (w?.stable && w.grams !== null && w.grams >= 20 && this.scaleCleared) queueMicrotask(() => this.weighed(w));
  }

  private async judge(grams: number): Promise<void> {
    const s = this.s;
    if (s.phase !== 'weigh' || !s.ticket || s.alert) return;
    const w = weightWindow(s.ticket, s.scanned, s.box);
    const verdict = judgeWeight(w, grams);
    if (verdict !== 'pass') {
      const over = verdict === 'over';
      s.counters = { ...s.counters, errors: s.counters.errors + 1 };
      s.alert = {
        kind: over ? 'overweight' : 'underweight',
        message: `${grams} g is ${over ? 'more' : 'less'} than expected (${w.minG}-${w.maxG} g)`,
        action: over ? 'check for an extra item or a wrong box; a lead can scan their badge to let it pass' : 'check for a missing item; a lead can scan their badge to let it pass',
        needs: 'lead',
        at: this.now(),
      };
      this.pendingWeight = grams;
      return;
    }
    await this.toLabel(grams);
  }

  private pendingWeight: number | null = null;

  private async leadOverride(badge: string): Promise<void> {
    const s = this.s;
    if (s.phase !== 'weigh' || this.pendingWeight === null) return this.refuse(badge, 'not_allowed', 'nothing to override', 'scan PL-CMD-SKIP to clear the bench');
    const reason = this.pendingReason ?? `weight ${this.pendingWeight} g accepted at ${this.o.bench.name}`;
    this.pendingReason = null;
    s.alert = null;
    await this.toLabel(this.pendingWeight, { badge, reason });
    if (!this.s.alert) this.note(badge, 'ok', `weight accepted by a lead: ${reason}`);
  }

  private async toLabel(grams: number, override?: { badge: string; reason: string }): Promise<void> {
    const s = this.s;
    const final = orderComplete(s.ticket!, s.scanned);
    s.phase = 'label';
    s.confirming = { key: `${this.o.bench.id}:${s.ticket!.orderId}:${s.parcelIndex}:${this.now()}`, measuredG: grams, final, ...(override ? { override } : {}) };
    this.persist();
    await this.confirmAndPrint();
  }

  /** Asks the core to confirm the parcel (it refuses if the order changed); only then prints. */
  private async confirmAndPrint(): Promise<void> {
    const s = this.s;
    const c = s.confirming!;
    const t = s.ticket!;
    let done: ParcelConfirmed;
    try {
      done = await this.o.core.confirmParcel(s.operator!.token, c.key, {
        orderId: t.orderId, bench: this.o.bench.id, expectedVersion: t.version, boxTypeId: s.box?.id ?? null,
        items: parcelItems(t, s.scanned), measuredG: c.measuredG, final: c.final, ...(c.override ? { override: c.override } : {}),
      });
    } catch (e) {
      const err = e as AppError;
      s.confirming = null;
      if (err.code === 'unavailable') {
        s.phase = 'weigh';
        return this.block('core', err.message, 'the parcel waits; weigh it again once the connection is back', 'scan');
      }
      if (c.override && (err.code === 'forbidden' || err.code === 'unauthenticated' || err.code === 'validation')) {
        s.phase = 'weigh';
        this.pendingWeight = c.measuredG;
        s.alert = { kind: 'not_allowed', message: err.message, action: 'a lead must scan their own badge to let this weight pass', needs: 'lead', at: this.now() };
        return this.note(c.override.badge, 'error', err.message);
      }
      if (err.code === 'conflict') {
        // the order changed while on the bench (cancelled, held, address): never print
        s.phase = 'verify';
        return this.block('changed', err.message, 'stop: put the items aside and scan PL-CMD-SKIP', 'none');
      }
      s.phase = 'weigh';
      s.alert = { kind: 'overweight', message: err.message, action: 'a lead can scan their badge to let it pass, or scan PL-CMD-SKIP', needs: 'lead', at: this.now() };
      this.pendingWeight = c.measuredG;
      return;
    }
    const label = {
      parcelId: done.parcelId, orderId: t.orderId, waybill: done.waybill, index: done.seq, country: t.country, jobId: null, at: this.now(), printed: false, data: done.label,
    };
    s.labels = [...s.labels.slice(-19), label];
    s.counters = { ...s.counters, parcels: s.counters.parcels + 1 };
    s.confirming = null;
    this.scaleCleared = false;
    if (c.final) {
      s.phase = 'done';
      s.ticket = { ...t, state: 'packed', version: done.orderVersion };
    } else {
      // the next box of the same order: the scanned items are in the labelled parcel now
      s.ticket = { ...t, version: done.orderVersion, parcelsBefore: t.parcelsBefore + 1, lines: t.lines.map((l) => ({ ...l, packedBefore: l.packedBefore + (s.scanned[l.lineId] ?? 0) })) };
      s.scanned = {};
      s.box = null;
      s.parcelIndex = done.seq + 1;
      s.phase = 'verify';
    }
    this.persist();
    await this.printLabel(label);
  }

  /** Renders and queues a label once; the print queue's own journal takes it from there. */
  private async printLabel(l: Persisted['labels'][number], reprint = 0, data: LabelData = l.data): Promise<void> {
    const key = reprint ? `parcel:${l.parcelId}:reprint:${reprint}` : `parcel:${l.parcelId}`;
    if (!reprint && this.o.devices.queuedLabels().includes(key)) {
      l.printed = true;
      return;
    }
    const language = this.o.devices.labelPrinterLanguage();
    if (!language) return this.block('printer', 'no label printer is set up', 'choose one on the Devices screen; the label prints then', 'scan');
    try {
      const format = language === 'tspl' ? 'tspl' : language === 'pdf' ? 'pdf' : 'zpl';
      // a Chinese e-waybill needs the carrier's sorting code (from its e-waybill API); a number
      // from a range has none, so that parcel gets the generic 4x6 shipping label
      const template = l.country === 'CN' && data.carrier?.sortCode ? 'cn-ewaybill-76x130' : 'shipping-4x6';
      const rendered = await this.o.labels.render({ template, data, format, dpi: this.o.dpi ?? 203 });
      const jobId = this.o.devices.enqueueLabel(rendered.bytes, key);
      if (!reprint) {
        l.jobId = jobId;
        l.printed = true;
      }
      this.persist();
    } catch (e) {
      log.error({ err: (e as Error).message, parcel: l.parcelId }, 'label not queued');
      this.block('printer', `the label for ${l.waybill} was not queued: ${(e as Error).message}`, 'fix the printer set-up, then scan PL-CMD-REPRINT', 'scan');
    }
  }

  private async command(command: string, code: string): Promise<void> {
    const s = this.s;
    const op = s.operator!;
    switch (command) {
      case 'newBox': {
        if (s.phase !== 'verify' || unitsIn(s.scanned) === 0) return this.refuse(code, 'not_allowed', 'a new box needs at least one item in this one', 'scan the items of this box first');
        this.toWeigh();
        return this.note(code, 'info', `box ${s.parcelIndex} is full: weigh it; the rest go into box ${s.parcelIndex + 1}`);
      }
      case 'reprint': {
        const last = s.labels.at(-1);
        if (!last) return this.refuse(code, 'not_allowed', 'no label printed on this bench yet', 'nothing to reprint');
        const reason = this.takeReason('reprint at the bench');
        let data: LabelData;
        try {
          data = await this.o.core.reprintParcel(op.token, last.parcelId, reason);
        } catch (e) {
          return this.coreTrouble(code, e);
        }
        await this.printLabel(last, this.now(), data);
        return this.note(code, 'ok', `label ${last.waybill} printed again`);
      }
      case 'void': {
        const last = s.labels.at(-1);
        if (!last) return this.refuse(code, 'not_allowed', 'no label printed on this bench yet', 'nothing to void');
        try {
          await this.o.core.voidParcel(op.token, last.parcelId, this.takeReason('voided at the bench'));
        } catch (e) {
          return this.coreTrouble(code, e);
        }
        s.labels = s.labels.filter((l) => l !== last);
        s.ticket = null;
        s.scanned = {};
        s.phase = 'idle';
        return this.note(code, 'ok', `waybill ${last.waybill} voided: tear the label off; scan the order again to pack it anew`);
      }
      case 'short': {
        if (!s.ticket || (s.phase !== 'verify' && s.phase !== 'weigh')) return this.refuse(code, 'not_allowed', 'no order on the bench', 'scan an order first');
        const missing = s.ticket.lines.filter((l) => remaining(l, s.scanned) > 0).map((l) => ({ skuId: l.skuId, qty: remaining(l, s.scanned) }));
        if (missing.length === 0) return this.refuse(code, 'not_allowed', 'nothing is missing: every item is scanned', 'weigh the parcel');
        try {
          await this.o.core.reportShort(op.token, s.ticket.orderId, this.o.bench.id, this.takeReason('item not found at the bench'), missing);
        } catch (e) {
          return this.coreTrouble(code, e);
        }
        const number = s.ticket.number;
        this.clearBench('idle');
        s.alert = { kind: 'short', message: `order ${number} reported short: it is in the lead's exception queue`, action: 'put the items in the exception tote; scan the next order', needs: 'scan', at: this.now() };
        return this.note(code, 'info', `order ${number} reported short`);
      }
      case 'skip': {
        return this.skip(code);
      }
      case 'override': {
        if (s.alert?.needs !== 'lead') return this.refuse(code, 'not_allowed', 'nothing to override', 'a lead override is for a weight out of tolerance');
        return this.note(code, 'info', 'lead: scan your badge');
      }
      default:
        return this.refuse(code, 'unknown_code', `command ${code} is not known`, 'use the command sheet');
    }
  }

  private skip(code: string): void {
    const had = this.s.ticket?.number;
    this.clearBench(this.s.operator ? 'idle' : 'login');
    this.note(code, 'info', had ? `order ${had} taken off the bench: nothing was printed for it` : 'bench cleared');
  }

  private clearBench(phase: PackPhase): void {
    const s = this.s;
    s.ticket = null;
    s.scanned = {};
    s.box = null;
    s.multiplier = null;
    s.confirming = null;
    s.alert = null;
    s.phase = phase;
    this.pendingWeight = null;
  }

  private applyStop(orderId: string, kind: PackAlert['kind'], waybills: string[]): void {
    const s = this.s;
    const number = s.ticket?.orderId === orderId ? s.ticket.number : orderId;
    const words = kind === 'cancelled' ? 'was cancelled' : kind === 'on_hold' ? 'was put on hold' : 'was changed';
    if (waybills.length > 0 && !(s.ticket?.orderId === orderId && s.phase !== 'done')) {
      if (!s.interceptions.some((i) => i.orderId === orderId)) s.interceptions = [...s.interceptions, { orderId, number, waybills, reason: `order ${words}` }];
      s.alert = { kind: 'intercept', message: `STOP: order ${number} ${words} after its label printed`, action: `pull parcel ${waybills.join(', ')} off the outgoing cart and give it to the lead; scan PL-CMD-SKIP when done`, needs: 'none', at: this.now() };
    } else {
      s.alert = { kind, message: `STOP: order ${number} ${words}`, action: 'do not ship it: put the items aside and scan PL-CMD-SKIP', needs: 'none', at: this.now() };
    }
    if (s.phase === 'weigh') s.phase = 'verify';
    s.counters = { ...s.counters, errors: s.counters.errors + 1 };
    if (s.ticket?.orderId === orderId) s.ticket = { ...s.ticket, state: kind === 'cancelled' ? 'cancelled' : kind === 'on_hold' ? 'on_hold' : s.ticket.state };
    this.persist();
    this.emit();
  }

  private takeReason(fallback: string): string {
    const r = this.pendingReason ?? fallback;
    this.pendingReason = null;
    return r;
  }

  private coreTrouble(code: string, e: unknown): void {
    const err = e as AppError;
    // the session the bench acted with ended (logged out elsewhere, expired): the next operator scans in
    if (err.code === 'unauthenticated') return this.logout('the session ended: scan your badge');
    this.refuse(code, 'core', err.message, err.code === 'unavailable' ? 'the order core is not answering: check the network; scan again in a moment' : 'ask the lead', true);
  }

  private block(kind: PackAlert['kind'], message: string, action: string, needs: PackAlert['needs']): void {
    this.s.alert = { kind, message, action, needs, at: this.now() };
  }

  private refuse(code: string, kind: PackAlert['kind'], message: string, action: string, count = true): void {
    const s = this.s;
    if (count) s.counters = { ...s.counters, errors: s.counters.errors + 1 };
    // a stop that needs a lead or a skip stays; anything else is replaced by this refusal
    if (!s.alert || s.alert.needs === 'scan') s.alert = { kind, message, action, needs: 'scan', at: this.now() };
    this.note(code, 'error', message);
  }

  private note(code: string, result: 'ok' | 'error' | 'info', message: string): void {
    this.s.seq += 1;
    this.s.lastScan = { seq: this.s.seq, code, result, message, at: this.now() };
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Runs one input after the previous one, journals the result, tells the screens. */
  private run(fn: () => Promise<void> | void): Promise<PackView> {
    const next = this.chain.then(async () => {
      try {
        await fn();
      } catch (e) {
        log.error({ err: (e as Error).stack }, 'bench input failed');
        this.s.alert = { kind: 'core', message: `something went wrong: ${(e as Error).message}`, action: 'scan again; if it repeats, call the lead', needs: 'scan', at: this.now() };
      }
      this.persist();
      this.emit();
      return this.view();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private persist(): void {
    if (this.s.phase === 'done' || this.s.phase === 'idle') this.journal.compact(this.s);
    else this.journal.append(this.s);
  }

  private emitTimer: NodeJS.Timeout | undefined;
  private emitSoon(): void {
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      this.emit();
    }, 100);
    this.emitTimer.unref();
  }

  private emit(): void {
    const v = this.view();
    for (const fn of this.listeners) fn(v);
  }
}
