// The packing bench: scan -> verify -> weigh -> label -> next, as a state machine in Node (the
// phases in phases.ts; each concern in its own file). Every input (a scan, a stable weight, a
// change from the core) is handled one at a time, in arrival order; the resulting state is
// journaled before the screen hears of it.
//
// The bench's model (who may do what to a shared bench):
// - An operator or a lead operates a bench; a viewer, finance and an admin only watch it (pack.view,
//   badges blanked). A badge of a role that may not pack is refused at the bench.
// - One operator at a time. The screen that put them on (pack.login, or a badge scanned through it),
//   the operator's own screens, the bench PC's own window and the bench's own scanners drive it;
//   every other screen watches (its scans are refused and change nothing).
// - Taking a bench over needs the operator on it to log out (the logout command, a quiet spell, or
//   their session ending at the core), or a lead's take-over from their own session (pack.login with
//   takeOver), recorded in <data>/station/<bench>.audit.jsonl. The order on the bench stays on it.
// - A stop for a weight, a cancel, a hold or an intercept outlasts a logout and ends only by a lead's
//   badge; a skip at a weight stop sets the order aside in the lead's exception queue, never labels it.
// - Returns mode (bench-mode.ts): whoever may drive the bench, on a bench with no order or stop on it,
//   gives its device scanners to their Return bench screen; packing takes no input until they (or a
//   lead) switch it back, or their session ends. A device scan is routed once, on arrival, by the mode.
import type { ChangeEvent } from '../../contract/system';
import { SESSION_ENDED } from '../../contract/people';
import { mayEchoScan, parseCommand, type PackView } from '../../contract/pack';
import { msg, packMessageText, type PackMessageKey } from '../../contract/pack-messages';
import { fail } from '../../lib/errors';
import { logger } from '../../lib/log';
import type { CallContext } from '../bridge';
import { note } from './feedback';
import type { Flow, PackStationOptions, StationWeight } from './flow';
import { modeRefusal, modeView, RETURNS_GRACE_MS, returnsRefusal, returnsScreenGone, returnsSessionEnded, setMode, type BenchMode, type ReturnsDriver } from './bench-mode';
import { BenchJournal } from './journal';
import { confirmAndPrint, printLabel } from './label';
import { InputQueue } from './queue';
import { handleScan } from './scan';
import { loginRefusal, logout, screenLogin, sessionEnded, whyNotDriver } from './shift';
import { orderView, packView } from './state';
import { applyStop, deviceBack, interceptResolved, printerStop, scaleStop, stopFor } from './stops';
import { EMPTY_SCALE_G, judge, newBoxOnScale } from './weigh';

export type { BenchDevices, PackStationOptions, StationWeight } from './flow';

const log = logger('station.pack');
/** how often a label waiting for the core asks again (the feed's return asks at once) */
const RETRY_MS = 250;

export class PackStation {
  private readonly f: Flow;
  private readonly journal: BenchJournal;
  private readonly queue: InputQueue<PackView>;
  private listeners = new Set<(v: PackView) => void>();
  private online = true;
  /** when the core stopped answering (null while it answers) */
  private coreLostAt: number | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private emitTimer: NodeJS.Timeout | undefined;
  private graceTimers = new Set<NodeJS.Timeout>();
  /** set by an input refused in its turn (inputs run one at a time) */
  private unchanged = false;

  constructor(private readonly o: PackStationOptions) {
    this.journal = new BenchJournal(o.dataDir, o.bench.id);
    this.f = {
      s: this.journal.load(), o, now: o.now ?? Date.now, weight: null,
      persist: () => this.persist(), heldByCore: false, weighed: (r) => this.weighed(r), armIdle: () => this.armIdle(),
      driver: null, returns: null, warehouse: null, audit: (entry) => this.audit(entry), coreReached: (reached) => this.coreReached(reached),
    };
    this.queue = new InputQueue((failure) => {
      const heldByCore = this.f.heldByCore && !failure;
      this.f.heldByCore = false;
      // a refused input left everything as it was: nothing to journal or push
      if (this.unchanged) {
        this.unchanged = false;
        return this.view();
      }
      if (failure) {
        log.error({ err: failure.stack }, 'bench input failed');
        this.f.s.alert = { kind: 'core', message: msg('somethingWrong', undefined, failure.message), action: msg('scanAgainCallLead'), needs: 'scan', at: this.f.now() };
      }
      this.persist(heldByCore);
      this.emit();
      return this.view();
    });
  }

  /**
   * Picks up where a crash left off: a confirmed label not yet queued prints once. A parcel being
   * confirmed is confirmed (same key) once an operator scans in: the journal holds no session.
   */
  async resume(): Promise<void> {
    await this.run(async () => {
      for (const l of this.f.s.labels.filter((x) => !x.printed)) await printLabel(this.f, l);
    });
    this.armIdle();
  }

  view(): PackView {
    return packView(this.f.s, { bench: { ...this.o.bench, warehouse: this.f.warehouse }, weight: this.f.weight, online: this.online && this.coreLostAt === null, coreLostAt: this.coreLostAt, mode: modeView(this.f) });
  }

  /** True when the bench, as it stands, takes this code as a badge (a login, or a lead at a stop): never shown. */
  takesAsBadge(code: string): boolean {
    const s = this.f.s;
    return !parseCommand(code.trim()) && (!s.operator || s.alert?.needs === 'lead');
  }

  /** The Return bench that has the device scanners (returns mode), or null: they serve packing. */
  returnsDriver(): ReturnsDriver | null {
    return this.f.returns;
  }

