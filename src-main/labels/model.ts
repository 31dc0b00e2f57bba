// The label model: a template is data (JSON in resources/labels), in millimetres from the top-left
// corner, with text fields filled from a LabelData record. One template renders to every format.
import { z } from 'zod';

const mm = z.number().min(0).max(400);
/** Render the element only when this field is non-empty (e.g. a master waybill on child parcels). */
const when = z.string().optional().describe('field path; the element is skipped when it is empty');

export const TextElement = z.object({
  type: z.literal('text'),
  x: mm, y: mm, w: mm.positive(), h: mm.positive().optional().describe('box height; default one line'),
  text: z.string().describe('literal text with {{field}} or {{field?}} (optional) placeholders'),
  size: z.number().min(4).max(200).describe('font size in points'),
  align: z.enum(['left', 'center', 'right']).default('left'),
  bold: z.boolean().default(false),
  invert: z.boolean().default(false).describe('white text on a black box'),
  maxLines: z.number().int().min(1).max(40).default(1),
  minSize: z.number().min(4).optional().describe('shrink down to this size before cutting text'),
  lineHeight: z.number().min(0.8).max(3).default(1.2),
  when,
});

export const Symbology = z.enum(['code128', 'gs1-128', 'qrcode', 'ean13']);
export type Symbology = z.infer<typeof Symbology>;

export const BarcodeElement = z.object({
  type: z.literal('barcode'),
  x: mm, y: mm, w: mm.positive().describe('area width; the symbol is centred in it'),
  h: mm.positive().describe('bar height (linear) or area height (QR)'),
  symbology: Symbology,
  data: z.string(),
  module: z.number().min(0.125).max(2).default(0.33).describe('narrow bar / QR module width in mm'),
  humanReadable: z.boolean().default(true),
  textSize: z.number().min(5).max(30).default(8),
  when,
});

export const LineElement = z.object({
  type: z.literal('line'),
  x1: mm, y1: mm, x2: mm, y2: mm,
  t: z.number().min(0.1).max(5).default(0.3).describe('thickness in mm'),
  when,
}).refine((l) => l.x1 === l.x2 || l.y1 === l.y2, { message: 'lines are horizontal or vertical' });

export const BoxElement = z.object({
  type: z.literal('box'),
  x: mm, y: mm, w: mm.positive(), h: mm.positive(),
  t: z.number().min(0.1).max(10).default(0.3),
  fill: z.boolean().default(false),
  when,
});

export const ImageElement = z.object({
  type: z.literal('image'),
  x: mm, y: mm, w: mm.positive(), h: mm.positive(),
  src: z.string().describe('data:image/png;base64,... (8-bit grey, RGB or RGBA, not interlaced)'),
  when,
});

export const TableColumn = z.object({
  header: z.string(),
  field: z.string().describe('field of one row, e.g. "sku"; {{...}} placeholders allowed'),
  w: mm.positive(),
  align: z.enum(['left', 'center', 'right']).default('left'),
});

export const TableElement = z.object({
  type: z.literal('table'),
  x: mm, y: mm, w: mm.positive(),
  rows: z.string().describe('list field, e.g. "items" or "picks"'),
  columns: z.array(TableColumn).min(1),
  rowH: z.number().min(3).max(40).default(7),
  size: z.number().min(5).max(30).default(9),
  maxRows: z.number().int().min(1).max(200).default(30).describe('rows per page'),
  overflow: z.enum(['pages', 'cut']).default('pages').describe('more rows than maxRows: continue on more pages (PDF, A4) or end with "+N more"'),
  when,
});

export const Element = z.union([TextElement, BarcodeElement, LineElement, BoxElement, ImageElement, TableElement]);
export type Element = z.infer<typeof Element>;
export type TextElement = z.infer<typeof TextElement>;
export type BarcodeElement = z.infer<typeof BarcodeElement>;
export type TableElement = z.infer<typeof TableElement>;

export const Template = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  title: z.string(),
  description: z.string().default(''),
  kind: z.enum(['waybill', 'shipping', 'logistic', 'packing-slip', 'pick-list', 'manifest']),
  size: z.object({ w: z.number().min(20).max(300), h: z.number().min(20).max(400) }).describe('label size in mm'),
  sample: z.string().describe('name of the built-in sample data set used for previews'),
  elements: z.array(Element),
});
export type Template = z.infer<typeof Template>;

export const OUTPUT_FORMATS = ['zpl', 'tspl', 'pdf', 'png'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DPIS = [203, 300] as const;
export type Dpi = (typeof DPIS)[number];
/** Dots per millimetre at each printer resolution (HARDWARE.md: 8 and 12). */
export const dotsPerMm = (dpi: Dpi): number => (dpi === 203 ? 8 : 12);
