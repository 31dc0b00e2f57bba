// Every template x format x resolution renders, and every barcode on it decodes back to its data
// with zxing-wasm: from the PNG preview, the PDF rasterised by pdftoppm, the ZPL rendered by
// zpl-renderer-js, and the TSPL drawn by a small interpreter.
import { describe, expect, it } from 'vitest';
import { layout, renderLabel } from '../../src-main/labels/render';
import { listTemplates, sampleData } from '../../src-main/labels/templates';
import { maskPhone } from '../../src-main/contract/privacy';
import { decodePng, expectedBarcodes, pdfText, pdfToPngs, zplToPng } from './decode-helpers';
import { tsplToPng } from './tspl-interpreter';

const templates = listTemplates();
const sorted = (a: string[]) => [...a].sort();

describe.each(templates.map((t) => [t.name, t] as const))('template %s', (name, t) => {
  const isA4 = t.size.w > 150;
  for (const dpi of [203, 300] as const) {
    const expected = sorted(expectedBarcodes(layout(name, undefined, dpi)));

    it(`PNG at ${dpi} dpi decodes every barcode`, async () => {
      const png = await renderLabel({ template: name, format: 'png', dpi });
      expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(await decodePng(png.bytes))).toEqual(expected);
    });

    it(`ZPL at ${dpi} dpi, rendered by zpl-renderer-js, decodes`, async () => {
      const zpl = (await renderLabel({ template: name, format: 'zpl', dpi })).bytes.toString('utf8');
      expect(zpl.startsWith('^XA')).toBe(true);
      expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
      if (isA4 && dpi === 300) return; // A4 is a laser-printer format: rendering is enough at 300
      const png = await zplToPng(zpl, t.size.w, t.size.h, dpi === 203 ? 8 : 12);
      expect(sorted(await decodePng(png))).toEqual(expected);
    });

    it(`TSPL at ${dpi} dpi draws decodable barcodes`, async () => {
      const tspl = (await renderLabel({ template: name, format: 'tspl', dpi })).bytes;
      expect(tspl.toString('latin1')).toMatch(/^SIZE \d+ mm,\d+ mm\r\n/);
      expect(tspl.toString('latin1')).toMatch(/PRINT 1,1\r\n$/);
      if (isA4) return;
      expect(sorted(await decodePng(tsplToPng(tspl, dpi === 203 ? 8 : 12)))).toEqual(expected);
    });

    it(`PDF laid out for ${dpi} dpi, rasterised by pdftoppm, decodes and hides full phones`, async () => {
      const pdf = (await renderLabel({ template: name, format: 'pdf', dpi })).bytes;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const [page] = pdfToPngs(pdf, isA4 ? 200 : 300);
      expect(sorted(await decodePng(page!))).toEqual(expected);
      // Vector barcodes: the PDF embeds no image at all.
      expect(pdf.includes('/Subtype /Image')).toBe(false);
      const digits = pdfText(pdf).replace(/[^\d*]/g, '');
      const sample = sampleData(t.sample);
      for (const party of [sample.recipient, sample.sender]) {
        if (!party?.phone) continue;
        expect(digits).not.toContain(party.phone.replace(/\D/g, ''));
      }
      if (sample.recipient?.phone && t.elements.some((e) => 'text' in e && e.text.includes('recipient.phoneMasked'))) {
        expect(digits).toContain(maskPhone(sample.recipient.phone).replace(/[^\d*]/g, ''));
      }
    });
  }
});
