// Real decoders for label tests: zxing-wasm (offline, wasm from node_modules), pdftoppm for PDFs,
// zpl-renderer-js for ZPL. One zxing module per test file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { DisplayList } from '../../src-main/labels/layout';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

function zxing(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  });
  return ready;
}

/** Every barcode zxing finds in a PNG, GS1 data in (AI) form to match our templates. */
export async function decodePng(png: Buffer | Uint8Array): Promise<string[]> {
  await zxing();
  const results = await readBarcodes(new Uint8Array(png), {
    formats: ['Code128', 'QRCode', 'EAN-13'],
    maxNumberOfSymbols: 12,
    tryHarder: true,
    textMode: 'HRI',
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/** The barcodes a laid-out label should carry, as zxing reports them. */
export function expectedBarcodes(list: DisplayList): string[] {
  return list.ops.flatMap((op) => (op.op === 'barcode' ? [op.code.data] : []));
}

const work = mkdtempSync(join(tmpdir(), 'packline-labels-'));
let n = 0;

/** Rasterises page 1 (or every page) of a PDF with poppler's pdftoppm; returns PNG files' bytes. */
export function pdfToPngs(pdf: Buffer, dpi = 300, pages?: { first: number; last: number }): Buffer[] {
  const base = join(work, `p${++n}`);
  writeFileSync(`${base}.pdf`, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-gray', ...range, `${base}.pdf`, base]);
  const out: Buffer[] = [];
  for (let i = 1; i <= 2000; i++) {
    const candidates = [`${base}-${i}.png`, `${base}-${String(i).padStart(2, '0')}.png`, `${base}-${String(i).padStart(3, '0')}.png`, `${base}-${String(i).padStart(4, '0')}.png`];
    const f = candidates.find((c) => { try { readFileSync(c); return true; } catch { return false; } });
    if (!f) { if (pages && i < pages.first) continue; break; }
    out.push(readFileSync(f));
  }
  return out;
}

export function pdfText(pdf: Buffer): string {
  const base = join(work, `t${++n}`);
  writeFileSync(`${base}.pdf`, pdf);
  return execFileSync('pdftotext', ['-layout', `${base}.pdf`, '-'], { encoding: 'utf8' });
}

let zplApi: Promise<{ zplToBase64Async(zpl: string, w?: number, h?: number, dpmm?: number): Promise<string> }> | undefined;

/** Renders ZPL with zpl-renderer-js (an independent ZPL interpreter) to PNG bytes. */
export async function zplToPng(zpl: string, widthMm: number, heightMm: number, dpmm: number): Promise<Buffer> {
  // require: the CJS build, loaded by Node itself (the ESM build makes Vite look for a missing source map).
  zplApi ??= (require('zpl-renderer-js') as { ready: Promise<{ api: never }> }).ready.then((r) => r.api);
  const api = await zplApi;
  return Buffer.from(await api.zplToBase64Async(zpl, widthMm, heightMm, dpmm), 'base64');
}
