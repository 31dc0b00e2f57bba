// Phone numbers: operators, finance and viewers see them masked; leads and admins in full.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';
import type { Role } from '../../../src-main/contract/people';

let s: TestServer;
let orderId: string;
const PHONE = '13812345678';
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 10 }) });
  const r = await s.as('admin', 'POST', '/api/orders', orderInput({ shipTo: { ...orderInput().shipTo, phone: PHONE } }));
  expect(r.status).toBe(201);
  orderId = r.body.id;
});
afterAll(() => s.close());

describe('phone masking by role', () => {
  it.each(['operator', 'finance', 'viewer'] as Role[])('a %s sees a masked phone on the order', async (role) => {
    const r = await s.as(role, 'GET', `/api/orders/${orderId}`);
    expect(r.status).toBe(200);
    expect(r.body.shipTo.phone).toBe('138******78');
    expect(r.text).not.toContain(PHONE);
  });

  it.each(['lead', 'admin'] as Role[])('a %s sees the full phone', async (role) => {
    const r = await s.as(role, 'GET', `/api/orders/${orderId}`);
    expect(r.body.shipTo.phone).toBe(PHONE);
  });

  it('an operator acting on the order gets it back masked', async () => {
    const r = await s.as('operator', 'POST', `/api/orders/${orderId}/pack/start`, { bench: 'B1' });
    expect(r.status).toBe(200);
    expect(r.body.order.shipTo.phone).toBe('138******78');
  });

  it('no list, search or lookup shows a finance or viewer user the full phone', async () => {
    for (const role of ['finance', 'viewer'] as Role[]) {
      for (const path of ['/api/orders', `/api/orders?q=${orderId}`, `/api/orders/${orderId}/events`, `/api/lookup/${orderId}`, '/api/orders-stats']) {
        const r = await s.as(role, 'GET', path);
        expect(r.status, `${role} ${path}`).toBe(200);
        expect(r.text, `${role} ${path}`).not.toContain(PHONE);
      }
    }
  });

  it('the stored phone itself is kept in full', () => {
    const stored = JSON.parse(s.core.db.prepare('SELECT ship_to FROM orders WHERE id = ?').pluck().get(orderId) as string);
    expect(stored.phone).toBe(PHONE);
  });
});
