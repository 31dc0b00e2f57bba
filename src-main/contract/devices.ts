import { z } from 'zod';
import { AddressError, readAddress } from './device-address';
import type { ErrorCode } from './errors';
import { mayEchoScan } from './pack';
import type { BadgeCheck, Role } from './people';

// Device methods and events of the StationBridge (see station.ts), and the device settings a
// person edits on the Devices screen. Platform-neutral: the station validates with these schemas
// and the screen checks its form with the same ones.

export const SCALE_PROTOCOLS = ['mt-sics', 'toledo-8217', 'continuous', 'hid'] as const;
export const PRINT_LANGUAGES = ['zpl', 'tspl', 'epl', 'pdf', 'raw'] as const;

export const DeviceRole = z.enum(['scanner', 'scale', 'labelPrinter', 'documentPrinter']);
export type DeviceRole = z.infer<typeof DeviceRole>;
export const PrinterRole = z.enum(['labelPrinter', 'documentPrinter']);
export type PrinterRole = z.infer<typeof PrinterRole>;

// ---- settings (saved as <data>/devices.json by the station) -----------------------------------

/** An address the station can open; the issue carries the parser's own words. */
export const DeviceAddressText = z.string().superRefine((s, ctx) => {
  try {
    readAddress(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof AddressError ? e.message : String(e) });
  }
});

export const ScannerId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only (it tags every scan)');

export const ScannerSetting = z.object({
  id: ScannerId,
  name: z.string().max(80).optional(),
  address: DeviceAddressText,
  /** serial scanners: lines start with an AIM id such as ]C0 */
  aimPrefix: z.boolean().optional(),
});

export const StabilitySetting = z.object({
  count: z.number().int().min(2).max(100),
  bandGrams: z.number().min(0).max(1000),
  minMs: z.number().int().min(0).max(10_000),
});

export const ScaleSetting = z
  .object({
    name: z.string().max(80).optional(),
    address: DeviceAddressText,
    protocol: z.enum(SCALE_PROTOCOLS),
    unit: z.enum(['kg', 'lb', 'g']).optional(),
    pollMs: z.number().int().min(20).max(5000).optional(),
    stability: StabilitySetting.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.protocol === 'hid' && !s.address.startsWith('hid:')) ctx.addIssue({ code: 'custom', path: ['address'], message: 'protocol hid needs a hid: address such as hid:0922:8003' });
  });

export const PrinterSetting = z.object({
  name: z.string().max(80).optional(),
  address: DeviceAddressText,
  language: z.enum(PRINT_LANGUAGES),
  /** ask ~HS before each ZPL job (TCP and serial only) */
  statusCheck: z.boolean().default(true),
});

/** keyboard-wedge timing, used by the renderer's WedgeDetector */
export const WedgeSetting = z
  .object({ maxGapMs: z.number().min(5).max(1000), maxAvgGapMs: z.number().min(1).max(500), minLength: z.number().int().min(1).max(100), suffixKeys: z.array(z.enum(['Enter', 'Tab'])).min(1) })
  .partial();

export const DeviceSettings = z
  .object({
    version: z.literal(1),
    scanners: z.array(ScannerSetting).max(16),
    scale: ScaleSetting.nullable(),
    labelPrinter: PrinterSetting.nullable(),
    documentPrinter: PrinterSetting.nullable(),
    wedge: WedgeSetting.optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.scanners.forEach((sc, i) => {
      if (seen.has(sc.id)) ctx.addIssue({ code: 'custom', path: ['scanners', i, 'id'], message: `scanner id "${sc.id}" is used twice` });
      seen.add(sc.id);
    });
  });
export type ScannerSetting = z.infer<typeof ScannerSetting>;
export type ScaleSetting = z.infer<typeof ScaleSetting>;
export type PrinterSetting = z.infer<typeof PrinterSetting>;
export type DeviceSettings = z.infer<typeof DeviceSettings>;

// ---- what the station reports --------------------------------------------------------------

