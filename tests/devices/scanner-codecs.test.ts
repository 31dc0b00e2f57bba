import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LineSplitter, splitAimPrefix } from '../../src-main/devices/codecs/lines';
import { HidScannerAssembler, encodeHidScanReports } from '../../src-main/devices/codecs/hid-scanner';
import { WedgeDetector, scannerKeystrokes, type WedgeEvent, type WedgeKey } from '../../src-main/devices/wedge';

const lines = (sp: LineSplitter, chunks: string[]) => chunks.flatMap((c) => sp.push(c)).filter((e) => e.kind === 'line').map((e) => (e as { line: string }).line);

describe('serial scanner lines', () => {
  it('splits on CR and CR LF, keeping partial data across reads', () => {
    expect(lines(new LineSplitter(), ['ORD-1', '23\r', 'SKU-9\r\n', 'TOTE'])).toEqual(['ORD-123', 'SKU-9']);
  });
  it('treats CR at the end of one read and LF at the start of the next as one terminator', () => {
    expect(lines(new LineSplitter(), ['A1\r', '\nB2\r', '\n'])).toEqual(['A1', 'B2']);
  });
  it('never merges two fast scans in one read', () => {
    expect(lines(new LineSplitter(), ['AAA\rBBB\r\nCCC\r'])).toEqual(['AAA', 'BBB', 'CCC']);
  });
  it('drops an over-long line with a reason', () => {
    const sp = new LineSplitter({ maxLength: 10 });
    const ev = sp.push('x'.repeat(25) + '\rOK\r');
    expect(ev.some((e) => e.kind === 'error' && /longer than 10/.test(e.message))).toBe(true);
    expect(ev.filter((e) => e.kind === 'line').at(-1)).toEqual({ kind: 'line', line: 'OK' });
  });
  it('separates the AIM symbology id', () => {
    expect(splitAimPrefix(']C0ORD-1', true)).toEqual({ code: 'ORD-1', symbology: ']C0' });
    expect(splitAimPrefix(']C0ORD-1', false)).toEqual({ code: ']C0ORD-1' });
    expect(splitAimPrefix('ORD-1', true)).toEqual({ code: 'ORD-1' });
  });
  it('property: every terminated line comes out exactly once, however the bytes are split', () => {
    const code = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
    fc.assert(fc.property(fc.array(code, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), fc.constantFrom('\r', '\r\n'), (codes, cuts, term) => {
      const stream = codes.map((c) => c + term).join('');
      const chunks: string[] = [];
      let i = 0;
      let k = 0;
      while (i < stream.length) { const n = cuts[k++ % cuts.length]!; chunks.push(stream.slice(i, i + n)); i += n; }
      expect(lines(new LineSplitter(), chunks)).toEqual(codes);
    }));
  });
});

describe('HID POS scanner reports', () => {
  it('reads a single report with AIM id (node-hid layout, report id at 0)', () => {
    const [r] = encodeHidScanReports('ORD-0001', ']C0');
    expect(new HidScannerAssembler().push(r!)).toEqual({ kind: 'scan', scan: { code: 'ORD-0001', symbology: ']C0' } });
  });
  it('joins a long QR code continued over several reports', () => {
    const long = 'https://example.com/track/' + 'X'.repeat(150);
    const reports = encodeHidScanReports(long, ']Q1');
    expect(reports.length).toBeGreaterThan(2);
    const a = new HidScannerAssembler();
    const results = reports.map((r) => a.push(r));
    expect(results.slice(0, -1).every((r) => r.kind === 'partial')).toBe(true);
    expect(results.at(-1)).toEqual({ kind: 'scan', scan: { code: long, symbology: ']Q1' } });
  });
  it('reads a report without the id (WebHID layout) and without AIM id', () => {
    const body = new Uint8Array(63);
    body[0] = 5;
    body.set(Buffer.from('12345'), 1);
    expect(new HidScannerAssembler(false).push(body)).toEqual({ kind: 'scan', scan: { code: '12345' } });
  });
  it('refuses other report ids and truncated reports', () => {
    expect(new HidScannerAssembler().push(Uint8Array.from([1, 2, 3]))).toMatchObject({ kind: 'error', message: expect.stringMatching(/report id 1/) });
    expect(new HidScannerAssembler().push(Uint8Array.from([2]))).toMatchObject({ kind: 'error', message: expect.stringMatching(/truncated/) });
  });
  it('property: random reports never throw', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 6 }), (rs) => {
      const a = new HidScannerAssembler();
      for (const r of rs) a.push(r);
    }));
  });
});

