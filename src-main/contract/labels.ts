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
  shopFolder: z.string().nullable().describe("where a shop puts its own templates (<data>/labels), shown to an admin; null for other roles and when the core has no data folder"),
  problems: z.array(z.object({ file: z.string(), message: z.string() })).describe("shop template files that were left out, and why (file names relative to the shop's folder; a link out of the folder is refused unread)"),
});
export type LabelTemplateList = z.infer<typeof LabelTemplateList>;

/** A sender or recipient as a label prints them. */
export const Party = z.object({
  name: z.string(),
  phone: z.string().default(''),
  company: z.string().optional(),
  country: z.string().optional(),
  province: z.string().optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  address1: z.string(),
  address2: z.string().optional(),
  postcode: z.string().optional(),
});
export type Party = z.infer<typeof Party>;

/**
 * Label data: what a template's {{placeholders}} read. One function builds it from an order (the
 * core's modules/labels/queries.ts, through labels/from-order.ts), and it crosses the wire typed (a
 * parcel's label in ParcelResult). Masked fields are derived by the renderer (labels/fields.ts), so
 * no template can print a full phone number by accident.
 */
export const LabelData = z.object({
  order: z.object({
    id: z.string(),
    number: z.string(),
    channel: z.string().optional(),
    note: z.string().optional(),
    createdAt: z.string().optional(),
    shipBy: z.string().optional(),
    mergedWith: z.string().optional().describe('a merged parcel: the numbers of the other orders in it, "+ PL002 + PL003" (the label names every order it carries)'),
  }),
  parcel: z.object({
    id: z.string().optional(),
    index: z.number().int().min(1).default(1),
    count: z.number().int().min(1).default(1),
    weightG: z.number().int().min(0).optional(),
    waybill: z.string().optional(),
    masterWaybill: z.string().optional(),
    sscc: z.string().regex(/^\d{18}$/).optional(),
  }).default({ index: 1, count: 1 }),
  carrier: z.object({
    code: z.string(),
    name: z.string(),
    service: z.string().optional(),
    sortCode: z.string().optional().describe('三段码 / 大头笔, from the carrier'),
    bagPoint: z.string().optional().describe('集包地, from the carrier'),
    trackingUrl: z.string().optional(),
    template: z.string().optional().describe("the label to print: the carrier account's (cn-ewaybill-76x130, cn-ewaybill-100x180, shipping-4x6), else the carrier's (Settings -> Carriers)"),
    monthlyAccount: z.string().optional().describe('月结卡号 for the billing block (SF)'),
    payMethod: z.string().optional().describe('付款方式, e.g. 寄付月结'),
    insured: z.string().optional().describe('保价, e.g. "2000 元"'),
  }).optional(),
  recipient: Party.optional(),
  sender: Party.optional(),
  items: z.array(z.object({
    sku: z.string(), name: z.string(), qty: z.number().int().min(1),
    location: z.string().optional(), barcode: z.string().optional(),
  })).default([]),
  picks: z.array(z.object({
    location: z.string(), sku: z.string(), name: z.string(), qty: z.number().int().min(1), slots: z.string().default(''),
  })).default([]),
  wave: z.object({ id: z.string(), name: z.string().optional(), orders: z.number().int(), units: z.number().int() }).optional(),
  manifest: z.object({
    id: z.string(), number: z.string(), carrier: z.string(), parcels: z.number().int(), orders: z.number().int(),
    weightKg: z.string().describe('total measured weight, e.g. "12.35"'), handedOverAt: z.string(), by: z.string().optional(),
  }).optional().describe('end-of-day carrier handover'),
  parcels: z.array(z.object({
    n: z.number().int(), waybill: z.string(), order: z.string(), ofN: z.string(), destination: z.string(), weightKg: z.string(),
  })).default([]).describe('rows of a carrier manifest'),
  shop: z.object({ name: z.string(), returnNote: z.string().optional() }).optional(),
  printedAt: z.string().optional(),
});
/** Label data with every default filled in, as the core builds it and sends it to a bench. */
export type LabelData = z.output<typeof LabelData>;
/** What a template can be given (sample files, pick lists): the defaults are filled in when it renders. */
export type LabelDataInput = z.input<typeof LabelData>;

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
