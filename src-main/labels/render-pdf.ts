// Display lists -> one PDF (a label per page). Text uses the shipped CJK font, subset per
// document by pdfkit; barcodes are vector rectangles, one per run of dark modules.
import PDFDocument from 'pdfkit';
import { charGlyph, labelFont } from './font';
import type { DisplayList } from './layout';
import { decodePngDataUrl } from './png-decode';

const PT_PER_MM = 72 / 25.4;
const FAMILY = 'PacklineCJK';

type Doc = PDFKit.PDFDocument & { _fontFamilies?: Record<string, unknown>; _fontCount?: number };
type EmbeddedFontCtor = new (doc: Doc, font: unknown, id: string) => unknown;
let embeddedFontCtor: EmbeddedFontCtor | null | undefined;

/**
 * pdfkit parses a font file anew for every document (~40 ms for a CJK font). We hand each document
 * an embedded-font wrapper around one shared parsed font instead; the subset stays per document.
 * Falls back to the ordinary registerFont path if pdfkit's internals ever change.
 */
function useSharedFont(doc: Doc): void {
  const { font, bytes } = labelFont();
  if (embeddedFontCtor === undefined) {
    const probe = new PDFDocument({ autoFirstPage: false }) as Doc & { _font?: { constructor: EmbeddedFontCtor } };
    probe.font(bytes);
    embeddedFontCtor = probe._fontFamilies && probe._font ? probe._font.constructor : null;
  }
  if (embeddedFontCtor && doc._fontFamilies && typeof doc._fontCount === 'number') {
    const embedded = new embeddedFontCtor(doc, font, `F${++doc._fontCount}`) as { layout?: unknown; scale?: number };
    if (typeof embedded.layout === 'function' && typeof embedded.scale === 'number') embedded.layout = simpleLayout(embedded.scale);
    doc._fontFamilies[FAMILY] = embedded;
  } else {
    doc.registerFont(FAMILY, bytes);
  }
  doc.font(FAMILY);
}

type PdfGlyph = { id: number; advanceWidth: number; codePoints: number[] };
const pdfGlyphs = new Map<number, PdfGlyph>();

/**
 * Glyph runs for pdfkit from the same per-character advances the layout measured with (no
 * OpenType shaping: it is slow for this font and labels need none), so PDF text lines up with
 * the PNG/ZPL/TSPL outputs exactly.
 */
function simpleLayout(scale: number) {
  return (text: string) => {
    const glyphs: PdfGlyph[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = pdfGlyphs.get(cp);
      if (!g) {
        const c = charGlyph(cp);
        g = { id: c.id, advanceWidth: c.advance, codePoints: [cp] };
        pdfGlyphs.set(cp, g);
      }
      glyphs.push(g);
      const adv = g.advanceWidth * scale;
      positions.push({ xAdvance: adv, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: adv });
      advanceWidth += adv;
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** Renders one or more labels into a single PDF; each page has its label's own size. */
export function renderPdf(lists: Iterable<DisplayList>, opts: { title?: string; compress?: boolean } = {}): Promise<Buffer> {
  // font: no default Helvetica: pdfkit would parse its AFM metrics for every document (~5 ms).
  const doc = new PDFDocument({ font: null as unknown as string, compress: opts.compress ?? true, autoFirstPage: false, margin: 0, info: { Title: opts.title ?? 'label', Producer: 'Packline' } }) as Doc;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  useSharedFont(doc);
  // Pages are drawn as the lists arrive, so a wave never holds every layout at once.
  for (const list of lists) drawPage(doc, list);
  doc.end();
  return done;
}

function drawPage(doc: Doc, list: DisplayList): void {
  const k = PT_PER_MM;
  doc.addPage({ size: [list.widthMm * k, list.heightMm * k], margin: 0 });
  for (const op of list.ops) {
    switch (op.op) {
      case 'rect':
        doc.rect(op.x * k, op.y * k, op.w * k, op.h * k).fill(op.white ? 'white' : 'black');
        break;
      case 'text':
        doc.fillColor(op.white ? 'white' : 'black').fontSize(op.sizeMm * k);
        if (op.bold) doc.lineWidth(op.sizeMm * k * 0.035).strokeColor(op.white ? 'white' : 'black');
        doc.text(op.text, op.x * k, op.baseline * k, { lineBreak: false, baseline: 'alphabetic', fill: true, stroke: op.bold });
        break;
      case 'barcode': {
        const m = op.moduleMm * k;
        for (const r of op.code.rects) {
          if (op.code.rows === 1) doc.rect(op.x * k + r.x * m, op.y * k, r.w * m, op.heightMm * k);
          else doc.rect(op.x * k + r.x * m, op.y * k + r.y * m, r.w * m, r.h * m);
        }
        doc.fill('black');
        break;
      }
      case 'image':
        doc.image(decodePngDataUrl(op.src).png, op.x * k, op.y * k, { width: op.w * k, height: op.h * k });
        break;
    }
  }
}