export const DriverState = z.object({
  status: z.enum(['connected', 'waiting', 'disconnected', 'fault']),
  reason: z.string().optional().describe('what to do when not connected'),
  since: z.number(),
});
export const DeviceStatus = z.object({ role: DeviceRole, id: z.string(), name: z.string().optional(), address: z.string(), state: DriverState });
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const WeightReading = z.object({
  grams: z.number().int().nullable(),
  status: z.string().describe('stable, motion, overload, underzero, needs_zero, needs_calibration, fault, unflagged'),
  stable: z.boolean(),
  net: z.boolean().optional(),
  /** the value and unit as the scale sent them */
  shown: z.string().optional(),
  at: z.number().describe('ms since epoch when the station received it'),
});
export type WeightReading = z.infer<typeof WeightReading>;

/** A HID or serial device found on the bench PC. */
export const ListedDevice = z.object({
  bus: z.enum(['hid', 'serial']),
  address: z.string().describe('paste-ready address for the settings'),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  name: z.string(),
  path: z.string().optional(),
  kind: z.enum(['scale', 'scanner', 'other']).optional(),
  accessible: z.boolean(),
  help: z.string().optional().describe('exactly how to give this user access, when it has none'),
});
export type ListedDevice = z.infer<typeof ListedDevice>;

/**
 * What became of a test scan (a scanner in test scans, devices.testScans, or the Devices screen's
 * keyboard wedge): `shown`, the code in full (the core said it is no badge, or it has no badge's
 * form); `badge`, somebody's badge (never whose, never the code); `unchecked`, the core could not be
 * asked, so the code stays masked, `why` in the screen's words and `detail` in the failure's own;
 * `checking`, masked while the core is being asked.
 */
export const TestScanResult = z.object({
  verdict: z.enum(['shown', 'badge', 'unchecked', 'checking']),
  why: z.enum(['throttled', 'coreAway', 'sessionEnded', 'failed']).optional(),
  detail: z.string().optional(),
});
export type TestScanResult = z.infer<typeof TestScanResult>;

/** Whose badge a code is (the core's badgeCheck), asked with the session of whoever shows the scan. */
export type AskBadge = (code: string) => Promise<BadgeCheck['badge']>;

const WHY: Partial<Record<string, NonNullable<TestScanResult['why']>>> = { rate_limited: 'throttled', unavailable: 'coreAway', unauthenticated: 'sessionEnded', forbidden: 'sessionEnded' };
const CODE_OF_STATUS: Record<number, ErrorCode> = { 401: 'unauthenticated', 403: 'forbidden', 429: 'rate_limited', 502: 'unavailable', 503: 'unavailable', 504: 'unavailable' };

/**
 * The error code of a badge check that failed, from either side: the station's AppError (`code`), the
 * screen's ApiFailure (`body.code`, else its HTTP status: a proxy's 502 carries no code), or a fetch
 * that reached nobody (a TypeError: the core is away).
 */
function failedCheckCode(e: unknown): string {
  const err = (e ?? {}) as { code?: unknown; status?: unknown; body?: { code?: unknown } };
  const code = typeof err.body?.code === 'string' ? err.body.code : typeof err.code === 'string' ? err.code : null;
  if (code && code !== 'internal') return code;
  if (typeof err.status === 'number' && CODE_OF_STATUS[err.status]) return CODE_OF_STATUS[err.status]!;
  return code ?? (e instanceof TypeError ? 'unavailable' : 'internal');
}

/**
 * What a screen may show of a scanned code, the same for the station's test scans and the Devices
 * screen's keyboard-wedge scans: a code of no badge's form (mayEchoScan) is shown without asking;
 * else the core is asked (`ask`, with the session of whoever will see it): 'none' shows it, their own
 * or another's badge is "a staff badge", a check that failed leaves it unchecked with why (throttled,
 * the core away, the session ended, failed) and the failure's own words in `detail`.
 */
