// Label data: what a template's {{placeholders}} read. Built from an order + parcel (or a wave for
// pick lists); masked fields are derived here so no template can print a full phone number by accident.
import { z } from 'zod';
import { maskAddressLine, maskName, maskPhone } from '../contract/privacy';
import { AppError } from '../lib/errors';

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

export const LabelData = z.object({
  order: z.object({
    id: z.string(),
    number: z.string(),
    channel: z.string().optional(),
    note: z.string().optional(),
    createdAt: z.string().optional(),
    shipBy: z.string().optional(),
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
export type LabelData = z.input<typeof LabelData>;
type ParsedLabelData = z.output<typeof LabelData>;

/** A flat lookup of every printable field, derived fields included. */
export type FieldBag = { get(path: string): unknown; what: string };

function partyFields(p: Party | undefined): Record<string, string> | undefined {
  if (!p) return undefined;
  const lines = [p.address1, p.address2].filter((l): l is string => !!l);
  const region = [p.province, p.city, p.district].filter(Boolean).join(' ');
  const fields: Record<string, string> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v ?? '')]));
  // Derived fields are computed when a template reads them (a wave renders thousands).
  const lazy: Record<string, () => string> = {
    nameMasked: () => maskName(p.name),
    phoneMasked: () => (p.phone ? maskPhone(p.phone) : ''),
    region: () => region,
    street: () => lines.join(' '),
    streetMasked: () => lines.map(maskAddressLine).join(' '),
    address: () => [region, lines.join(' ')].filter(Boolean).join(' '),
    addressMasked: () => [region, ...lines.map(maskAddressLine)].filter(Boolean).join(' '),
  };
  for (const [k, f] of Object.entries(lazy)) Object.defineProperty(fields, k, { get: f, enumerable: true });
  return fields;
}

/** Validates label data and adds the derived fields templates use (masked parties, n/N, GS1 strings). */
export function fieldBag(input: LabelData, what = `order ${input.order?.id ?? '?'}`): FieldBag {
  const parsed = LabelData.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation', `label data for ${what} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const d: ParsedLabelData = parsed.data;
  const units = d.items.reduce((n, i) => n + i.qty, 0);
  const root: Record<string, unknown> = {
    ...d,
    recipient: partyFields(d.recipient),
    sender: partyFields(d.sender),
    parcel: {
      ...d.parcel,
      ofN: `${d.parcel.index}/${d.parcel.count}`,
      weightKg: d.parcel.weightG === undefined ? undefined : (d.parcel.weightG / 1000).toFixed(2),
      ssccHri: d.parcel.sscc ? `(00)${d.parcel.sscc}` : undefined,
    },
    contents: d.items.map((i) => `${i.name} x${i.qty}`).join('; '),
    units: String(units),
    itemCount: String(d.items.length),
    pickUnits: String(d.picks.reduce((n, p) => n + p.qty, 0)),
    printedAt: d.printedAt ?? '',
  };
  return { what, get: (path) => lookup(root, path) };
}

function lookup(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)(\?)?\s*\}\}/g;

/** Fills {{field}} placeholders; a missing required field is an error naming the field and template. */
export function fillText(text: string, bag: FieldBag, template: string, row?: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_m, path: string, optional?: string) => {
    const v = row && path in row ? row[path] : bag.get(path);
    if (v === undefined || v === null || v === '') {
      if (optional) return '';
      throw new AppError('validation', `template "${template}" needs field "${path}", which ${bag.what} does not have`);
    }
    if (typeof v === 'object') throw new AppError('validation', `template "${template}": field "${path}" is a list or record, not text`);
    return String(v);
  });
}

/** True when the element's `when` field is present and non-empty. */
export function isPresent(path: string | undefined, bag: FieldBag): boolean {
  if (!path) return true;
  const v = bag.get(path);
  return !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}
