import { describe, expect, it } from 'vitest';
import { checkOutput, passThroughLabel, renderLabel } from '../../src-main/labels/render';
import { parseTemplate, sampleData, templateNames } from '../../src-main/labels/templates';

describe('bad input gets a clear error naming what was wrong', () => {
  it('lists the built-in templates', () => {
    expect(templateNames()).toEqual(['carrier-manifest-a4', 'cn-ewaybill-100x180', 'cn-ewaybill-76x130', 'gs1-logistic-100x150', 'packing-slip-a4', 'pick-list-a4', 'shipping-4x6']);
  });
  it('unknown template', async () => {
    await expect(renderLabel({ template: 'nope', format: 'pdf' })).rejects.toThrow(/unknown label template "nope"; known templates: carrier-manifest-a4, cn-ewaybill-100x180/);
  });
  it('bad dpi and format', () => {
    expect(() => checkOutput('pdf', 600)).toThrow(/unsupported dpi "600"; use 203 or 300/);
    expect(() => checkOutput('bmp', 203)).toThrow(/unknown label format "bmp"/);
  });
  it('missing order field names the field and the template', async () => {
    const data = sampleData('cn-parcel');
    delete (data.parcel as { waybill?: string }).waybill;
    await expect(renderLabel({ template: 'cn-ewaybill-76x130', data, format: 'zpl' })).rejects.toThrow(
      /template "cn-ewaybill-76x130" needs field "parcel.waybill", which order ord_01JDEMO00000000000000000001 does not have/);
  });
  it('invalid template documents name the field', () => {
    expect(() => parseTemplate({ name: 'x', title: 'x', kind: 'waybill', size: { w: 10, h: 10 }, sample: 's', elements: [] }, 'my.json')).toThrow(/my.json is not valid: size.w/);
  });
  it('barcode data too long for its area is refused, not squeezed under the quiet zone', async () => {
    const data = sampleData('cn-parcel');
    data.parcel!.waybill = 'SF' + 'A1B2C3D4E5'.repeat(6);
    await expect(renderLabel({ template: 'cn-ewaybill-76x130', data, format: 'png' })).rejects.toThrow(/needs \d+ modules with quiet zones/);
  });
  it('carrier-supplied labels pass through unchanged, after a format check', () => {
    const zpl = Buffer.from('^XA^FO50,50^A0N,30,30^FDready^FS^XZ');
    expect(passThroughLabel(zpl, 'zpl').bytes).toBe(zpl);
    expect(() => passThroughLabel(Buffer.from('hello'), 'pdf')).toThrow(/does not start with %PDF-/);
  });
});
