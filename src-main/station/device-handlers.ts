// The Devices screen's methods on the StationBridge, over the DeviceHub: plain data in and out,
// the hub's shapes turned into the contract's (times in ms since epoch).
import type { DeviceHub, Scan, TimedReading, JobInfo, PrinterRole } from '../devices';
import { maskedCode, type ScanInfo, type WeightReading, type PrintJob } from '../contract/devices';
import type { StationHandlers } from './bridge';
import type { TestScans } from './test-scans';

/** performance.now() of this process -> ms since epoch */
const epoch = (at: number) => Math.round(performance.timeOrigin + at);

export const toWeight = (r: TimedReading): WeightReading => ({
  grams: r.grams,
  status: r.status,
  stable: r.stable,
  ...(r.net !== undefined ? { net: r.net } : {}),
  ...(r.shown !== undefined ? { shown: r.shown } : {}),
  at: epoch(r.at),
});

/**
 * `hidden`: a scan the bench may take as a badge (a credential) goes out as one dot per character, so
 * a test scan on the Devices screen still shows it arrived, whole, but never what it was.
 */
export const toScan = (s: Scan, hidden = false): ScanInfo => ({ source: s.source, code: hidden ? maskedCode(s.code) : s.code, ...(s.symbology ? { symbology: s.symbology } : {}), at: epoch(s.at) });

export const toJob = (j: JobInfo, printer: PrinterRole): PrintJob => ({
  printer,
  id: j.id,
  ...(j.label !== undefined ? { label: j.label } : {}),
  language: j.language,
  bytes: j.bytes,
  state: j.state,
  attempts: j.attempts,
  ...(j.reason !== undefined ? { reason: j.reason } : {}),
});

/** The last scan of each scanner (and of the wedge) as the screens were told it, for the Devices screen's "last scans". */
export class LastScans {
  private bySource = new Map<string, ScanInfo>();
  /** A test scan's verdict (told again under its id) never replaces a later scan of the same scanner. */
  add(scan: ScanInfo): void {
    const cur = this.bySource.get(scan.source);
    if (cur && cur.id !== scan.id && cur.at > scan.at) return;
    this.bySource.set(scan.source, scan);
  }
  list(): ScanInfo[] {
    return [...this.bySource.values()].sort((a, b) => b.at - a.at);
  }
}

export function deviceHandlers(hub: DeviceHub, lastScans: LastScans, testScans: TestScans): StationHandlers {
  const ok = { ok: true } as const;
  return {
    'devices.status': () => {
      const w = hub.latestWeight();
      return { items: hub.status(), weight: w ? toWeight(w) : null, lastScans: lastScans.list(), testScans: testScans.list() };
    },
    'devices.testScans': (p, ctx) => ({ items: testScans.set(p.scanner, p.on, ctx) }),
    'devices.list': () => hub.listDevices(),
    'devices.settings': () => hub.settings(),
    'devices.assign': (p) => {
      if (p.role === 'scanner') {
        if (p.setting === null) return hub.assign('scanner', { id: p.id!, remove: true });
        const next = hub.settings();
        // replacing scanner `id` (it may be renamed) keeps its place in the list
        const at = next.scanners.findIndex((s) => s.id === (p.id ?? p.setting!.id));
        if (at >= 0) next.scanners[at] = p.setting;
        else next.scanners.push(p.setting);
        return hub.updateSettings(next);
      }
      if (p.role === 'scale') return hub.assign('scale', p.setting);
      return hub.assign(p.role, p.setting);
    },
    'devices.readWeight': async (p) => toWeight(await hub.readWeightOnce(p.timeoutMs, { minGrams: p.minGrams })),
    'devices.zero': async () => (await hub.zeroScale(), ok),
    'devices.tare': async () => (await hub.tareScale(), ok),
    'devices.testLabel': async (p) => ({ jobId: await hub.printTestLabel(p.role) }),
    'devices.checkPrinter': (p) => hub.checkPrinter(p.role),
    'devices.jobs': (p) => ({ items: hub.jobs(p.role).map((j) => toJob(j, p.role)) }),
    'devices.resolveJob': (p) => (hub.resolveUncertainJob(p.role, p.id, p.decision), ok),
    'devices.cancelJob': (p) => (hub.cancelJob(p.role, p.id), ok),
  };
}
