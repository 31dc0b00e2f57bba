// The label layer's front door: one template (by name or as data) + label data -> bytes in a format.
import { AppError } from '../lib/errors';
import type { LabelDataInput } from '../contract/labels';
import { layoutLabel, layoutPages, type DisplayList } from './layout';
import { DPIS, OUTPUT_FORMATS, dotsPerMm, type Dpi, type OutputFormat, type Template } from './model';
import { renderPdf } from './render-pdf';
import { rasterize } from './render-raster';
import { renderTspl, type TsplOptions } from './render-tspl';
import { renderZpl, type ZplOptions } from './render-zpl';
import { getTemplate, sampleData } from './templates';

export interface RenderRequest {
  template: string | Template;
  /** Defaults to the template's built-in sample data (previews). */
  data?: LabelDataInput;
  format: OutputFormat;
  dpi?: Dpi;
  zpl?: ZplOptions;
  tspl?: TsplOptions;
  /** PNG only: which page of a multi-page document (1-based, default 1). */
  page?: number;
}

export interface RenderedLabel {
  format: OutputFormat;
  mime: string;
  bytes: Buffer;
}

export const MIME: Record<OutputFormat, string> = {
  zpl: 'application/x-zpl',
  tspl: 'application/x-tspl',
  pdf: 'application/pdf',
  png: 'image/png',
};

/** Checks format and dpi, naming what was wrong. */
export function checkOutput(format: unknown, dpi: unknown): { format: OutputFormat; dpi: Dpi } {
  if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
    throw new AppError('validation', `unknown label format "${String(format)}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  const d = dpi === undefined ? 203 : Number(dpi);
  if (!DPIS.includes(d as Dpi)) throw new AppError('validation', `unsupported dpi "${String(dpi)}"; use 203 or 300`);
  return { format: format as OutputFormat, dpi: d as Dpi };
}

function resolveTemplate(t: string | Template): Template {
  return typeof t === 'string' ? getTemplate(t) : t;
}

/** Lays a template out for one label (exposed for previews and tests). */
export function layout(template: string | Template, data: LabelDataInput | undefined, dpi: Dpi = 203): DisplayList {
  const t = resolveTemplate(template);
  return layoutLabel(t, data ?? sampleData(t.sample), dotsPerMm(dpi));
}

/** Renders one label (every page of it: a long pick list is several PDF pages or labels). */
export async function renderLabel(req: RenderRequest): Promise<RenderedLabel> {
  const { format, dpi } = checkOutput(req.format, req.dpi);
  const t = resolveTemplate(req.template);
  let lists = layoutPages(t, req.data ?? sampleData(t.sample), dotsPerMm(dpi));
  if (format === 'png' && req.page !== undefined) {
    if (!Number.isInteger(req.page) || req.page < 1 || req.page > lists.length) throw new AppError('validation', `page ${req.page} does not exist; "${t.name}" has ${lists.length} page(s) for this data`);
    lists = [lists[req.page - 1]!];
  }
  return { format, mime: MIME[format], bytes: await renderLists(lists, format, req, t.name) };
}

/**
 * Renders many labels of one template as one print job: one PDF with a page per label, or ZPL/TSPL
 * label blocks one after another. PNG is one image per label, so it is refused here.
 */
export async function renderWave(req: Omit<RenderRequest, 'data'> & { data: LabelDataInput[] }): Promise<RenderedLabel> {
  const { format, dpi } = checkOutput(req.format, req.dpi);
  if (format === 'png') throw new AppError('validation', 'a wave renders to pdf, zpl or tspl; png previews are one label at a time');
  if (req.data.length === 0) throw new AppError('validation', 'a wave needs at least one label');
  const t = resolveTemplate(req.template);
  const lists = (function* () {
    for (const d of req.data) yield* layoutPages(t, d, dotsPerMm(dpi));
  })();
  return { format, mime: MIME[format], bytes: await renderLists(lists, format, req, t.name) };
}

async function renderLists(lists: Iterable<DisplayList>, format: OutputFormat, req: Pick<RenderRequest, 'zpl' | 'tspl'>, title: string): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(lists, { title });
    case 'png': {
      const [first] = lists;
      return rasterize(first!).toPng(first!.dpmm);
    }
    case 'zpl': {
      const parts: string[] = [];
      for (const l of lists) parts.push(renderZpl(l, req.zpl));
      return Buffer.from(parts.join(''), 'utf8');
    }
    case 'tspl': {
      const parts: Buffer[] = [];
      for (const l of lists) parts.push(renderTspl(l, req.tspl));
      return Buffer.concat(parts);
    }
  }
}

/**
 * A label the carrier's API returned ready-made (ZPL or PDF bytes): printed exactly as received,
 * after checking it is what it claims to be.
 */
export function passThroughLabel(bytes: Buffer, format: 'zpl' | 'pdf'): RenderedLabel {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (format === 'pdf' && !head.startsWith('%PDF-')) throw new AppError('validation', 'carrier label claims to be PDF but does not start with %PDF-');
  if (format === 'zpl' && !/\^XA/.test(head)) throw new AppError('validation', 'carrier label claims to be ZPL but has no ^XA in its first 1 KB');
  return { format, mime: MIME[format], bytes };
}
