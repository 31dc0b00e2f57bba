// Template + data -> a display list in millimetres, snapped to the printer's dot grid. Every
// renderer draws this list, so a PNG preview shows exactly what the printer gets.
import { AppError } from '../lib/errors';
import { encodeBarcode, type EncodedBarcode } from './barcodes';
import { fieldBag, fillText, isPresent, type FieldBag } from './fields';
import { type LabelDataInput } from '../contract/labels';
import { BASELINE_RATIO, PT_TO_MM, textWidthMm, wrapText } from './font';
import type { BarcodeElement, Element, TableElement, Template, TextElement } from './model';

export interface RectOp { op: 'rect'; x: number; y: number; w: number; h: number; white?: boolean }
export interface TextOp {
  op: 'text'; text: string; x: number; baseline: number; sizeMm: number; widthMm: number; bold: boolean; white: boolean;
}
export interface BarcodeOp {
  op: 'barcode'; x: number; y: number; moduleMm: number; heightMm: number; code: EncodedBarcode;
}
export interface ImageOp { op: 'image'; x: number; y: number; w: number; h: number; src: string }
export type Op = RectOp | TextOp | BarcodeOp | ImageOp;

export interface DisplayList {
  template: string;
  widthMm: number;
  heightMm: number;
  dpmm: number;
  ops: Op[];
}

const ELLIPSIS = '…';

/** Lays a template out for one label (its first page). `dpmm` is the printer grid barcodes snap to (8 or 12). */
export function layoutLabel(template: Template, data: LabelDataInput, dpmm: number): DisplayList {
  return layoutPages(template, data, dpmm)[0]!;
}

/**
 * Lays a template out on as many pages as its tables need (a long pick list): every page repeats
 * the other elements, each table shows its next maxRows rows, and {{page.ofN}} numbers the pages.
 */
export function layoutPages(template: Template, data: LabelDataInput, dpmm: number): DisplayList[] {
  const bag = fieldBag(data);
  const snap = (v: number) => Math.round(v * dpmm) / dpmm;
  let pages = 1;
  for (const el of template.elements) {
    if (el.type !== 'table' || el.overflow !== 'pages' || !isPresent(el.when, bag)) continue;
    const rows = bag.get(el.rows);
    if (Array.isArray(rows)) pages = Math.max(pages, Math.ceil(rows.length / el.maxRows));
  }
  const out: DisplayList[] = [];
  for (let page = 0; page < pages; page++) {
    const info: Record<string, string> = { 'page.index': String(page + 1), 'page.count': String(pages), 'page.ofN': `${page + 1}/${pages}` };
    const pageBag: FieldBag = { what: bag.what, get: (path) => (Object.hasOwn(info, path) ? info[path] : bag.get(path)) };
    const ops: Op[] = [];
    for (const el of template.elements) {
      if (!isPresent(el.when, pageBag)) continue;
      layoutElement(el, { bag: pageBag, template: template.name, ops, snap, dpmm, page });
    }
    out.push({ template: template.name, widthMm: template.size.w, heightMm: template.size.h, dpmm, ops });
  }
  return out;
}

interface Ctx { bag: FieldBag; template: string; ops: Op[]; snap: (v: number) => number; dpmm: number; page: number }

