// The order intake thread: orders posted over HTTP are created by a worker thread with its own
// connection (as in the app), while everything else writes on the core's thread. These tests pin
// what must hold across the two writers; idempotency, concurrency, validation and the change feed
// run through the thread in their own test files (startCore turns it on).
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCore, addSku, orderInput, waitFor, LEAD, type TestServer } from '../helpers';
import { startOrderIntake } from '../../../src-main/core/modules/orders/intake/order-intake';
import type { CreateOrderResult } from '../../../src-main/core/modules/orders/actions/order-requests';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

const start = async (onHand = 100) => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand }) });
  await waitFor(() => s!.core.intake?.status() === 'running', 10_000, 'the intake thread to start');
  return s;
};

describe('order intake thread', () => {
  it('creates posted orders off the core thread and answers after the commit', async () => {
    const s = await start();
    await s.tokenFor('lead'); // the login is a write on the core thread
    const { writes, search, board } = s.core;
    await search.flush();
    await board.flush();
    // the search indexer and the command centre follow the new order on the thread too (follower-jobs.ts)
    const ours = () => writes.jobs;
    const jobsBefore = ours();
    const followerJobsBefore = search.jobs + board.jobs;
    const r = await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 2 }), { 'Idempotency-Key': 'intake-1' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'allocated', lines: [{ sku: 'SKU-A', qty: 2, reserved: 2 }] });
    // committed before the answer: the core's own connection reads it at once
    expect(s.core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(r.body.id)).toBe('allocated');
    expect(s.core.db.prepare("SELECT reserved FROM inventory").pluck().get()).toBe(2);
    // the core's writer ran none of it, nor the followers' jobs that indexed it and counted it
    await search.flush();
    await board.flush();
    expect(search.jobs + board.jobs).toBeGreaterThan(followerJobsBefore);
    expect(s.core.db.prepare('SELECT indexed_upto >= (SELECT rowid FROM orders WHERE id = ?) FROM order_search_progress').pluck().get(r.body.id)).toBe(1);
    expect(ours()).toBe(jobsBefore);
  });

  it('sees a settings change made on the core thread with the very next order', async () => {
    const s = await start();
    expect((await s.as('lead', 'POST', '/api/orders', orderInput())).body.state).toBe('allocated');
    const put = await s.as('admin', 'PUT', '/api/settings', { autoAllocate: false });
    expect(put.status).toBe(200);
    expect((await s.as('lead', 'POST', '/api/orders', orderInput())).body.state).toBe('ready');
  });

  it('knows a SKU or barcode added on the core thread with the very next order (its SKU look-ups last until then)', async () => {
    const s = await start();
    expect((await s.as('lead', 'POST', '/api/orders', orderInput())).status).toBe(201); // SKU-A is now remembered
    const unknown = await s.as('lead', 'POST', '/api/orders', orderInput({ sku: 'NEW-1' }));
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'validation']);
    expect((await s.as('admin', 'POST', '/api/skus', { sku: 'NEW-1', name: 'New tea', barcodes: [{ code: '6900000000991', units: 1 }] })).status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/orders', orderInput({ sku: 'NEW-1' }))).status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/orders', orderInput({ sku: '6900000000991' }))).body.lines[0].sku).toBe('NEW-1');
  });

  it('sees stock given back on the core thread with the very next order (its view of the bins lasts until then)', async () => {
    const s = await start(2);
    const a = await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 2 }));
    expect(a.body.state).toBe('allocated');
    expect((await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 2 }))).body.state).toBe('ready'); // nothing left
    expect((await s.as('lead', 'POST', `/api/orders/${a.body.id}/actions/cancel`, { reason: 'buyer cancelled' })).status).toBe(200);
    expect((await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 2 }))).body.state).toBe('allocated');
  });

  it('never oversells when the core thread and the intake thread take the same stock at once', async () => {
    const s = await start(10);
    // orders through the thread, and stock moved by hand on the core thread, interleaved
    const orders = Array.from({ length: 30 }, () => s.as('lead', 'POST', '/api/orders', orderInput()));
    const adjust = s.as('admin', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'A-01-01-1', onHandDelta: 5, reason: 'found' });
    const results = await Promise.all([...orders, adjust]);
    expect(results.every((r) => r.status < 300)).toBe(true);
    const allocated = results.slice(0, 30).filter((r) => r.body.state === 'allocated').length;
    expect(allocated).toBeGreaterThanOrEqual(10);
    expect(allocated).toBeLessThanOrEqual(15);
    const inv = s.core.db.prepare('SELECT on_hand onHand, reserved FROM inventory').get() as { onHand: number; reserved: number };
    expect(inv).toEqual({ onHand: 15, reserved: allocated });
  });

  it('falls back to the core thread when the intake thread is down', async () => {
    const s = await start();
    s.core.intake!.close();
    expect(s.core.intake!.status()).toBe('down');
    const r = await s.as('lead', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'after-down' });
    expect(r.status).toBe(201);
    const first = { ...orderInput(), externalId: r.body.externalId };
    const conflict = await s.as('lead', 'POST', '/api/orders', { ...first, lines: [{ sku: 'SKU-A', qty: 3 }] }, { 'Idempotency-Key': 'after-down' });
    expect(conflict.status).toBe(409); // another body under the same key
  });

  it('answers a failure it did not expect as the core thread does: no internal details, a constraint is a conflict', async () => {
    const s = await start();
    // real SQLite refusals from inside createOrder, for orders with these notes
    s.core.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON orders WHEN NEW.note IN ('internal', 'constraint') BEGIN
      SELECT CASE NEW.note WHEN 'internal' THEN RAISE(ABORT, 'secret detail of the disk') ELSE RAISE(ABORT, 'UNIQUE constraint failed: orders.x') END; END`);
    // Sent together, so the thread takes them as one batch: the failing orders are rolled back with
    // it, then every order runs on its own and the good ones are still created.
    const post = () => Promise.all(['internal', 'fine', 'constraint', 'fine'].map((note) => s.as('lead', 'POST', '/api/orders', orderInput({ note }))));
    const viaThread = await post();
    expect(viaThread.map((r) => r.status)).toEqual([500, 201, 409, 201]);
    for (const r of [viaThread[1]!, viaThread[3]!]) expect((await s.as('lead', 'GET', `/api/orders/${r.body.id}`)).status).toBe(200);
    // what the rolled-back batch had planned is not held against the next orders: the rest of the
    // stock (100, less one unit for each order created) is there for one order to take
    const rest = await s.as('lead', 'POST', '/api/orders', orderInput({ qty: 98 }));
    expect([rest.status, rest.body.state]).toEqual([201, 'allocated']);
    s.core.intake!.close();
    const onCore = await post();
    const answer = (r: { status: number; body: any }) => [r.status, r.status === 201 ? r.body.note : r.body];
    expect(viaThread.map(answer)).toEqual(onCore.map(answer));
    expect(JSON.stringify(viaThread[0]!.body)).not.toContain('secret');
  });

  it('sends the orders it holds to the core\'s writer when the thread cannot start (none of them ran)', async () => {
    const fallen: string[] = [];
    const intake = startOrderIntake({
      // a database path that cannot be created: the thread fails while starting
      start: { file: '/dev/null/packline/packline.db' },
      committed: () => {},
      fallback: async (input): Promise<CreateOrderResult> => {
        fallen.push(input.externalId);
        return { status: 201, orderId: `ord_${input.externalId}`, text: '{}', replayed: false };
      },
    });
    const inputs = [orderInput(), orderInput(), orderInput()];
    const replies = await Promise.all(inputs.map((input, i) => intake.submit(input, LEAD, `k-${i}`)));
    expect(replies.map((r) => r.orderId)).toEqual(inputs.map((input) => `ord_${input.externalId}`));
    expect(fallen).toEqual(inputs.map((input) => input.externalId)); // in the order they were sent
    expect(intake.status()).toBe('down');
    intake.close();
  });

  it('takes 1,200 orders in flight at once (more than its first 1,024 slots) and answers each its own', async () => {
    const s = await start();
    const inputs = Array.from({ length: 1200 }, () => orderInput());
    const replies = await Promise.all(inputs.map((input) => s.core.submitOrder(input, LEAD, null)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.orderId)).size).toBe(1200);
    // each answer is the order that was sent, not a neighbour's
    expect(replies.map((r) => JSON.parse(r.text).externalId)).toEqual(inputs.map((input) => input.externalId));
    expect(s.core.db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(1200);
  });

  it('on close, refuses every order still in flight as unavailable (the client sends it again with its key)', async () => {
    const s = await start();
    const intake = s.core.intake!;
    const inFlight = Array.from({ length: 5 }, (_, i) => intake.submit(orderInput(), LEAD, `closing-${i}`).then(() => 'answered', (e: { code?: string }) => e.code));
    intake.close();
    expect(await Promise.all(inFlight)).toEqual(Array(5).fill('unavailable'));
    expect(intake.status()).toBe('down');
  });

  it("runs the followers' jobs on the core's writer once the thread is down, and one cut short there again", async () => {
    const s = await start();
    const { search, board, writes } = s.core;
    const job = s.core.intake!.runJob('searchIndex', 500)!;
    s.core.intake!.close(); // the job's answer never comes: refused as unavailable
    await expect(job).rejects.toMatchObject({ code: 'unavailable' });
    expect(s.core.intake!.runJob('searchIndex', 500)).toBeNull();
    const before = writes.jobs;
    const r = await s.as('lead', 'POST', '/api/orders', orderInput(), { 'Idempotency-Key': 'followers-after-down' });
    expect(r.status).toBe(201);
    await search.flush();
    await board.flush();
    expect(writes.jobs).toBeGreaterThan(before + 1); // the order, then the followers' jobs, on the core's writer
    expect(s.core.db.prepare('SELECT indexed_upto >= (SELECT rowid FROM orders WHERE id = ?) FROM order_search_progress').pluck().get(r.body.id)).toBe(1);
  });

  it("keeps a script alive while it waits for the followers' jobs on the thread (nothing else holds the process)", () => {
    const r = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), [join(__dirname, 'fixtures/flush-script.ts')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toContain('Error');
    expect(r.stdout).toBe('followed\n');
    expect(r.status).toBe(0); // 13: an await left unsettled when the loop ran dry
  });
});
