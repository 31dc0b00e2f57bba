// Waybill number API shapes: the ranges (号段) a carrier hands the shop, and voiding a number.
import { z } from 'zod';
import { CHECK_SCHEMES } from './check-digits';

export const WaybillRange = z.object({
  id: z.string(),
  carrier: z.string(),
  scheme: z.enum(CHECK_SCHEMES),
  prefix: z.string(),
  suffix: z.string(),
  width: z.number().int(),
  firstSerial: z.number().int(),
  lastSerial: z.number().int(),
  nextSerial: z.number().int(),
  lowWater: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  remaining: z.number().int().describe('numbers still to hand out'),
  nextNumber: z.string().nullable().describe('the number the next allocation gets; null when the range is used up'),
  lastNumber: z.string(),
  low: z.boolean().describe('active and lowWater numbers or fewer left'),
});
export type WaybillRange = z.infer<typeof WaybillRange>;

export const CarrierNumbers = z.object({
  carrier: z.string(),
  remaining: z.number().int().describe('numbers left in the active ranges'),
  low: z.boolean().describe("remaining is at or below the current range's lowWater: add a range soon"),
  warning: z.string().nullable(),
});

export const WaybillRanges = z.object({ items: z.array(WaybillRange), carriers: z.array(CarrierNumbers) });
export type WaybillRanges = z.infer<typeof WaybillRanges>;

export const WaybillRangeInput = z.object({
  carrier: z.string().trim().min(1).max(40).describe('carrier code, e.g. sf, yto, ems'),
  scheme: z.enum(CHECK_SCHEMES).describe('check digit: s10 (UPU S10, 2 letters + 8 digits + check + country), mod10 (GS1), mod11, none'),
  prefix: z.string().trim().max(10).default(''),
  suffix: z.string().trim().max(10).default(''),
  width: z.number().int().min(1).max(18).describe('digits of the serial (S10: 8)'),
  first: z.number().int().min(0),
  last: z.number().int().min(0),
  lowWater: z.number().int().min(0).max(1_000_000).optional().describe('warn when this many numbers or fewer are left (default 100)'),
});
export type WaybillRangeInput = z.infer<typeof WaybillRangeInput>;

export const Waybill = z.object({
  number: z.string(),
  carrier: z.string(),
  source: z.string().describe("'range' or 'api:<adapter>'"),
  rangeId: z.string().nullable(),
  serial: z.number().int().nullable(),
  orderId: z.string().nullable(),
  parcelId: z.string().nullable(),
  status: z.enum(['allocated', 'voided']),
  sortCode: z.string().nullable().describe('三段码 / 大头笔 from the carrier'),
  bagPoint: z.string().nullable().describe('集包地 from the carrier'),
  carrierRef: z.string().nullable(),
  labelFormat: z.enum(['zpl', 'pdf']).nullable().describe("format of the carrier's ready label, if it sent one"),
  allocatedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