export async function scanVerdict(code: string, ask: AskBadge): Promise<TestScanResult> {
  const c = code.trim();
  if (mayEchoScan(c, null)) return { verdict: 'shown' };
  try {
    return { verdict: (await ask(c)) === 'none' ? 'shown' : 'badge' };
  } catch (e) {
    return { verdict: 'unchecked', why: WHY[failedCheckCode(e)] ?? 'failed', detail: (e as Error)?.message ?? String(e) };
  }
}

/** One dot per character: a scan that may be a staff badge shows it arrived, whole, never what it was. */
export const maskedCode = (code: string): string => '•'.repeat([...code].length);

/** The code a screen shows for a scan with this verdict: in full only once shown. */
export const codeFor = (code: string, test: TestScanResult): string => (test.verdict === 'shown' ? code : maskedCode(code));

export const ScanInfo = z.object({
  id: z.string().optional().describe('a scan told again with its verdict (after "checking") carries the same id: the screen replaces it'),
  source: z.string().describe('scanner id from the settings, or "wedge"'),
  code: z.string().describe('the code, or one dot per character when it may be a staff badge'),
  symbology: z.string().optional().describe('AIM id such as ]C0'),
  at: z.number().describe('ms since epoch'),
  test: TestScanResult.optional().describe('a test scan: never packed; shown in full only once the core said it is no badge'),
});
export type ScanInfo = z.infer<typeof ScanInfo>;

/** A scanner in test scans: its scans go to the Devices screen, not to the bench, until `until` or a Stop. */
export const TestScanState = z.object({
  scanner: z.string(),
  by: z.object({ name: z.string(), role: z.string() }),
  until: z.number().describe('ms since epoch; it ends by itself then'),
});
export type TestScanState = z.infer<typeof TestScanState>;

/** How long test scans stay on after a lead turns them on (turning them on again starts it afresh). */
export const TEST_SCANS_MS = 5 * 60_000;

// AIM symbology ids (ISO/IEC 15424: "]" + letter + modifier) a scanner may put before a code.
const AIM_FAMILIES: Record<string, string> = {
  A: 'Code 39', C: 'Code 128', d: 'Data Matrix', E: 'EAN/UPC', e: 'GS1 DataBar', F: 'Codabar', G: 'Code 93', I: 'ITF', L: 'PDF417', Q: 'QR Code', z: 'Aztec',
};
const AIM_EXACT: Record<string, string> = { ']C1': 'GS1-128', ']E0': 'EAN-13 / UPC-A', ']E4': 'EAN-8', ']d2': 'GS1 DataMatrix', ']Q3': 'GS1 QR Code', ']e0': 'GS1 DataBar' };

/** The symbology an AIM id names (']C1' -> 'GS1-128'), or null for one this list does not know. */
export function symbologyName(aim: string | undefined): string | null {
  if (!aim) return null;
  return AIM_EXACT[aim] ?? AIM_FAMILIES[aim.charAt(1)] ?? null;
}

export const PrintJob = z.object({
  printer: PrinterRole,
  id: z.string(),
  label: z.string().optional(),
  language: z.enum(PRINT_LANGUAGES),
  bytes: z.number().int(),
  state: z.enum(['queued', 'printing', 'printed', 'retrying', 'uncertain', 'cancelled']),
  attempts: z.number().int(),
  reason: z.string().optional(),
});
export type PrintJob = z.infer<typeof PrintJob>;

// ---- methods ---------------------------------------------------------------------------------

const STAFF: readonly Role[] = ['operator', 'lead', 'admin'];
const MANAGE: readonly Role[] = ['lead', 'admin'];
const none = z.object({});
const Ok = z.object({ ok: z.literal(true) });
const printerParams = z.object({ role: PrinterRole.default('labelPrinter') });

