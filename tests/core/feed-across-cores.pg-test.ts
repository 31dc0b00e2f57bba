// PostgreSQL only (PACKLINE_TEST_STORE=postgres; vitest.config.ts includes *.pg-test.ts then): two
// core processes' worth of connections on one database, a bench following the feed of one of them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, orderInput, sseClient, waitFor, type TestServer } from './helpers';

describe('the change feed across core processes sharing one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 10 }) });
    b = await startCore({ dir: a.dir }); // the same database (tests/pg-store.ts pgDatabaseFor)
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a cancel at one core reaches a bench following the other within 1 s', async () => {
    expect(b.file).toBe(a.file);
    const created = await a.as('lead', 'POST', '/api/orders', orderInput());
    expect(created.status).toBe(201);
    const bench = sseClient(b.url, await b.tokenFor('operator'));
    await bench.opened;
    const t0 = Date.now();
    const cancel = await a.as('lead', 'POST', `/api/orders/${created.body.id}/actions/cancel`, { reason: 'buyer cancelled' });
    expect(cancel.status).toBe(200);
    const ev = await waitFor(() => bench.events.find((e) => e.data.type === 'order.cancel' && e.data.entityId === created.body.id), 1000, 'the cancel event at the other core');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(ev.data.data).toMatchObject({ to: 'cancelled' });
    bench.close();
  });
});
