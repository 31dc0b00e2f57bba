// The packing bench: scan -> verify -> weigh -> label -> next, as a state machine in Node (the
// phases in phases.ts; each concern in its own file). Every input (a scan, a stable weight, a
// change from the core) is handled one at a time, in arrival order; the resulting state is
// journaled before the screen hears of it.
import type { ChangeEvent } from '../../contract/system';
import type { PackView } from '../../contract/pack';
import { msg, packMessageText, type PackMessageKey } from '../../contract/pack-messages';
import { logger } from '../../lib/log';
import { note } from './feedback';
import type { Flow, PackStationOptions, StationWeight } from './flow';
import { BenchJournal } from './journal';
import { confirmAndPrint, printLabel } from './label';
import { InputQueue } from './queue';
import { handleScan } from './scan';
import { logout, tokenLogin } from './shift';
import { packView } from './state';
import { applyStop, deviceBack, interceptResolved, printerStop, scaleStop, stopFor } from './stops';
import { EMPTY_SCALE_G, judge, newBoxOnScale } from './weigh';

export type { BenchDevices, PackStationOptions, StationWeight } from './flow';

const log = logger('station.pack');

export class PackStation {
  private readonly f: Flow;
  private readonly journal: BenchJournal;
  private readonly queue: InputQueue<PackView>;
  private listeners = new Set<(v: PackView) => void>();
  private online = true;
  private idleTimer: NodeJS.Timeout | undefined;
  private emitTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: PackStationOptions) {
    this.journal = new BenchJournal(o.dataDir, o.bench.id);
    this.f = {
      s: this.journal.load(), o, now: o.now ?? Date.now, weight: null,
      persist: () => this.persist(), weighed: (r) => this.weighed(r), armIdle: () => this.armIdle(),
    };
    this.queue = new InputQueue((failure) => {
      if (failure) {
        log.error({ err: failure.stack }, 'bench input failed');
        this.f.s.alert = { kind: 'core', message: msg('somethingWrong', undefined, failure.message), action: msg('scanAgainCallLead'), needs: 'scan', at: this.f.now() };
      }
      this.persist();
      this.emit();
      return this.view();
    });
  }

  /** Picks up where a crash left off: a parcel being confirmed is confirmed (same key) and printed once. */
  async resume(): Promise<void> {
    await this.run(async () => {
      const s = this.f.s;
      if (s.phase === 'label' && s.confirming) await confirmAndPrint(this.f);
      for (const l of s.labels.filter((x) => !x.printed)) await printLabel(this.f, l);
    });
    this.armIdle();
  }

  view(): PackView {
    return packView(this.f.s, { bench: this.o.bench, weight: this.f.weight, online: this.online });
  }

  /** The session the bench acts with at the core (the logged-in operator's), or null. */
  operatorToken(): string | null {
    return this.f.s.operator?.token ?? null;
  }

  onView(fn: (v: PackView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- inputs -------------------------------------------------------------------------------

  /** A scan from any scanner (device or keyboard wedge). Resolves with the view that shows its result. */
  scan(code: string, _source = 'wedge'): Promise<PackView> {
    return this.run(() => handleScan(this.f, code.trim()));
  }

  /** The operator of a screen session steps onto the bench (the session token proves who). */
  loginWithToken(token: string): Promise<PackView> {
    return this.run(() => tokenLogin(this.f, token));
  }

  /** A typed reason for the pending reprint / void / short / override (journaled until used). */
  reason(text: string): Promise<PackView> {
    return this.run(() => {
      this.f.s.pendingReason = text;
      note(this.f, text, 'info', msg('reasonNoted'));
    });
  }

  /** Live weights from the scale: shown at once; a stable one in the weigh phase is judged. */
  weighed(r: StationWeight): void {
    const s = this.f.s;
    this.f.weight = { ...r, at: this.f.now() };
    if (r.grams !== null && r.grams < EMPTY_SCALE_G) s.scaleCleared = true;
    if (s.alert?.kind === 'scale' && r.grams !== null) {
      void this.run(() => deviceBack(this.f, 'scale')).then(() => this.weighed(r));
      return;
    }
    if (s.phase === 'weigh' && !s.alert && newBoxOnScale(this.f, r)) {
      const grams = r.grams;
      void this.run(() => judge(this.f, grams));
    } else this.emitSoon();
  }

  /** The scale went away mid-weigh: say so (the device's reason as detail); the weight is judged again once it is back. */
  scaleProblem(reason?: string): void {
    this.f.weight = null;
    if (this.f.s.phase === 'weigh') void this.run(() => scaleStop(this.f, reason));
  }

  /** The label printer's trouble: `problem` in the screen's words, the device's reason as detail. */
  printerProblem(problem: PackMessageKey, reason?: string): void {
    void this.run(() => printerStop(this.f, problem, reason));
  }

  printerReady(): void {
    void this.run(() => deviceBack(this.f, 'printer'));
  }

  /** A change from the core's feed. A cancel or hold of the order on the bench stops it at once. */
  changed(e: ChangeEvent): void {
    if (interceptResolved(this.f.s, e)) {
      this.persist();
      this.emit();
      return;
    }
    const stop = stopFor(this.f.s, e);
    if (!stop) return;
    // Blocking happens now, synchronously, not after whatever the queue is doing: the confirm
    // that may be in flight is refused by the core (the order changed), so no label follows.
    applyStop(this.f, stop);
    log.info({ order: stop.orderId, kind: stop.kind }, packMessageText(this.f.s.alert!.message));
    this.persist();
    this.emit();
    void this.run(async () => undefined);
  }

  setOnline(v: boolean): void {
    if (this.online === v) return;
    this.online = v;
    this.emitSoon();
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.journal.close();
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Idle timeout: the operator is logged out. */
  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const ms = this.o.idleLogoutMs ?? 15 * 60_000;
    if (!ms || !this.f.s.operator) return;
    this.idleTimer = setTimeout(() => void this.run(() => logout(this.f, msg('idleLogout'))), ms);
    this.idleTimer.unref();
  }

  /** Runs one input after the previous one, journals the result, tells the screens. */
  private run(fn: () => Promise<void> | void): Promise<PackView> {
    return this.queue.run(fn);
  }

  private persist(): void {
    this.journal.save(this.f.s);
  }

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
