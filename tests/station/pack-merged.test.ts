// The bench with a merged parcel (two orders of one buyer in one box): a scan fills the first line of
// its SKU that still takes it (the same product in both orders), and a cancel or hold of the other
// order stops the bench as the scanned order's own would.
import { describe, it, expect } from 'vitest';
import { matchInOrder, orderComplete, type Ticket } from '../../src-main/station/pack/rules';
import { stopFor } from '../../src-main/station/pack/stops';
import { EMPTY, packView } from '../../src-main/station/pack/state';
import type { ChangeEvent } from '../../src-main/contract/system';

const line = (lineId: string, qty: number, orderNumber: string) => ({
  lineId, skuId: 'sku_tea', sku: 'TEA-100', name: 'Tea', qty, packedBefore: 0, unitWeightG: 100, location: 'A-01', barcodes: [{ code: '6901234567892', units: 1 }], hasImage: false, orderNumber,
});
const ticket: Ticket = {
  orderId: 'ord_a', number: 'PL1', channel: 'pinduoduo', externalId: 'P1', state: 'packing', version: 3, carrier: 'zto', recipient: '林*', country: 'CN', slot: null,
  lines: [line('la', 1, 'PL1'), line('lb', 2, 'PL2')], boxTypes: [], suggestedBoxId: null, toleranceG: 50, tolerancePct: 5, parcelsBefore: 0,
  merged: [{ id: 'ord_b', number: 'PL2' }], packerNote: '易碎 Fragile',
};
const event = (type: string, entityId: string, data: Record<string, unknown> = {}): ChangeEvent =>
  ({ id: 1, at: '2026-12-03T12:00:00.000Z', type, entity: 'order', entityId, actor: 'usr_lead', reason: 'buyer cancelled', data }) as unknown as ChangeEvent;

describe('a merged parcel at the bench', () => {
  it('the same SKU in both orders: each scan fills the first line that still takes it, then the parcel is complete', () => {
    const scanned: Record<string, number> = {};
    for (let i = 0; i < 3; i++) {
      const m = matchInOrder(ticket, scanned, '6901234567892');
      expect(m.kind).toBe('item');
      if (m.kind === 'item') scanned[m.line.lineId] = (scanned[m.line.lineId] ?? 0) + m.units;
    }
    expect(scanned).toEqual({ la: 1, lb: 2 });
    expect(orderComplete(ticket, scanned)).toBe(true);
    expect(matchInOrder(ticket, scanned, '6901234567892')).toMatchObject({ kind: 'extra', line: { lineId: 'la' } });
  });

  it('a cancel or hold of the other order stops the bench, naming that order; an unrelated order does not', () => {
    const s = { ...EMPTY, phase: 'verify' as const, ticket };
    expect(stopFor(s, event('order.cancel', 'ord_b', { to: 'cancelled', number: 'PL2' }))).toMatchObject({ orderId: 'ord_b', kind: 'cancelled', number: 'PL2' });
    expect(stopFor(s, event('order.hold', 'ord_b', { to: 'on_hold' }))).toMatchObject({ kind: 'on_hold', number: 'PL2' });
    expect(stopFor(s, event('order.cancel', 'ord_c', { to: 'cancelled' }))).toBeNull();
  });

  it('the screen gets both order numbers, each line\'s order and the note for the packer', () => {
    const v = packView({ ...EMPTY, phase: 'verify', ticket }, { bench: { id: 'B1', name: 'Bench 1' }, weight: null, online: true, coreLostAt: null, mode: { kind: 'pack', by: null } });
    expect(v.order).toMatchObject({ number: 'PL1', merged: [{ id: 'ord_b', number: 'PL2' }], packerNote: '易碎 Fragile' });
    expect(v.order!.lines.map((l) => l.orderNumber)).toEqual(['PL1', 'PL2']);
  });
});
