// The bench's PackCore over the core's HTTP API (the route table), so a bench works the same
// against a core in this process, in a utility process, or on the host PC across the LAN.
import type { PackTicket } from '../../contract/packing';
import { maskName } from '../../contract/privacy';
import type { CoreClient } from '../core-client';
import type { PackCore } from './core';
import type { Ticket } from './rules';

export function ticketFrom(t: PackTicket): Ticket {
  return {
    orderId: t.order.id,
    number: t.order.number,
    channel: t.order.channel,
    externalId: t.order.externalId,
    state: t.order.state,
    version: t.order.version,
    carrier: t.order.carrier,
    recipient: `${maskName(t.order.shipTo.name)} · ${t.order.shipTo.city}`,
    country: t.order.shipTo.country,
    slot: t.wave ? `${t.wave.waveNumber} · ${t.wave.slot}` : null,
    lines: t.lines.map((l) => ({
      lineId: l.lineId, skuId: l.skuId, sku: l.sku, name: l.name, qty: l.qty, packedBefore: l.packed,
      unitWeightG: l.unitWeightG, location: l.location, barcodes: l.barcodes, hasImage: l.hasImage, ...(l.orderNumber ? { orderNumber: l.orderNumber } : {}),
    })),
    boxTypes: t.boxTypes.map((b) => ({ id: b.id, code: b.code, name: b.name, tareG: b.tareG })),
    suggestedBoxId: t.suggestedBox?.id ?? null,
    toleranceG: t.tolerance.weightToleranceG,
    tolerancePct: t.tolerance.weightTolerancePct,
    parcelsBefore: t.parcels.length,
    merged: (t.mergedOrders ?? []).map((m) => ({ id: m.id, number: m.number })),
    packerNote: t.packerNote ?? null,
  };
}

export function httpPackCore(core: CoreClient): PackCore {
  return {
    async loginBadge(badge) {
      const r = await core.call('login', { body: { badge } });
      return { user: { id: r.user.id, name: r.user.name, role: r.user.role }, token: r.token ?? '' };
    },
    async me(token) {
      const r = await core.call('me', {}, token);
      return { id: r.user.id, name: r.user.name, role: r.user.role };
    },
    async logout(token) {
      await core.call('logout', {}, token);
    },
    async whoseBadge(token, code) {
      return (await core.call('badgeCheck', { body: { badge: code } }, token)).badge;
    },
    async lookup(token, code) {
      const r = await core.call('lookup', { params: { code } }, token);
      return { orders: r.orders.map((o) => ({ id: o.id, state: o.state })), skus: r.skus.map((s) => ({ id: s.id, sku: s.sku })) };
    },
    async startPack(token, orderId, bench) {
      return ticketFrom(await core.call('packStart', { params: { id: orderId }, body: { bench } }, token));
    },
    async scanOrder(token, code, bench) {
      const r = await core.call('packScan', { body: { code, bench } }, token);
      return { orders: r.orders.map((o) => ({ id: o.id, state: o.state })), skus: r.skus.map((x) => ({ id: x.id, sku: x.sku })), ticket: r.ticket && ticketFrom(r.ticket), refused: r.refused };
    },
    async confirmParcel(token, key, req) {
      const r = await core.call('createParcel', {
        params: { id: req.orderId },
        idempotencyKey: key,
        body: {
          bench: req.bench, expectedVersion: req.expectedVersion, boxTypeId: req.boxTypeId, items: req.items, measuredG: req.measuredG, final: req.final,
          ...(req.override ? { override: req.override } : {}),
        },
      }, token);
      return { parcelId: r.parcel.id, seq: r.parcel.seq, waybill: r.parcel.waybill, orderVersion: r.order.version, label: r.label };
    },
    async voidParcel(token, parcelId, reason) {
      await core.call('voidParcel', { params: { id: parcelId }, body: { reason } }, token);
    },
    async reprintParcel(token, parcelId, reason) {
      const r = await core.call('reprintParcel', { params: { id: parcelId }, body: { reason } }, token);
      return r.label;
    },
    async reportShort(token, orderId, bench, reason, missing) {
      await core.call('packShort', { params: { id: orderId }, body: { bench, reason, missing } }, token);
    },
    async benchWarehouse(token, bench) {
      const r = await core.call('benchWarehouse', { params: { id: bench } }, token);
      return { code: r.warehouse.code, name: r.warehouse.name };
    },
    async sortItem(token, code, bench) {
      const r = await core.call('sortItem', { body: { code, benchId: bench } }, token);
      return { orderId: r.orderId, orderNumber: r.orderNumber, waveNumber: r.waveNumber, slot: r.slot, remainingInSlot: r.remainingInSlot, complete: r.complete };
    },
  };
}
