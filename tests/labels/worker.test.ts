// Rendering in a worker thread: same bytes as in-process, errors keep their code, the caller's
// event loop keeps turning while a wave renders.
import { afterAll, describe, expect, it } from 'vitest';
import { renderLabel } from '../../src-main/labels/render';
import { sampleData } from '../../src-main/labels/templates';
import { createLabelRenderer } from '../../src-main/labels/worker/pool';

const pool = createLabelRenderer({ workers: 1 });
afterAll(() => pool.close());

describe('label render worker', () => {
  it('renders the same ZPL as in-process', async () => {
    const [a, b] = await Promise.all([pool.render({ template: 'cn-ewaybill-76x130', format: 'zpl' }), renderLabel({ template: 'cn-ewaybill-76x130', format: 'zpl' })]);
    expect(a.mime).toBe('application/x-zpl');
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('keeps the error code and message', async () => {
    await expect(pool.render({ template: 'nope', format: 'pdf' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/unknown label template "nope"/) });
  });

  it('renders a 200-label wave to one PDF while the calling event loop stays free', async () => {
    const base = sampleData('cn-parcel');
    const data = Array.from({ length: 200 }, (_, i) => ({ ...base, parcel: { ...base.parcel, waybill: `SF${String(1405432687014 + i)}` } }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    const wave = await pool.renderWave({ template: 'cn-ewaybill-76x130', format: 'pdf', data });
    const ms = performance.now() - t0;
    clearInterval(timer);
    expect(wave.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(wave.bytes.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBe(200);
    // The timer kept firing during the render: rendered on this thread, the loop would be blocked
    // for the whole second (0 or 1 tick). Not a rate: two shared cores under load fire late.
    expect(ticks).toBeGreaterThanOrEqual(Math.min(20, (ms / 5) * 0.1));
  });
});

describe('Settings -> Labels preview helpers', () => {
  it('lists every template with its size and renders a PNG preview in the worker', async () => {
    const { templateSummaries, renderPreview } = await import('../../src-main/labels/preview');
    const { LabelPreviewQuery } = await import('../../src-main/contract/labels');
    const list = templateSummaries().items;
    expect(list.find((t) => t.name === 'cn-ewaybill-76x130')).toMatchObject({ widthMm: 76, heightMm: 130, kind: 'waybill' });
    const png = await renderPreview(pool, 'shipping-4x6', LabelPreviewQuery.parse({ dpi: '300' }));
    expect(png.mime).toBe('image/png');
    expect(png.bytes.readUInt32BE(16)).toBe(1200); // 100 mm at 12 dots/mm
    expect(() => LabelPreviewQuery.parse({ dpi: '600' })).toThrow(/dpi is 203 or 300/);
  });
});
