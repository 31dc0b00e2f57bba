// The rules on a new order decide before it is written: a carrier or priority they set is in the
// order's one insert (audited in its order.created event, no second write), a buyer's count
// includes the other orders of the same batch, and the presale list is seen as soon as it changes.
import { afterEach, describe, expect, it } from 'vitest';
import { addSku, LEAD, openTestCore, orderInput, SYSTEM } from '../helpers';
import type { Core } from '../../../src-main/core/core';
import { createOrders } from '../../../src-main/core/modules/orders/actions/create-orders';
import { createRule, putPresale } from '../../../src-main/core/modules/rules/actions/edit-rules';
import { orderRules } from '../../../src-main/core/modules/rules/queries';
import type { CreatedOrder } from '../../../src-main/core/modules/orders/actions/create-orders';

let core: Core;
afterEach(() => core?.close());

const rule = (name: string, body: Omit<Parameters<typeof createRule>[1], 'name' | 'enabled' | 'match'>) =>
  core.writes.runNow(() => createRule(core.ctx, { name, enabled: true, match: 'all', ...body }, LEAD));
const create = (...inputs: ReturnType<typeof orderInput>[]) => core.writes.runNow(() => createOrders(core.ctx, inputs, SYSTEM)) as CreatedOrder[];
const row = (id: string) => core.db.prepare('SELECT carrier, priority, version, state FROM orders WHERE id = ?').get(id) as { carrier: string; priority: number; version: number; state: string };
const events = (id: string) => core.db.prepare('SELECT type, actor, data FROM events WHERE entity_id = ? ORDER BY id').all(id) as { type: string; actor: string; data: string }[];

describe('rules on a new order', () => {
  it("writes a rule's carrier and priority with the order, once, and names the rule in order.created", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Shop by SF', { conditions: [{ kind: 'channel', values: ['shop'] }], actions: { carrier: 'SF', priority: 7, tags: ['sf'] } });
    const [o] = create(orderInput({ carrier: 'ZTO' }));
    expect(row(o!.orderId)).toMatchObject({ carrier: 'SF', priority: 7, version: 1 });
    expect(o!.order).toMatchObject({ carrier: 'SF', priority: 7, version: 1 });
    const log = events(o!.orderId);
    expect(log.map((e) => e.type)).not.toContain('order.updated');
    const created = JSON.parse(log.find((e) => e.type === 'order.created')!.data);
    expect(created.rules).toEqual({ reason: 'rule "Shop by SF"', fields: ['carrier', 'priority'], carrier: 'SF', priority: 7 });
    const r = orderRules(core.ctx, o!.orderId);
    expect(r.evaluations).toBe(1);
    expect(r.tags).toEqual(['sf']);
    expect(r.fired.map((f) => f.name)).toEqual(['Shop by SF']);
  });

  it("leaves an order no rule touches as it came, with nothing about rules in its event", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Other channel', { conditions: [{ kind: 'channel', values: ['elsewhere'] }], actions: { priority: 9 } });
    const [o] = create(orderInput({ carrier: 'ZTO' }));
    expect(row(o!.orderId)).toMatchObject({ carrier: 'ZTO', priority: 0, version: 1 });
    expect(JSON.parse(events(o!.orderId).find((e) => e.type === 'order.created')!.data).rules).toBeUndefined();
    expect(orderRules(core.ctx, o!.orderId)).toMatchObject({ evaluations: 1, fired: [] });
  });

  it("counts a buyer's orders of the same batch: three at once from one phone are all held by a more-than-2-a-day rule", () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Too many a day', { conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 2 }], actions: { hold: { type: 'fraud' } } });
    const first = create(orderInput(), orderInput());
    expect(first.map((o) => row(o.orderId).state)).toEqual(['allocated', 'allocated']);
    const [third] = create(orderInput());
    expect(row(third!.orderId).state).toBe('on_hold');
    const batch = create(orderInput({ shipTo: { ...orderInput().shipTo, phone: '139 0000 0000' } }), orderInput({ shipTo: { ...orderInput().shipTo, phone: '13900000000' } }), orderInput({ shipTo: { ...orderInput().shipTo, phone: '+13900000000' } }));
    expect(batch.map((o) => row(o.orderId).state)).toEqual(['on_hold', 'on_hold', 'on_hold']);
  });

  it('counts as far as the largest "orders today" a rule names: a wholesale buyer past 60 a day is held, not one at 60', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 1000 });
    rule('Wholesale volume', { conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 60 }], actions: { hold: { type: 'manual' } } });
    const sixty = create(...Array.from({ length: 60 }, () => orderInput()));
    expect(sixty.filter((o) => row(o.orderId).state === 'on_hold')).toHaveLength(0);
    const [sixtyFirst] = create(orderInput());
    expect(row(sixtyFirst!.orderId).state).toBe('on_hold');
  });

  it('sees a presale day set after the rules were read (the cached list follows the change)', () => {
    core = openTestCore();
    addSku(core, 'SKU-A', { onHand: 10 });
    rule('Presale', { conditions: [{ kind: 'presale' }], actions: { tags: ['presale'] } });
    const [before] = create(orderInput());
    expect(orderRules(core.ctx, before!.orderId).tags).toEqual([]);
    core.writes.runNow(() => putPresale(core.ctx, [{ sku: 'SKU-A', stockDate: '2026-12-20' }], LEAD));
    const [after] = create(orderInput());
    expect(orderRules(core.ctx, after!.orderId).tags).toEqual(['presale']);
  });
});