  /**
   * True when no screen but the driving one may see this device scan: any scan in returns mode, a
   * code the bench takes as a badge, or one that may be somebody's badge (mayEchoScan: not a command
   * or a code of the order on the bench). Such a scan shows as dots, as at the login.
   */
  hidesScan(code: string): boolean {
    return this.f.returns !== null || this.takesAsBadge(code) || !mayEchoScan(code.trim(), orderView(this.f.s));
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

  /** A scan typed or wedged on a screen: only a screen that drives the bench (see the model above). */
  scanFrom(ctx: CallContext, code: string): Promise<PackView> {
    return this.asDriver(ctx, async () => {
      const free = !this.f.s.operator;
      await handleScan(this.f, code.trim());
      // a badge scanned through this screen: it drives the bench now
      if (free && this.f.s.operator) this.f.driver = ctx.user.sessionId ?? null;
    });
  }

  /** The user of a screen session steps onto the bench; `takeOver`: a lead takes it from the operator on it. */
  loginFrom(ctx: CallContext, takeOver = false): Promise<PackView> {
    return this.checked(() => {
      returnsRefusal(this.f);
      loginRefusal(this.f, ctx, takeOver);
    }, () => screenLogin(this.f, ctx));
  }

  /** A screen switches the bench's device scanners to its Return bench, or back to packing (bench-mode.ts). */
  async modeFrom(ctx: CallContext, mode: BenchMode): Promise<PackView> {
    if (mode === 'returns') return this.checked(() => modeRefusal(this.f, ctx, mode), () => setMode(this.f, ctx, mode));
    // back to packing at once, not in turn: a pack.login sent right after it (the Pack screen
    // opening as the Return bench closes) is checked on arrival and must find the bench packing
    modeRefusal(this.f, ctx, mode);
    setMode(this.f, ctx, mode);
    return this.run(() => undefined);
  }

  /** A screen's connection closed: if it had the scanners and does not claim them again in time, the bench packs again. */
  screenLeft(ctx: CallContext, graceMs = RETURNS_GRACE_MS): void {
    const conn = ctx.conn;
    if (!conn || this.f.returns?.conn !== conn) return;
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      if (this.f.returns?.conn === conn) void this.run(() => returnsScreenGone(this.f, conn));
    }, graceMs);
    timer.unref();
    this.graceTimers.add(timer);
  }

  /** A typed reason for the pending reprint / void / short / override (journaled until used). */
  reason(text: string): Promise<PackView> {
    return this.run(() => this.noteReason(text));
  }

  reasonFrom(ctx: CallContext, text: string): Promise<PackView> {
    return this.asDriver(ctx, () => this.noteReason(text));
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
    if (e.type === SESSION_ENDED) {
      const id = e.data?.sessionId;
      if (typeof id === 'string') {
        void this.run(() => {
          sessionEnded(this.f, id);
          returnsSessionEnded(this.f, id);
        });
      }
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
    this.coreReached(v);
    this.emitSoon();
  }

  /** True while a confirmed-by-nobody parcel waits for the core (its journaled key is retried). */
  private labelWaitsForCore(): boolean {
    const s = this.f.s;
    return s.phase === 'label' && !!s.confirming && s.alert?.kind === 'core' && !!s.operator;
  }

  /**
   * The core answered again (the feed or a request) or did not. While it is away the screen says
   * since when; a label waiting for it is retried every RETRY_MS and at once when the feed is back.
   */
  private coreReached(reached: boolean): void {
    if (reached) {
      this.coreLostAt = null;
      if (this.labelWaitsForCore()) this.retrySoon(0);
      return;
    }
    this.coreLostAt ??= this.f.now();
    if (this.labelWaitsForCore()) this.retrySoon(RETRY_MS);
  }

  private retrySoon(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.run(async () => {
        if (this.labelWaitsForCore()) await confirmAndPrint(this.f);
      });
    }, ms);
    this.retryTimer.unref();
  }

  close(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    this.graceTimers.forEach(clearTimeout);
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

  /** A screen's input, refused (forbidden, nothing changes) unless the screen drives the bench. */
  private asDriver(ctx: CallContext, fn: () => Promise<void> | void): Promise<PackView> {
    return this.checked(() => {
      returnsRefusal(this.f);
      const why = whyNotDriver(this.f, ctx);
      if (why) fail('forbidden', why);
    }, fn);
  }

  /**
   * Runs `fn` in turn after `check`, which throws the refusal: checked before the input queues and
   * again in its turn (a badge scanned meanwhile may have put someone else on); a refusal changes nothing.
   */
  private async checked(check: () => void, fn: () => Promise<void> | void): Promise<PackView> {
    check();
    let refusal: unknown = null;
    const view = await this.run(async () => {
      try {
        check();
      } catch (e) {
        refusal = e;
        this.unchanged = true;
        return;
      }
      await fn();
    });
    if (refusal) throw refusal;
    return view;
  }

  private noteReason(text: string): void {
    this.f.s.pendingReason = text;
    note(this.f, text, 'info', msg('reasonNoted'));
  }

  private audit(entry: Record<string, unknown>): void {
    this.journal.audit({ bench: this.o.bench.id, ...entry });
    log.info({ bench: this.o.bench.id, ...entry }, 'bench audit');
  }

  /** Runs one input after the previous one, journals the result, tells the screens. */
  private run(fn: () => Promise<void> | void): Promise<PackView> {
    return this.queue.run(fn);
  }

  private persist(heldByCore = false): void {
    this.journal.save(this.f.s, { sync: !heldByCore });
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