/** One role's assignment; `setting: null` takes the device off the role. */
export const AssignParams = z.discriminatedUnion('role', [
  z.object({ role: z.literal('scale'), setting: ScaleSetting.nullable() }),
  z.object({ role: z.literal('labelPrinter'), setting: PrinterSetting.nullable() }),
  z.object({ role: z.literal('documentPrinter'), setting: PrinterSetting.nullable() }),
  z
    .object({ role: z.literal('scanner'), id: ScannerId.optional().describe('the scanner to replace or remove; omit to add one'), setting: ScannerSetting.nullable() })
    .refine((p) => p.setting !== null || p.id !== undefined, { path: ['id'], message: 'say which scanner to remove' }),
]);
export type AssignParams = z.input<typeof AssignParams>;

/** `roles`: who may call it (the station checks, like the core's route table). */
export const deviceMethods = {
  'devices.status': {
    summary: 'Configured devices, their state, the latest weight and the last scan of each scanner',
    roles: STAFF,
    params: none,
    result: z.object({ items: z.array(DeviceStatus), weight: WeightReading.nullable(), lastScans: z.array(ScanInfo), testScans: z.array(TestScanState) }),
  },
  'devices.testScans': {
    summary: "Turn test scans of a scanner on (a lead or admin) or off: its scans are shown on the Devices screen (a staff badge never) and never reach the bench's packing",
    roles: STAFF,
    params: z.object({ scanner: ScannerId, on: z.boolean() }),
    result: z.object({ items: z.array(TestScanState) }),
  },
  'devices.list': { summary: 'HID and serial devices on this PC, with access checks', roles: STAFF, params: none, result: z.object({ devices: z.array(ListedDevice), errors: z.array(z.string()) }) },
  'devices.settings': { summary: 'The saved device settings', roles: STAFF, params: none, result: DeviceSettings },
  'devices.assign': { summary: 'Choose the device for a role (saved in the data folder)', roles: MANAGE, params: AssignParams, result: DeviceSettings },
  'devices.readWeight': {
    summary: 'The next stable weight',
    roles: STAFF,
    params: z.object({ timeoutMs: z.number().int().min(100).max(30_000).default(5000), minGrams: z.number().int().min(0).max(1_000_000).optional() }),
    result: WeightReading,
  },
  'devices.zero': { summary: 'Zero the scale', roles: STAFF, params: none, result: Ok },
  'devices.tare': { summary: 'Tare the scale', roles: STAFF, params: none, result: Ok },
  'devices.testLabel': { summary: 'Print a test label and wait until the printer took it', roles: STAFF, params: printerParams, result: z.object({ jobId: z.string() }) },
  'devices.checkPrinter': { summary: "Ask the printer for its status now (paper, head, pause)", roles: STAFF, params: printerParams, result: z.object({ ready: z.boolean(), problems: z.array(z.string()) }) },
  'devices.jobs': { summary: "A printer's jobs not printed yet (queued, retrying, uncertain)", roles: STAFF, params: printerParams, result: z.object({ items: z.array(PrintJob) }) },
  'devices.resolveJob': {
    summary: 'Reprint or discard a job that was being sent when the station stopped',
    roles: MANAGE,
    params: z.object({ role: PrinterRole, id: z.string().min(1).max(80), decision: z.enum(['reprint', 'discard']) }),
    result: Ok,
  },
  'devices.cancelJob': { summary: 'Cancel a queued job', roles: MANAGE, params: z.object({ role: PrinterRole, id: z.string().min(1).max(80) }), result: Ok },
} as const;

export const DeviceEvent = z.union([
  z.object({ type: z.literal('devices.state'), device: DeviceStatus }),
  z.object({ type: z.literal('devices.weight'), reading: WeightReading }),
  z.object({ type: z.literal('devices.scan'), scan: ScanInfo }),
  z.object({ type: z.literal('devices.job'), job: PrintJob }),
  z.object({ type: z.literal('devices.problem'), id: z.string(), message: z.string() }),
  z.object({ type: z.literal('devices.settings'), settings: DeviceSettings }),
  z.object({ type: z.literal('devices.testScans'), items: z.array(TestScanState) }),
]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;
