// HID POS barcode scanner (usage page 0x8C) scanned-data reports. Layout as read by the public
// WebHID parser (report id stripped): [length] [AIM id, 3 bytes] [data ...] ... [byte 62: more].
// node-hid keeps the report id at index 0, so every offset shifts by one. The exact meaning of the
// length byte varies by model (UNVERIFIED); we take the data up to it and drop trailing NULs.
import { showBytes, type CodecError, type ScanData } from '../types';

export const HID_SCANNER_REPORT_ID = 0x02;
const MORE_FLAG_OFFSET = 62; // without report id

export type HidScannerResult = { kind: 'scan'; scan: ScanData } | { kind: 'partial' } | CodecError;

/** Joins continued reports into one scan. One instance per device. */
export class HidScannerAssembler {
  private parts: number[] = [];
  private symbology: string | undefined;

  constructor(private readonly reportIdIncluded = true) {}

  push(report: Uint8Array): HidScannerResult {
    const r = this.reportIdIncluded ? report.subarray(1) : report;
    if (this.reportIdIncluded && report[0] !== HID_SCANNER_REPORT_ID) {
      return { kind: 'error', message: `HID scanner report id ${report[0]} is not a scanned-data report (expected 2)`, bytes: showBytes(report) };
    }
    if (r.length < 2) return { kind: 'error', message: `HID scanner report truncated (${report.length} bytes)`, bytes: showBytes(report) };
    const length = r[0]!;
    const end = Math.min(1 + length, r.length, MORE_FLAG_OFFSET);
    let start = 1;
    if (this.parts.length === 0) {
      const aim = String.fromCharCode(...r.subarray(1, 4));
      if (/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) {
        this.symbology = aim;
        start = 4;
      } else {
        this.symbology = undefined;
      }
    }
    for (let i = start; i < end; i++) this.parts.push(r[i]!);
    const more = r.length > MORE_FLAG_OFFSET && r[MORE_FLAG_OFFSET] !== 0;
    if (more) return { kind: 'partial' };
    while (this.parts.length && this.parts[this.parts.length - 1] === 0) this.parts.pop();
    const code = Buffer.from(this.parts).toString('utf8');
    const symbology = this.symbology;
    this.parts = [];
    this.symbology = undefined;
    if (code === '') return { kind: 'error', message: 'HID scanner sent an empty scan', bytes: showBytes(report) };
    return { kind: 'scan', scan: symbology ? { code, symbology } : { code } };
  }
}

/** Builds the reports a HID POS scanner sends for one scan (64 bytes each incl. report id). */
export function encodeHidScanReports(code: string, symbology = ']C0'): Uint8Array[] {
  const payload = Buffer.from(code, 'utf8');
  const chunks: Uint8Array[] = [];
  const firstRoom = MORE_FLAG_OFFSET - 4;
  const room = MORE_FLAG_OFFSET - 1;
  let pos = 0;
  let first = true;
  do {
    const report = new Uint8Array(64);
    report[0] = HID_SCANNER_REPORT_ID;
    const body = report.subarray(1);
    let off = 1;
    if (first) {
      body.set(Buffer.from(symbology, 'ascii'), 1);
      off = 4;
    }
    const take = Math.min(first ? firstRoom : room, payload.length - pos);
    body.set(payload.subarray(pos, pos + take), off);
    body[0] = off - 1 + take;
    pos += take;
    body[MORE_FLAG_OFFSET] = pos < payload.length ? 1 : 0;
    chunks.push(report);
    first = false;
  } while (pos < payload.length);
  return chunks;
}
