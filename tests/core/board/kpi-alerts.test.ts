// The board's KPIs are metrics a lead's alert threshold watches: the same number the Centre shows,
// and a threshold on the backlog fires once an order waits.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSku, orderInput, startCore, type TestServer } from '../helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(() => s.close());

it('lists the KPIs beside the other metrics, with the value the Centre shows, and fires on them', async () => {
  expect((await s.as('lead', 'POST', '/api/orders', orderInput({ externalId: 'KPI-ALERT-1' }))).status).toBe(201);
  await s.core.board.flush();
  const kpis = (await s.as('lead', 'GET', '/api/kpis')).body.values;
  expect(kpis.backlog).toBe(1);
  const metrics = (await s.as('lead', 'GET', '/api/alerts/metrics')).body.items as { key: string; value: number | null }[];
  const backlog = metrics.find((m) => m.key === 'board.backlog');
  expect(backlog?.value).toBe(1);
  expect(metrics.find((m) => m.key === 'board.at_risk')?.value).toBe(kpis.at_risk);

  const t = await s.as('lead', 'POST', '/api/alerts/thresholds', { metric: 'board.backlog', op: 'above', value: 0, todo: 'Open a wave for the waiting orders' });
  expect(t.status, t.text).toBe(200);
  await s.as('lead', 'POST', '/api/alerts/evaluate'); // creating it already looked once: it fires once either way
  const open = (await s.as('lead', 'GET', '/api/alerts')).body.open as { key: string; todo: string; value: number }[];
  expect(open.find((a) => a.key === `threshold:${t.body.id}`)).toMatchObject({ todo: 'Open a wave for the waiting orders', value: 1 });
});
