// The audit log (events) is append-only: the database itself refuses UPDATE and DELETE.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { openTestCore, addSku, orderInput, count, LEAD } from '../helpers';

let core: Core;
beforeEach(() => {
  core = openTestCore();
  addSku(core, 'SKU-A', { onHand: 5 });
  const { orderId } = createOrder(core.ctx, orderInput(), LEAD);
  applyOrderAction(core.ctx, orderId, 'cancel', LEAD, { reason: 'customer asked' });
});
afterEach(() => core.close());

describe('audit log', () => {
  it('refuses UPDATE of an event', () => {
    expect(() => core.db.prepare("UPDATE events SET reason = 'nothing happened' WHERE type = 'order.cancel'").run()).toThrow(/append-only/);
    expect(core.db.prepare("SELECT reason FROM events WHERE type = 'order.cancel'").pluck().get()).toBe('customer asked');
  });

  it('refuses DELETE of an event, also of all of them', () => {
    const n = count(core, 'events');
    expect(() => core.db.prepare("DELETE FROM events WHERE type = 'order.cancel'").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(count(core, 'events')).toBe(n);
  });

  it('refuses REPLACE over an existing event', () => {
    const first = core.db.prepare('SELECT id FROM events ORDER BY id LIMIT 1').pluck().get() as number;
    expect(() => core.db.prepare("INSERT OR REPLACE INTO events (id, at, type, entity, entity_id, actor) VALUES (?, 'x', 'forged', 'order', 'x', 'x')").run(first)).toThrow(/append-only/);
    expect(core.db.prepare('SELECT type FROM events WHERE id = ?').pluck().get(first)).not.toBe('forged');
  });

  it('records every order change with actor and time', () => {
    const rows = core.db.prepare("SELECT type, actor, at, reason FROM events WHERE entity = 'order' ORDER BY id").all() as { type: string; actor: string; at: string; reason: string | null }[];
    expect(rows.map((r) => r.type)).toEqual(['order.created', 'order.cancel']);
    expect(rows.every((r) => r.actor === LEAD.id && /^\d{4}-\d\d-\d\dT/.test(r.at))).toBe(true);
    // ids only grow: in the order of their times (the test clock steps a second a reading) too
    const byTime = core.db.prepare("SELECT type FROM events WHERE entity = 'order' ORDER BY at").pluck().all() as string[];
    expect(byTime).toEqual(rows.map((r) => r.type));
  });
});
