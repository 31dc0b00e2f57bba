// Inventory: available = on hand - reserved + in transit x inbound coefficient; all-or-nothing
// reservation across lines; adjustments never below what is reserved; safety-stock flag.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { getOrder } from '../../../src-main/core/modules/orders/queries';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { stockOfSku, listStock } from '../../../src-main/core/modules/inventory/queries';
import { adjustStock } from '../../../src-main/core/modules/inventory/actions/adjust-stock';
import { getSku } from '../../../src-main/core/modules/catalog/queries';
import { ensureLocation } from '../../../src-main/core/modules/locations/actions/create-location';
import { AppError } from '../../../src-main/lib/errors';
import { openTestCore, addSku, orderInput, setSettings, snapshot, LEAD, SYSTEM } from '../helpers';

let core: Core;
beforeEach(() => {
  core = openTestCore();
});
afterEach(() => core.close());

function adjust(sku: string, location: string, onHandDelta: number, inTransitDelta = 0) {
  return adjustStock(core.ctx, { skuId: getSku(core.ctx, sku).id, locationId: ensureLocation(core.ctx, location), onHandDelta, inTransitDelta, reason: 'count' }, SYSTEM);
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('available stock', () => {
  it('is on hand - reserved + in transit x inbound coefficient, everywhere it is shown', () => {
    const id = addSku(core, 'SKU-A', { onHand: 10, inTransit: 7 });
    createOrder(core.ctx, orderInput({ qty: 3 }), LEAD);
    // coefficient 0 (the default): in-transit stock does not count
    expect(stockOfSku(core.ctx, id)).toEqual({ onHand: 10, reserved: 3, inTransit: 7, available: 7 });
    setSettings(core, { inboundCoefficient: 0.5 });
    // 10 - 3 + floor(7 x 0.5) = 10
    expect(stockOfSku(core.ctx, id).available).toBe(10);
    expect(getSku(core.ctx, id).stock.available).toBe(10);
    expect(listStock(core.ctx, { q: 'SKU-A', limit: 10 })[0]).toMatchObject({ onHand: 10, reserved: 3, inTransit: 7, available: 10 });
    setSettings(core, { inboundCoefficient: 1 });
    expect(stockOfSku(core.ctx, id).available).toBe(14);
  });

  it('in-transit stock counted by the coefficient can be reserved, and no more', () => {
    setSettings(core, { inboundCoefficient: 0.5 });
    addSku(core, 'SKU-A', { onHand: 2, inTransit: 6 }); // available 2 + 3 = 5
    const a = createOrder(core.ctx, orderInput({ qty: 5 }), LEAD);
    expect(getOrder(core.ctx, a.orderId).state).toBe('allocated');
    const b = createOrder(core.ctx, orderInput({ qty: 1 }), LEAD);
    expect(getOrder(core.ctx, b.orderId).state).toBe('ready');
  });

  it('takes bins in walking order and spreads a line over several bins', () => {
    const id = addSku(core, 'SKU-A', { onHand: 2, location: 'B-01-01-1' });
    adjust('SKU-A', 'A-01-01-1', 3);
    core.db.prepare("UPDATE locations SET sequence = CASE code WHEN 'A-01-01-1' THEN 2 ELSE 1 END").run();
    const { orderId } = createOrder(core.ctx, orderInput({ qty: 4 }), LEAD);
    const rows = core.db.prepare('SELECT l.code, r.qty FROM reservations r JOIN locations l ON l.id = r.location_id ORDER BY l.sequence').all();
    expect(rows).toEqual([{ code: 'B-01-01-1', qty: 2 }, { code: 'A-01-01-1', qty: 2 }]);
    applyOrderAction(core.ctx, orderId, 'cancel', LEAD, { reason: 'x' });
    expect(stockOfSku(core.ctx, id)).toMatchObject({ onHand: 5, reserved: 0 });
  });
});

describe('reservation', () => {
  it('is all or nothing across the lines of an order', () => {
    const a = addSku(core, 'SKU-A', { onHand: 10 });
    const b = addSku(core, 'SKU-B', { onHand: 1 });
    const { orderId } = createOrder(core.ctx, orderInput({ lines: [{ sku: 'SKU-A', qty: 4 }, { sku: 'SKU-B', qty: 2 }] }), LEAD);
    const o = getOrder(core.ctx, orderId);
    expect(o.state).toBe('ready');
    expect(o.lines.map((l) => l.reserved)).toEqual([0, 0]);
    expect(stockOfSku(core.ctx, a)).toMatchObject({ reserved: 0, available: 10 });
    expect(stockOfSku(core.ctx, b)).toMatchObject({ reserved: 0, available: 1 });

    // once stock arrives, allocating takes both lines at once
    adjust('SKU-B', 'A-01-01-1', 1);
    applyOrderAction(core.ctx, orderId, 'allocate', LEAD);
    expect(getOrder(core.ctx, orderId).lines.map((l) => l.reserved)).toEqual([4, 2]);
    expect(stockOfSku(core.ctx, b)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
  });

  it('two lines of the same SKU are covered together or not at all', () => {
    addSku(core, 'SKU-A', { onHand: 3 });
    const { orderId } = createOrder(core.ctx, orderInput({ lines: [{ sku: 'SKU-A', qty: 2 }, { sku: 'SKU-A', qty: 2 }] }), LEAD);
    expect(getOrder(core.ctx, orderId)).toMatchObject({ state: 'ready' });
    expect(snapshot(core).reserved).toBe(0);
  });

  it('with auto-allocation off, orders wait in ready and reserve nothing', () => {
    setSettings(core, { autoAllocate: false });
    addSku(core, 'SKU-A', { onHand: 10 });
    const { orderId } = createOrder(core.ctx, orderInput({ qty: 1 }), LEAD);
    expect(getOrder(core.ctx, orderId).state).toBe('ready');
    expect(snapshot(core).reserved).toBe(0);
  });
});

describe('adjustments', () => {
  it('cannot take stock below what is reserved, and change nothing when refused', () => {
    const id = addSku(core, 'SKU-A', { onHand: 5 });
    createOrder(core.ctx, orderInput({ qty: 4 }), LEAD);
    const before = snapshot(core);
    const e = refusal(() => adjust('SKU-A', 'A-01-01-1', -2));
    expect(e.code).toBe('insufficient_stock');
    expect(e.message).toMatch(/4 units are reserved/);
    expect(snapshot(core)).toEqual(before);
    // down to exactly the reserved amount is fine
    expect(adjust('SKU-A', 'A-01-01-1', -1)).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
    expect(stockOfSku(core.ctx, id)).toMatchObject({ onHand: 4, reserved: 4 });
  });

  it('cannot make on hand or in transit negative', () => {
    addSku(core, 'SKU-A', { onHand: 2, inTransit: 1 });
    expect(refusal(() => adjust('SKU-A', 'A-01-01-1', -3)).issues?.[0]?.path).toBe('onHandDelta');
    expect(refusal(() => adjust('SKU-A', 'A-01-01-1', 0, -2)).issues?.[0]?.path).toBe('inTransitDelta');
  });

  it('are audited with the reason', () => {
    addSku(core, 'SKU-A');
    adjust('SKU-A', 'A-01-01-1', 12, 3);
    const ev = core.db.prepare("SELECT type, actor, reason, data FROM events WHERE type = 'stock.adjusted' ORDER BY id DESC LIMIT 1").get() as Record<string, string>;
    expect(ev).toMatchObject({ actor: SYSTEM.id, reason: 'count' });
    expect(JSON.parse(ev.data!)).toMatchObject({ onHandDelta: 12, inTransitDelta: 3 });
  });
});

describe('safety stock', () => {
  it('flags rows whose available stock falls below the safety stock, and lists only those when asked', () => {
    addSku(core, 'SKU-A', { onHand: 12, safetyStock: 10 });
    addSku(core, 'SKU-B', { onHand: 50, safetyStock: 10 });
    expect(listStock(core.ctx, { belowSafety: true, limit: 10 })).toEqual([]);
    createOrder(core.ctx, orderInput({ sku: 'SKU-A', qty: 3 }), LEAD); // available 9 < 10
    const below = listStock(core.ctx, { belowSafety: true, limit: 10 });
    expect(below.map((r) => r.sku)).toEqual(['SKU-A']);
    expect(below[0]).toMatchObject({ available: 9, safetyStock: 10, belowSafety: true });
    expect(listStock(core.ctx, { q: 'SKU-B', limit: 10 })[0]!.belowSafety).toBe(false);
  });

  it('at exactly the safety stock is not below it', () => {
    addSku(core, 'SKU-A', { onHand: 10, safetyStock: 10 });
    expect(listStock(core.ctx, { q: 'SKU-A', limit: 10 })[0]!.belowSafety).toBe(false);
  });
});
