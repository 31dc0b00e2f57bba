// The audit log: who did what, when and why across the shop, filtered by person, order, kind and
// time, exported as the filter shows it; leads, admins and finance read it, nobody else.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readSheet } from '../../../src-main/lib/spreadsheet';
import { startCore, addSku, orderInput, type TestServer } from '../helpers';

let s: TestServer;
let order: { id: string; number: string };
let leadId: string;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 20 }) });
  order = (await s.as('admin', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'audit-1' })).body;
  await s.as('lead', 'POST', `/api/orders/${order.id}/actions/hold`, { reason: 'address check' });
  await s.as('lead', 'POST', `/api/orders/${order.id}/actions/release`, {});
  await s.as('admin', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'audit-2' });
  leadId = s.core.db.prepare("SELECT id FROM users WHERE role = 'lead'").pluck().get() as string;
});
afterAll(() => s.close());

describe('audit log', () => {
  it('lists the newest first with names and reasons; filters by person, order and kind', async () => {
    const all = await s.as('lead', 'GET', '/api/audit?limit=500');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const byLead = await s.as('finance', 'GET', `/api/audit?actor=${leadId}`);
    expect(byLead.body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['order.hold', 'order.release']));
    expect(byLead.body.items.every((e: { actorName: string }) => e.actorName === '陈静 Chen Jing')).toBe(true);

    const ofOrder = await s.as('admin', 'GET', `/api/audit?order=${order.number}`);
    expect(ofOrder.body.items.map((e: { type: string }) => e.type).reverse()).toEqual(['order.created', 'order.hold', 'order.release']);
    expect(ofOrder.body.items[1]).toMatchObject({ reason: 'address check', actorName: '陈静 Chen Jing', label: order.number });

    const holds = await s.as('admin', 'GET', '/api/audit?kind=order.hold');
    expect(holds.body.items).toHaveLength(1);
    const orders = await s.as('admin', 'GET', '/api/audit?kind=order');
    expect(orders.body.items.every((e: { type: string }) => e.type.startsWith('order.'))).toBe(true);
    expect(orders.body.items.length).toBeGreaterThanOrEqual(4);
    const future = await s.as('admin', 'GET', `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await s.as('lead', 'GET', '/api/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await s.as('lead', 'GET', `/api/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].id).toBeLessThan(first.body.items[1].id);
  });

  it('exports the filtered log as CSV and .xlsx', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const r = await fetch(`${s.url}/api/audit/export?format=${format}&actor=${leadId}`, { headers: { Authorization: `Bearer ${await s.tokenFor('lead')}` } });
      expect(r.status).toBe(200);
      const { rows } = await readSheet(Buffer.from(await r.arrayBuffer()));
      expect(rows[0]).toEqual(['time (UTC)', 'who', 'what', 'entity', 'id or number', 'why', 'detail']);
      expect(rows.slice(1).every((x) => x[1] === '陈静 Chen Jing')).toBe(true);
      expect(rows.slice(1).map((x) => x[2])).toContain('order.hold');
    }
  });

  it('is read by leads, admins and finance only; a bad kind is refused by name', async () => {
    for (const role of ['operator', 'viewer'] as const) expect((await s.as(role, 'GET', '/api/audit')).status).toBe(403);
    const bad = await s.as('lead', 'GET', '/api/audit?kind=order%25');
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('query.kind');
  });
});