function layoutElement(el: Element, ctx: Ctx): void {
  const { ops, snap } = ctx;
  switch (el.type) {
    case 'text':
      return layoutText(el, fillText(el.text, ctx.bag, ctx.template), ctx);
    case 'barcode':
      return layoutBarcode(el, ctx);
    case 'line': {
      const t = Math.max(el.t, 1 / ctx.dpmm);
      if (el.y1 === el.y2) ops.push({ op: 'rect', x: snap(Math.min(el.x1, el.x2)), y: snap(el.y1 - t / 2), w: snap(Math.abs(el.x2 - el.x1)), h: snap(t) || 1 / ctx.dpmm });
      else ops.push({ op: 'rect', x: snap(el.x1 - t / 2), y: snap(Math.min(el.y1, el.y2)), w: snap(t) || 1 / ctx.dpmm, h: snap(Math.abs(el.y2 - el.y1)) });
      return;
    }
    case 'box': {
      const [x, y, w, h, t] = [snap(el.x), snap(el.y), snap(el.w), snap(el.h), Math.max(snap(el.t), 1 / ctx.dpmm)];
      if (el.fill) ops.push({ op: 'rect', x, y, w, h });
      else ops.push({ op: 'rect', x, y, w, h: t }, { op: 'rect', x, y: y + h - t, w, h: t }, { op: 'rect', x, y, w: t, h }, { op: 'rect', x: x + w - t, y, w: t, h });
      return;
    }
    case 'image':
      ops.push({ op: 'image', x: el.x, y: el.y, w: el.w, h: el.h, src: el.src });
      return;
    case 'table':
      return layoutTable(el, ctx);
  }
}

/** Fits text into its box: wrap, shrink towards minSize, then cut the last line with an ellipsis. */
function layoutText(el: TextElement, text: string, ctx: Ctx, forceSize?: number): void {
  let sizePt = forceSize ?? el.size;
  const minPt = el.minSize ?? el.size;
  const fits = (lines: string[], sizeMm: number) =>
    lines.length <= el.maxLines && (el.h === undefined || lines.length * sizeMm * el.lineHeight <= el.h + 0.01);
  let sizeMm = sizePt * PT_TO_MM;
  let lines = wrapText(text, sizeMm, el.w);
  while (!fits(lines, sizeMm) && sizePt - 0.5 >= minPt) {
    sizePt -= 0.5;
    sizeMm = sizePt * PT_TO_MM;
    lines = wrapText(text, sizeMm, el.w);
  }
  const maxLines = Math.max(1, Math.min(el.maxLines, el.h === undefined ? el.maxLines : Math.floor((el.h + 0.01) / (sizeMm * el.lineHeight))));
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    lines[maxLines - 1] = cutToWidth(lines[maxLines - 1]! + ELLIPSIS, sizeMm, el.w);
  }
  const lineH = sizeMm * el.lineHeight;
  const blockH = lines.length * lineH;
  const boxH = el.h ?? blockH;
  const top = el.y + Math.max(0, (boxH - blockH) / 2);
  if (el.invert) ctx.ops.push({ op: 'rect', x: el.x, y: el.y, w: el.w, h: boxH });
  lines.forEach((line, i) => {
    const widthMm = textWidthMm(line, sizeMm);
    const x = el.align === 'left' ? el.x : el.align === 'right' ? el.x + el.w - widthMm : el.x + (el.w - widthMm) / 2;
    // Half the extra leading above the em box, then the CJK baseline inside it.
    const baseline = top + i * lineH + (lineH - sizeMm) / 2 + sizeMm * BASELINE_RATIO;
    if (line) ctx.ops.push({ op: 'text', text: line, x, baseline, sizeMm, widthMm, bold: el.bold, white: el.invert });
  });
}

function cutToWidth(text: string, sizeMm: number, maxMm: number): string {
  if (textWidthMm(text, sizeMm) <= maxMm) return text;
  const chars = [...text.replace(new RegExp(`${ELLIPSIS}$`), '')];
  while (chars.length > 0 && textWidthMm(chars.join('') + ELLIPSIS, sizeMm) > maxMm) chars.pop();
  return chars.join('') + ELLIPSIS;
}

/**
 * Barcodes: the module is a whole number of printer dots (at least 2), shrunk if needed so the
 * symbol plus its quiet zones fits the area; too long data for the area is an error, never a
 * barcode that runs off the label or loses its quiet zone.
 */
