import { z } from 'zod';
import { ALL, BinaryFile, type RouteDef } from './routing';

// Label API shapes shared by the core's routes and the Settings -> Labels screen.

export const LABEL_FORMATS = ['zpl', 'tspl', 'pdf', 'png'] as const;

export const LABEL_DPIS = [203, 300] as const;

export const LabelTemplateSummary = z.object({
  name: z.string().describe('template name, e.g. cn-ewaybill-76x130'),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['waybill', 'shipping', 'logistic', 'packing-slip', 'pick-list', 'manifest']),
  widthMm: z.number(),
  heightMm: z.number(),
  source: z.enum(['built-in', 'shop']).describe("shop: a file in the shop's labels folder, which replaces a built-in of the same name"),
  file: z.string().optional().describe("the shop's file name"),
});
export type LabelTemplateSummary = z.infer<typeof LabelTemplateSummary>;

export const LabelTemplateList = z.object({
  items: z.array(LabelTemplateSummary),
  formats: z.array(z.enum(LABEL_FORMATS)).describe('every template renders to each of these'),
  dpis: z.array(z.number().int()),
  shopFolder: z.string().nullable().describe("where a shop puts its own templates (<data>/labels); null when the core has no data folder"),
  problems: z.array(z.object({ file: z.string(), message: z.string() })).describe('shop template files that were left out, and why'),
});
export type LabelTemplateList = z.infer<typeof LabelTemplateList>;

/** Query of GET /api/labels/templates/:name/preview: the template with its sample data or a real order. */
export const LabelPreviewQuery = z.object({
  format: z.enum(LABEL_FORMATS).default('png'),
  dpi: z.coerce.number().refine((d) => d === 203 || d === 300, 'dpi is 203 or 300').default(203),
  order: z.string().trim().min(1).max(100).optional().describe('an order id or number: preview with that order instead of the sample data'),
});
export type LabelPreviewQuery = z.infer<typeof LabelPreviewQuery>;

export const labelsRoutes = {
  listLabelTemplates: {
    method: 'GET', path: '/api/labels/templates', summary: "Label templates (built-in and the shop's own labels folder) with their sizes and formats", roles: ALL,
    response: LabelTemplateList, tag: 'labels',
  },
  labelPreview: {
    method: 'GET', path: '/api/labels/templates/:name/preview', summary: 'A template rendered with its sample data, or with a real order (?order=): PNG, PDF, ZPL or TSPL', roles: ALL,
    params: z.object({ name: z.string().min(1).max(80) }), query: LabelPreviewQuery, response: BinaryFile, responseKind: 'binary',
    produces: ['image/png', 'application/pdf', 'text/plain', 'application/x-tspl'], tag: 'labels',
  },
} as const satisfies Record<string, RouteDef>;
