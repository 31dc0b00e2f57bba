import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ZplStatusReader, parseZplStatusLines, formatZplStatus } from '../../src-main/devices/codecs/zpl-status';

// Recorded from a ZD420 (direct thermal) via `~HS`; fields as in the ZPL manual.
const RECORDED_OK = '\x02030,0,0,1225,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';

describe('ZPL ~HS status', () => {
  it('reads a ready printer', () => {
    const s = new ZplStatusReader().push(RECORDED_OK);
    expect(s).toMatchObject({ kind: 'status', paperOut: false, headOpen: false, paused: false, problems: [] });
  });
  it('reports paper out, head open and paused in words', () => {
    const s = new ZplStatusReader().push(formatZplStatus({ paperOut: true, headOpen: true, paused: true }));
    expect(s).toMatchObject({ paperOut: true, headOpen: true, paused: true });
    expect((s as { problems: string[] }).problems.join('; ')).toMatch(/paper out.*head open.*paused/);
  });
  it('ignores ribbon-out on a direct thermal printer but not in thermal transfer mode', () => {
    expect(parseZplStatusLines(['030,0,0,1225,000,0,0,0,000,0,0,0', '001,0,0,1,0,2,4,0,00000000,1,000', '1234,0'])).toMatchObject({ ribbonOut: false });
    expect(parseZplStatusLines(['030,0,0,1225,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,4,0,00000000,1,000', '1234,0'])).toMatchObject({ ribbonOut: true });
  });
  it('assembles the answer split across reads with noise between frames', () => {
    const r = new ZplStatusReader();
    const parts = ('garbage' + formatZplStatus({ paperOut: true })).split('');
    const results = parts.map((p) => r.push(p)).filter(Boolean);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ paperOut: true });
  });
  it('refuses a malformed answer with a message', () => {
    expect(new ZplStatusReader().push('\x02a,b\x03\x02c\x03\x02d\x03')).toMatchObject({ kind: 'error', message: expect.stringMatching(/not in the expected format/) });
  });
  it('property: never throws', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 10 }), (cs) => {
      const r = new ZplStatusReader();
      for (const c of cs) r.push(c);
    }));
  });
});