function layoutBarcode(el: BarcodeElement, ctx: Ctx): void {
  const data = fillText(el.data, ctx.bag, ctx.template);
  const code = encodeBarcode(el.symbology, data);
  const linear = code.rows === 1;
  const totalCols = code.cols + 2 * code.quiet;
  const hri = linear && el.humanReadable;
  const textMm = el.textSize * PT_TO_MM;
  const barH = linear ? (hri ? el.h - textMm * 1.3 : el.h) : el.h;
  const fitW = Math.floor((el.w * ctx.dpmm) / totalCols);
  const fitH = linear ? Infinity : Math.floor((el.h * ctx.dpmm) / (code.rows + 2 * code.quiet));
  const wanted = Math.max(1, Math.round(el.module * ctx.dpmm));
  const dots = Math.min(wanted, fitW, fitH);
  const minDots = Math.ceil(0.25 * ctx.dpmm); // 0.25 mm: the narrowest module scanners read reliably on thermal paper
  if (dots < minDots) {
    throw new AppError('validation', `template "${ctx.template}": ${el.symbology} "${data}" needs ${totalCols} modules with quiet zones; ` +
      `${el.w} x ${el.h} mm at ${ctx.dpmm} dots/mm gives modules under 0.25 mm. Widen the barcode area or shorten the data.`);
  }
  const moduleMm = dots / ctx.dpmm;
  const symbolW = code.cols * moduleMm;
  const x = ctx.snap(el.x + (el.w - symbolW) / 2);
  const heightMm = linear ? ctx.snap(barH) : code.rows * moduleMm;
  const y = linear ? ctx.snap(el.y) : ctx.snap(el.y + (el.h - heightMm) / 2);
  ctx.ops.push({ op: 'barcode', x, y, moduleMm, heightMm, code });
  if (hri) {
    const sizeMm = textMm;
    const text = cutToWidth(code.hri, sizeMm, el.w);
    const widthMm = textWidthMm(text, sizeMm);
    ctx.ops.push({ op: 'text', text, x: el.x + (el.w - widthMm) / 2, baseline: y + heightMm + sizeMm * 1.1, sizeMm, widthMm, bold: false, white: false });
  }
}

function layoutTable(el: TableElement, ctx: Ctx): void {
  const all = ctx.bag.get(el.rows);
  if (!Array.isArray(all)) throw new AppError('validation', `template "${ctx.template}": table rows "${el.rows}" is not a list in ${ctx.bag.what}`);
  const rows = el.overflow === 'pages' ? all.slice(ctx.page * el.maxRows, (ctx.page + 1) * el.maxRows) : all;
  const line = (y: number, t = 0.2) => ctx.ops.push({ op: 'rect', x: el.x, y: ctx.snap(y), w: el.w, h: Math.max(ctx.snap(t), 1 / ctx.dpmm) });
  const cell = (text: string, x: number, y: number, w: number, align: 'left' | 'center' | 'right', bold: boolean) =>
    layoutText({ type: 'text', x: x + 0.8, y, w: w - 1.6, h: el.rowH, text, size: el.size, align, bold, invert: false, maxLines: 1, lineHeight: 1.2 }, text, ctx);
  let y = el.y;
  let x = el.x;
  for (const c of el.columns) { cell(c.header, x, y, c.w, c.align, true); x += c.w; }
  y += el.rowH;
  line(y, 0.3);
  const shown = rows.length > el.maxRows ? el.maxRows - 1 : rows.length;
  for (let i = 0; i < shown; i++) {
    const row = rows[i] as Record<string, unknown>;
    x = el.x;
    for (const c of el.columns) {
      const text = c.field.includes('{{') ? fillText(c.field, ctx.bag, ctx.template, row) : String(row[c.field] ?? '');
      cell(text, x, y, c.w, c.align, false);
      x += c.w;
    }
    y += el.rowH;
    line(y);
  }
  if (shown < rows.length) cell(`… +${rows.length - shown} more`, el.x, y, el.w, 'left', false);
}
