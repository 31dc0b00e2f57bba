// Carriers as master data: adding one and changing it (names, tracking page, label template, waybill
// source, services, active). A carrier is never deleted: orders and waybills keep naming its code.
import type { CoreContext } from '../../../context';
import type { Carrier, CarrierPatch } from '../../../../contract/carriers';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getCarrier } from '../queries';
import { carrierRow, insertCarrier, updateCarrierRow } from '../store';

/** The input after the contract's defaults (CarrierInput parsed). */
export interface NewCarrier {
  code: string; nameEn: string; nameZh: string; trackingUrl: string; labelTemplate: string; waybillSource: 'range' | 'account'; services: string[]; active: boolean;
}

export function createCarrier(ctx: CoreContext, c: NewCarrier, actor: Actor): Carrier {
  if (carrierRow(ctx.db, c.code)) fail('conflict', said('carrierExists', { code: c.code }), [issue('code', said('inUse'))]);
  insertCarrier(ctx.db, {
    code: c.code, name_en: c.nameEn, name_zh: c.nameZh, tracking_url: c.trackingUrl, label_template: c.labelTemplate, waybill_source: c.waybillSource,
    services: JSON.stringify(c.services), active: c.active ? 1 : 0, created_at: ctx.clock.iso(),
  });
  appendEvent(ctx.db, ctx.clock, { type: 'carrier.created', entity: 'carrier', entityId: c.code, actor, data: { active: c.active } });
  return getCarrier(ctx.db, c.code);
}

export function updateCarrier(ctx: CoreContext, code: string, patch: CarrierPatch, actor: Actor): Carrier {
  const was = getCarrier(ctx.db, code);
  const next = { ...was, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Carrier;
  updateCarrierRow(ctx.db, {
    code, name_en: next.nameEn, name_zh: next.nameZh, tracking_url: next.trackingUrl, label_template: next.labelTemplate, waybill_source: next.waybillSource,
    services: JSON.stringify(next.services), active: next.active ? 1 : 0, created_at: was.createdAt, updated_at: ctx.clock.iso(),
  });
  appendEvent(ctx.db, ctx.clock, { type: 'carrier.changed', entity: 'carrier', entityId: code, actor, data: { keys: Object.keys(patch) } });
  return getCarrier(ctx.db, code);
}
