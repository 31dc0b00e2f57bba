// Output details beyond decoding: printer-resident CJK text modes, images, ZPL graphic compression.
import iconv from 'iconv-lite';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layout, renderLabel } from '../../src-main/labels/render';
import { compressGraphic } from '../../src-main/labels/render-zpl';
import { parseTemplate } from '../../src-main/labels/templates';
import { decodePng as decodeRasterPng } from '../../src-main/labels/png-decode';
import { decodePng, pdfText, zplToPng } from './decode-helpers';
import { sampleData } from '../../src-main/labels/templates';

/** A w x h 8-bit grey PNG, black square in the middle, written without any library. */
function tinyPng(w: number, h: number): string {
  const rows = Buffer.alloc((w + 1) * h, 255);
  for (let y = 0; y < h; y++) {
    rows[y * (w + 1)] = 0;
    for (let x = 0; x < w; x++) if (x >= w / 4 && x < (3 * w) / 4 && y >= h / 4 && y < (3 * h) / 4) rows[y * (w + 1) + 1 + x] = 0;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    let c = 0xffffffff;
    for (const b of body) { c ^= b; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
    const crc = Buffer.alloc(4); crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr.set([8, 0, 0, 0, 0], 8);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const logoTemplate = parseTemplate({
  name: 'logo-test', title: 'logo', kind: 'shipping', size: { w: 50, h: 30 }, sample: 'cn-parcel',
  elements: [
    { type: 'image', x: 5, y: 5, w: 20, h: 20, src: tinyPng(16, 16) },
    { type: 'text', x: 27, y: 5, w: 20, h: 6, text: '收件人', size: 10 },
  ],
}, 'test');

describe('label outputs', () => {
  it('ZPL resident-font mode sends UTF-8 text in ^A@ fields with ^CI28', async () => {
    const zpl = (await renderLabel({ template: 'cn-ewaybill-76x130', format: 'zpl', zpl: { textMode: 'resident', residentFont: 'E:NOTOSC.TTF' } })).bytes.toString('utf8');
    expect(zpl).toContain('^CI28');
    expect(zpl).toMatch(/\^A@N,\d+,\d+,E:NOTOSC\.TTF\^FH_\^FD集包地\^FS/);
    expect(zpl).not.toMatch(/\^GFA.*\^FD集包地/);
  });

  it('TSPL resident-font mode sends Chinese in GBK with TSS24.BF2', async () => {
    const tspl = (await renderLabel({ template: 'cn-ewaybill-76x130', format: 'tspl', tspl: { textMode: 'resident' } })).bytes;
    expect(tspl.includes(Buffer.from('"TSS24.BF2",0,'))).toBe(true);
    expect(tspl.includes(iconv.encode('集包地', 'gbk'))).toBe(true);
    expect(tspl.includes(Buffer.from('集包地', 'utf8'))).toBe(false);
  });

  it('images render in every format', async () => {
    const png = (await renderLabel({ template: logoTemplate, format: 'png', dpi: 203 })).bytes;
    const img = decodeRasterPng(png);
    // The middle of the logo is black, its corner white.
    const at = (xMm: number, yMm: number) => img.ink[Math.round(yMm * 8) * img.width + Math.round(xMm * 8)]!;
    expect(at(15, 15)).toBeGreaterThan(200);
    expect(at(6, 6)).toBeLessThan(50);
    const pdf = (await renderLabel({ template: logoTemplate, format: 'pdf' })).bytes;
    expect(pdf.includes('/Subtype /Image')).toBe(true);
    expect((await renderLabel({ template: logoTemplate, format: 'zpl' })).bytes.toString()).toMatch(/\^GFA/);
    expect((await renderLabel({ template: logoTemplate, format: 'tspl' })).bytes.toString('latin1')).toMatch(/BITMAP /);
  });

  it('EAN-13 renders and decodes (PNG and ZPL)', async () => {
    const ean = parseTemplate({
      name: 'ean-test', title: 'ean', kind: 'shipping', size: { w: 60, h: 30 }, sample: 'cn-parcel',
      elements: [{ type: 'barcode', x: 2, y: 2, w: 56, h: 24, symbology: 'ean13', data: '5901234123457', module: 0.33 }],
    }, 'test');
    const png = (await renderLabel({ template: ean, format: 'png', dpi: 300 })).bytes;
    expect(await decodePng(png)).toEqual(['5901234123457']);
    const zpl = (await renderLabel({ template: ean, format: 'zpl', dpi: 203 })).bytes.toString();
    expect(await decodePng(await zplToPng(zpl, 60, 30, 8))).toEqual(['5901234123457']);
  });

  it('a long pick list continues on more pages, numbered, with every row once', async () => {
    const data = sampleData('wave');
    data.picks = Array.from({ length: 70 }, (_, i) => ({ location: `A-${String(i).padStart(3, '0')}`, sku: `SKU-${i}`, name: `商品 ${i}`, qty: 1, slots: '1:1' }));
    const pdf = (await renderLabel({ template: 'pick-list-a4', data, format: 'pdf' })).bytes;
    const text = pdfText(pdf);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect(text).toContain('3/3');
    for (let i = 0; i < 70; i++) expect(text.match(new RegExp(`SKU-${i}\\b`, 'g'))).toHaveLength(1);
    expect((await renderLabel({ template: 'pick-list-a4', data, format: 'png', page: 3 })).mime).toBe('image/png');
    await expect(renderLabel({ template: 'pick-list-a4', data, format: 'png', page: 4 })).rejects.toThrow(/page 4 does not exist; "pick-list-a4" has 3 page/);
  });

  it('ZPL graphic compression: blank rows, repeated rows and runs', () => {
    const data = new Uint8Array([0xff, 0xff, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x00, 0x01]);
    // FFFF00 -> 4 x F then zeros to the end; the same row again; a blank row; F, 4 x 0, 1.
    expect(compressGraphic(data, 3)).toBe('JF,:,FJ01');
  });

  it('text shrinks towards minSize, then cuts with an ellipsis, and never leaves its box', () => {
    const long = parseTemplate({
      name: 'fit-test', title: 'fit', kind: 'shipping', size: { w: 40, h: 20 }, sample: 'cn-parcel',
      elements: [{ type: 'text', x: 2, y: 2, w: 36, h: 5, text: '{{recipient.addressMasked}}{{recipient.addressMasked}}', size: 12, minSize: 8 }],
    }, 'test');
    const ops = layout(long, undefined, 203).ops.filter((o) => o.op === 'text');
    expect(ops).toHaveLength(1);
    const t = ops[0]!;
    expect(t.op === 'text' && t.text.endsWith('…')).toBe(true);
    expect(t.op === 'text' && t.x + t.widthMm <= 38.01).toBe(true);
    expect(t.op === 'text' && t.sizeMm).toBeCloseTo(8 * 25.4 / 72, 3);
  });
});