function feed(d: WedgeDetector, keys: WedgeKey[]): WedgeEvent[] {
  return keys.flatMap((k) => d.push(k));
}

describe('keyboard wedge detector', () => {
  it('recognises a scanner burst ending in Enter', () => {
    const ev = feed(new WedgeDetector(), scannerKeystrokes('ORD-01HXYZ', 1000, 8));
    expect(ev).toEqual([{ type: 'scan', code: 'ORD-01HXYZ', suffix: 'Enter', startedAt: 1000, endedAt: 1080, avgGapMs: 8 }]);
  });
  it('accepts Tab as suffix and ignores Shift inside the burst', () => {
    const keys = scannerKeystrokes('AbCdEf12', 0, 5, 'Tab');
    keys.splice(2, 0, { key: 'Shift', at: 9 });
    expect(feed(new WedgeDetector(), keys)).toMatchObject([{ type: 'scan', code: 'AbCdEf12', suffix: 'Tab' }]);
  });
  it('tells human typing apart and hands it back', () => {
    const keys = scannerKeystrokes('hello world', 0, 120);
    const ev = feed(new WedgeDetector(), keys);
    expect(ev.every((e) => e.type === 'typing')).toBe(true);
    expect(ev.some((e) => e.type === 'scan')).toBe(false);
  });
  it('does not call a fast but short burst a scan', () => {
    expect(feed(new WedgeDetector(), scannerKeystrokes('abc', 0, 5))).toMatchObject([{ type: 'typing', reason: 'only 3 characters' }]);
  });
  it('keeps fast consecutive scans apart (no merge, no drop)', () => {
    const keys = [...scannerKeystrokes('SKU-000111', 0, 4), ...scannerKeystrokes('SKU-000222', 45, 4), ...scannerKeystrokes('SKU-000333', 90, 4)];
    expect(feed(new WedgeDetector(), keys).map((e) => e.type === 'scan' && e.code)).toEqual(['SKU-000111', 'SKU-000222', 'SKU-000333']);
  });
  it('splits a burst at a long gap: the slow part is typing, the rest may be a scan', () => {
    const keys: WedgeKey[] = [{ key: 'x', at: 0 }, ...scannerKeystrokes('ABCDEFGH', 500, 5)];
    expect(feed(new WedgeDetector(), keys)).toMatchObject([{ type: 'typing', text: 'x' }, { type: 'scan', code: 'ABCDEFGH' }]);
  });
  it('reports an IME composing once per burst as a distinct event', () => {
    const keys: WedgeKey[] = [{ key: 'Process', at: 0, keyCode: 229 }, { key: 'a', at: 5, isComposing: true }, { key: 'b', at: 10, isComposing: true }];
    const ev = feed(new WedgeDetector(), keys);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'ime', message: expect.stringMatching(/input method/) });
  });
  it('flush gives back an abandoned burst as typing', () => {
    const d = new WedgeDetector();
    feed(d, [{ key: 'a', at: 0 }, { key: 'b', at: 5 }]);
    expect(d.pending).toBe(true);
    expect(d.flush(50)).toEqual([]);
    expect(d.flush(200)).toMatchObject([{ type: 'typing', text: 'ab', reason: 'no suffix key' }]);
  });
  it('does not import node modules (the renderer uses it)', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../src-main/devices/wedge.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/from ['"](node:|fs|path|buffer)/);
    expect(src).not.toMatch(/\bBuffer\b/);
  });
  it('property: a scanner-speed burst of >= 6 chars is always one scan with the exact code', () => {
    fc.assert(fc.property(fc.stringMatching(/^[!-~]{6,40}$/), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1e6 }), (code, gap, start) => {
      expect(feed(new WedgeDetector(), scannerKeystrokes(code, start, gap))).toEqual([expect.objectContaining({ type: 'scan', code })]);
    }));
  });
  it('property: random keys never throw and scans never contain the suffix', () => {
    const key = fc.record({ key: fc.oneof(fc.constantFrom('Enter', 'Tab', 'Shift', 'Backspace', 'Process'), fc.string({ minLength: 1, maxLength: 1 })), dt: fc.integer({ min: 0, max: 300 }), isComposing: fc.boolean() });
    fc.assert(fc.property(fc.array(key, { maxLength: 60 }), (ks) => {
      const d = new WedgeDetector();
      let t = 0;
      for (const k of ks) {
        t += k.dt;
        for (const e of d.push({ key: k.key, at: t, isComposing: k.isComposing })) if (e.type === 'scan') expect(e.code).not.toMatch(/[\r\n\t]/);
      }
    }));
  });
});
