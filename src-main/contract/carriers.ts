import { z } from 'zod';
import { line, trimmed } from './common';
import { ADMIN, ALL, type RouteDef } from './routing';
import { matching, said } from './field-messages';

// Carriers as master data (the shipping module): an order's `carrier`, a waybill range's and a
// manifest's are carrier codes of this list. Carrier accounts (e-waybill APIs) are kept elsewhere,
// keyed by the same code.

/** A carrier's code as orders, ranges and accounts name it: lower-case, short, stable. */
export const CarrierCode = matching(z.string().trim(), /^[a-z0-9_-]{1,32}$/, 'carrierCode');

/** Where a carrier's waybill numbers come from: a number range (号段) or the carrier's e-waybill API through an account. */
export const WAYBILL_SOURCES = ['range', 'account'] as const;

/** The label a carrier prints with unless it names another. */
export const DEFAULT_CARRIER_TEMPLATE = 'shipping-4x6';

/** `{number}` in the pattern is replaced by the waybill number. */
const TrackingUrl = line(300).refine((s) => s === '' || (/^https?:\/\/\S+$/.test(s) && s.includes('{number}')), said('trackingUrl'));

export const Carrier = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  trackingUrl: z.string().describe('tracking page address with {number} for the waybill number; empty when none'),
  labelTemplate: z.string().describe('label template printed for its parcels'),
  waybillSource: z.enum(WAYBILL_SOURCES),
  services: z.array(z.string()).describe('services the shop uses, e.g. 标快 Standard'),
  active: z.boolean().describe('offered for new orders, ranges and handovers'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Carrier = z.infer<typeof Carrier>;

/** A carrier's fields as an admin gives them (no defaults: a change names only what it changes). */
const CarrierFields = z.object({
  nameEn: trimmed(60),
  nameZh: trimmed(60),
  trackingUrl: TrackingUrl,
  labelTemplate: matching(z.string().trim(), /^[a-z0-9-]{1,60}$/, 'labelTemplate'),
  waybillSource: z.enum(WAYBILL_SOURCES),
  services: z.array(trimmed(40)).max(20),
  active: z.boolean(),
});

export const CarrierInput = CarrierFields.extend({
  code: CarrierCode,
  trackingUrl: CarrierFields.shape.trackingUrl.default(''),
  labelTemplate: CarrierFields.shape.labelTemplate.default(DEFAULT_CARRIER_TEMPLATE),
  waybillSource: CarrierFields.shape.waybillSource.default('range'),
  services: CarrierFields.shape.services.default([]),
  active: CarrierFields.shape.active.default(true),
});
export type CarrierInput = z.input<typeof CarrierInput>;

export const CarrierPatch = CarrierFields.partial();
export type CarrierPatch = z.input<typeof CarrierPatch>;

const CodeParam = z.object({ code: z.string().min(1).max(32) });

/** What a shop often ships with: offered when it sets up (names in both languages, a tracking page). */
export const WELL_KNOWN_CARRIERS: readonly { code: string; nameEn: string; nameZh: string; trackingUrl: string }[] = [
  { code: 'sf', nameEn: 'SF Express', nameZh: '顺丰速运', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=shunfeng&nu={number}' },
  { code: 'zto', nameEn: 'ZTO Express', nameZh: '中通快递', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=zhongtong&nu={number}' },
  { code: 'yto', nameEn: 'YTO Express', nameZh: '圆通速递', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=yuantong&nu={number}' },
  { code: 'sto', nameEn: 'STO Express', nameZh: '申通快递', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=shentong&nu={number}' },
  { code: 'yunda', nameEn: 'Yunda Express', nameZh: '韵达快递', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=yunda&nu={number}' },
  { code: 'ems', nameEn: 'China Post EMS', nameZh: '中国邮政 EMS', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=ems&nu={number}' },
  { code: 'jt', nameEn: 'J&T Express', nameZh: '极兔速递', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=jtexpress&nu={number}' },
  { code: 'jd', nameEn: 'JD Logistics', nameZh: '京东物流', trackingUrl: 'https://www.kuaidi100.com/chaxun?com=jd&nu={number}' },
  { code: 'dhl', nameEn: 'DHL Express', nameZh: 'DHL 快递', trackingUrl: 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={number}' },
  { code: 'ups', nameEn: 'UPS', nameZh: 'UPS 快递', trackingUrl: 'https://www.ups.com/track?tracknum={number}' },
  { code: 'fedex', nameEn: 'FedEx', nameZh: '联邦快递 FedEx', trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr={number}' },
];

/** The tracking page of a waybill, or null when the carrier has none. */
export const trackingUrlOf = (pattern: string, waybill: string): string | null => (pattern ? pattern.replace('{number}', encodeURIComponent(waybill)) : null);

export const carriersRoutes = {
  listCarriers: {
    method: 'GET', path: '/api/carriers', summary: 'Carriers (master data): code, names in English and Chinese, tracking page, label template, waybill source, services', roles: ALL,
    query: z.object({ active: z.enum(['true', 'false']).optional() }), response: z.object({ items: z.array(Carrier) }), tag: 'shipping',
  },
  createCarrier: { method: 'POST', path: '/api/carriers', summary: 'Add a carrier (audited)', roles: ADMIN, body: CarrierInput, response: Carrier, tag: 'shipping' },
  updateCarrier: {
    method: 'PATCH', path: '/api/carriers/:code', summary: 'Change a carrier, or deactivate it (its code stays valid on existing orders; audited)', roles: ADMIN,
    params: CodeParam, body: CarrierPatch, response: Carrier, tag: 'shipping',
  },
} as const satisfies Record<string, RouteDef>;
