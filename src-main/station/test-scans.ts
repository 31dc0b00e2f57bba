// Test scans, for the Devices screen: a lead or admin turns them on for one scanner, and for
// TEST_SCANS_MS (or until someone turns them off, the screen that turned them on closes, or its
// session ends) that scanner's scans are the Devices screen's alone: never packed, never a login,
// never a Return bench's (bench.ts asks `claim` before routing a device scan). Each is shown in full
// once the core says it is no staff badge, asked with the lead's own session (POST
// /api/session/badge: their throttle, never the operator's); a badge shows as dots and "a staff
// badge"; a code the core could not check stays dots with the reason. A code of no badge's form
// (mayEchoScan) is shown without asking. The code of a test scan is never logged nor journaled.
//
// Memory only, like the bench's mode: it belongs to a live screen session, which a restart ends.
import type { Scan } from '../devices';
import { scanVerdict, TEST_SCANS_MS, type ScanInfo, type TestScanState } from '../contract/devices';
import { fail } from '../lib/errors';
import { logger } from '../lib/log';
import type { CallContext } from './bridge';
import type { CoreClient } from './core-client';
import { toScan } from './device-handlers';

const log = logger('station.test-scans');

interface TestScanner {
  scanner: string;
  by: { id: string; name: string; role: string };
  /** the lead's session token at the core: the badge check is asked as them */
  token: string;
  /** the screen's connection that turned them on: its closing ends them */
  conn?: string;
  until: number;
  timer: NodeJS.Timeout;
}

export interface TestScansOptions {
  core: CoreClient;
  /** the scanner ids set up on the bench now */
  scanners: () => string[];
  /** the list changed (on, off, ended by itself): every Devices screen hears it */
  changed: (items: TestScanState[]) => void;
  durationMs?: number;
  now?: () => number;
  /** the bench's audit file (bench-audit.ts): who turned them on for which scanner, and how they ended */
  audit?: (entry: Record<string, unknown>) => void;
}

/** The audit entry's event: each on, off and end of a scanner's test scans. */
export const TEST_SCANS_AUDIT = 'devices.test_scans';

const MAY_TEST = ['lead', 'admin'];

export class TestScans {
  private on = new Map<string, TestScanner>();
  /** each device scan is decided once, by whoever asks first (the Devices screen's push or the bench) */
  private decided = new WeakMap<Scan, TestScanner | null>();
  /** a test scan is told twice (checking, then its verdict) under one id, so a screen lists it once */
  private ids = new WeakMap<Scan, string>();
  private told = 0;
  private readonly now: () => number;

  constructor(private readonly o: TestScansOptions) {
    this.now = o.now ?? Date.now;
  }

  list(): TestScanState[] {
    return [...this.on.values()].map((t) => ({ scanner: t.scanner, by: { name: t.by.name, role: t.by.role }, until: t.until })).sort((a, b) => a.scanner.localeCompare(b.scanner));
  }

  /** A screen turns test scans of `scanner` on (a lead or admin) or off (anyone who may test devices). */
  set(scanner: string, on: boolean, ctx: CallContext): TestScanState[] {
    const u = ctx.user;
    if (!on) {
      if (this.on.has(scanner)) this.end(scanner, 'turned off', { id: u.id, name: u.name, role: u.role, via: ctx.via });
      return this.list();
    }
    if (!MAY_TEST.includes(u.role)) fail('forbidden', `a ${u.role} may not turn on test scans (the scanner would stop packing and its codes would be checked for badges): ask a lead or admin`);
    if (!this.o.scanners().includes(scanner)) fail('not_found', `scanner ${scanner} is not set up on this bench: choose it on the Devices screen first`);
    clearTimeout(this.on.get(scanner)?.timer);
    const ms = this.o.durationMs ?? TEST_SCANS_MS;
    const until = this.now() + ms;
    const timer = setTimeout(() => this.end(scanner, 'time is up'), ms);
    timer.unref();
    this.on.set(scanner, {
      scanner, by: { id: u.id, name: u.name, role: u.role }, token: ctx.token, ...(ctx.conn ? { conn: ctx.conn } : {}), until, timer,
    });
    log.info({ scanner, by: u.id, role: u.role, via: ctx.via, minutes: ms / 60_000 }, 'test scans on');
    this.audit({ scanner, on: true, by: { id: u.id, name: u.name, role: u.role }, via: ctx.via, until: new Date(until).toISOString() });
    this.o.changed(this.list());
    return this.list();
  }

  /** The test scanner a device scan belongs to, or null when it is the bench's (packing or returns). */
  claim(scan: Scan): TestScanner | null {
    if (this.decided.has(scan)) return this.decided.get(scan)!;
    const t = this.on.get(scan.source);
    const mine = t && t.until > this.now() ? t : null;
    this.decided.set(scan, mine);
    return mine;
  }

  /** What the Devices screen shows of a test scan at once, while the core is asked: dots and "checking…" (check's verdict follows with the same id). */
  checking(scan: Scan): ScanInfo {
    return { id: this.idOf(scan), ...toScan(scan, true), test: { verdict: 'checking' } };
  }

  private idOf(scan: Scan): string {
    let id = this.ids.get(scan);
    if (!id) this.ids.set(scan, (id = `test-${++this.told}`));
    return id;
  }

  /** What the Devices screen shows of a test scan: the code only once it is known to be no badge. */
  async check(scan: Scan, t: TestScanner): Promise<ScanInfo> {
    const test = await scanVerdict(scan.code, async (badge) => (await this.o.core.call('badgeCheck', { body: { badge } }, t.token)).badge);
    // the lead's session is gone: nobody may ask for them any more
    if (test.why === 'sessionEnded' && this.on.get(t.scanner) === t) this.end(t.scanner, 'session refused by the core');
    log.info({ scanner: t.scanner, by: t.by.id, length: [...scan.code].length, symbology: scan.symbology, verdict: test.verdict, why: test.why }, 'test scan');
    return { id: this.idOf(scan), ...toScan(scan, test.verdict !== 'shown'), test };
  }

  /** A screen's connection closed: test scans it turned on end. */
  left(ctx: CallContext): void {
    for (const t of [...this.on.values()]) if (ctx.conn && t.conn === ctx.conn) this.end(t.scanner, 'screen closed');
  }

  /** The station stops: test scans on now end (recorded), unheard by the screens it is closing. */
  close(): void {
    for (const t of this.on.values()) {
      clearTimeout(t.timer);
      this.audit({ scanner: t.scanner, on: false, by: null, why: 'station stopped', from: { id: t.by.id, name: t.by.name } });
    }
    this.on.clear();
  }

  /** `by`: the person who turned them off; none when they ended by themselves (`why`). */
  private end(scanner: string, why: string, by?: { id: string; name: string; role: string; via: string }): void {
    const t = this.on.get(scanner);
    if (!t) return;
    clearTimeout(t.timer);
    this.on.delete(scanner);
    log.info({ scanner, by: t.by.id, why, ...(by ? { offBy: by.id, role: by.role } : {}) }, 'test scans off');
    const off = by ? { by: { id: by.id, name: by.name, role: by.role }, via: by.via } : { by: null };
    this.audit({ scanner, on: false, ...off, why, from: { id: t.by.id, name: t.by.name } });
    this.o.changed(this.list());
  }

  /** An audit entry that could not be written is logged: it never stops test scans from ending. */
  private audit(entry: Record<string, unknown>): void {
    try {
      this.o.audit?.({ event: TEST_SCANS_AUDIT, ...entry });
    } catch (err) {
      log.error({ err, entry }, 'test scans: the audit entry was not written');
    }
  }
}
