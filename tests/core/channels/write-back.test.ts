// Shipment write-back through the per-parcel outbox to a local Shopify peer: a labelled parcel is
// written back exactly once across a platform that answers 500 three times and a kill -9 of the
// core between the platform storing the fulfillment and the core hearing the answer; six failures
// make a dead letter that a lead retries; a refund pending holds the write-back.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startChannelShop, aOrder, orderOf, labelIt, type ChannelShop } from './fixture';
import { sleep } from '../helpers';

const root = join(__dirname, '..', '..', '..');
let shop: ChannelShop;
const children: ChildProcess[] = [];
beforeAll(async () => {
  shop = await startChannelShop();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await shop.close();
});

async function placedAndLabelled(): Promise<{ ext: number; orderId: string; parcel: { id: string; waybill: string } }> {
  const o = aOrder(1);
  await shop.peer.placeOrder(o);
  await shop.sync.drained();
  const order = orderOf(shop, o.id)!;
  return { ext: o.id, orderId: order.id, parcel: await labelIt(shop, order.id) };
}

const writeBackOf = async (orderId: string) => (await shop.s.as('lead', 'GET', '/api/write-backs')).body.items.find((w: { orderId: string }) => w.orderId === orderId);

/** Ticks until the write-back of this order is as wanted (backoff is milliseconds here); a tick may take long on a busy machine, so this counts ticks, not time. */
async function until(orderId: string, ok: (w: { state: string; attempts: number }) => boolean) {
  for (let i = 0; i < 500; i++) {
    await shop.sync.tick();
    const w = await writeBackOf(orderId);
    if (w && ok(w)) return w;
    await sleep(10);
  }
  throw new Error(`write-back of ${orderId} never got there: ${JSON.stringify(await writeBackOf(orderId))}`);
}

/**
 * The sync child (fixtures/sync-child.ts) started on the shop's folder, once it has opened the core:
 * it sends nothing until told `go()`. `exited` settles when the process ends, however it ends.
 */
async function startSyncChild(): Promise<{ child: ChildProcess; go(): void; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'sync-child.ts'), shop.s.dir], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let ready = false;
  for await (const line of createInterface({ input: child.stdout! })) if ((ready = line === 'ready')) break;
  if (!ready) throw new Error(`the sync child ended before it was ready (exit code ${child.exitCode})`);
  return { child, go: () => child.stdin!.write('go\n'), exited };
}

// Waits on conditions only (the child's 'ready', the platform storing, the process's exit, the
// outbox's state), never on a fixed time: spawning a core under tsx takes seconds on a loaded
// machine, so the test's own limit is a generous ceiling rather than a schedule.
describe('shipment write-back', () => {
  it('sends the waybill, carrier name and lines once, across three 500s and a kill -9 of the core before it heard the answer', { timeout: 180_000 }, async () => {
    // Another core process on the data folder starts meanwhile (it sends nothing until told)
    const starting = startSyncChild();
    starting.catch(() => {}); // awaited below; its failure is reported there
    const { ext, orderId, parcel } = await placedAndLabelled();
    shop.peer.failNext = 3;
    const failing = await until(orderId, (w) => w.attempts === 3);
    expect(failing).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/^500/) });
    shop.sync.stop();

    // It takes over; the platform stores the fulfillment, then the process dies before it hears the answer.
    const { child, go, exited } = await starting;
    const stored = new Promise<'stored'>((resolve) => (shop.peer.onFulfillmentThenHang = () => resolve('stored')));
    go();
    const first = await Promise.race([stored, exited.then(() => 'exited' as const)]);
    expect(first, 'the sync child ended before the platform stored the fulfillment').toBe('stored');
    child.kill('SIGKILL');
    await exited;
    expect((await writeBackOf(orderId)).state).toBe('pending'); // the core never heard back

    const sent = await until(orderId, (w) => w.state === 'sent');
    expect(sent).toMatchObject({ waybill: parcel.waybill, carrier: 'SF Express' });
    const fulfillments = shop.peer.shopify.get(ext)!.fulfillments;
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0]).toMatchObject({ tracking_number: parcel.waybill, tracking_company: 'SF Express', line_items: [{ quantity: 1 }] });
    const attempts = shop.s.core.db.prepare('SELECT ok, status, detail FROM channel_attempts WHERE outbox_id = ? ORDER BY rowid').all(sent.id) as { ok: number; status: number; detail: string }[];
    expect(attempts.at(-1)!.detail).toBe('already fulfilled with this waybill');
    shop.sync.start({ tickMs: 60_000, retryBaseMs: 5, breakerAfter: 100, breakerMs: 50 });
  });

  it('makes a dead letter after six failed tries, with the reason; a lead retries it and it goes', async () => {
    const { ext, orderId } = await placedAndLabelled();
    shop.peer.failNext = 6;
    const dead = await until(orderId, (w) => w.state === 'dead');
    expect(dead).toMatchObject({ attempts: 6, lastError: expect.stringMatching(/500/) });
    expect((await shop.s.as('lead', 'GET', '/api/write-backs?state=dead')).body.items.map((w: { id: string }) => w.id)).toContain(dead.id);
    expect((await shop.s.as('operator', 'POST', `/api/write-backs/${dead.id}/retry`)).status).toBe(403);
    const r = await shop.s.as('lead', 'POST', `/api/write-backs/${dead.id}/retry`);
    expect(r.body).toMatchObject({ state: 'pending', attempts: 0 });
    await until(orderId, (w) => w.state === 'sent');
    expect(shop.peer.shopify.get(ext)!.fulfillments).toHaveLength(1);
  });

  it('holds the write-back of an order with a refund pending at the platform', async () => {
    const o = aOrder(1);
    await shop.peer.placeOrder(o);
    await shop.sync.drained();
    const order = orderOf(shop, o.id)!;
    await labelIt(shop, order.id);
    await shop.peer.postShopify('refunds/create', { id: 77, order_id: o.id, created_at: new Date().toISOString(), transactions: [{ amount: '10.00', currency: 'CNY' }], refund_line_items: [] });
    await shop.sync.drained();
    const held = await until(order.id, (w) => w.state === 'held');
    expect(held.lastError).toMatch(/refund pending/);
    expect(shop.peer.shopify.get(o.id)!.fulfillments).toHaveLength(0);
  });

  it('opens the circuit breaker when the platform keeps failing: new work waits in the outbox and a lead is told', async () => {
    shop.sync.start({ tickMs: 60_000, retryBaseMs: 1, breakerAfter: 2, breakerMs: 60_000 });
    const { orderId } = await placedAndLabelled();
    shop.peer.failNext = 50;
    await until(orderId, (w) => w.attempts === 2);
    const calls = shop.peer.writeBacks.length;
    for (let i = 0; i < 5; i++) await shop.sync.tick();
    expect(shop.peer.writeBacks.length).toBe(calls); // not hammered
    const h = (await shop.s.as('lead', 'GET', '/api/channels')).body.items.find((c: { id: string }) => c.id === shop.channelId).health;
    expect(h.breakerOpenUntil).toBeTruthy();
    expect(shop.s.core.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'channel.breaker_opened'").pluck().get()).toBe(1);
    shop.peer.failNext = 0;
  });

  it('WooCommerce: a labelled parcel becomes one Shipment Tracking entry with the mapped carrier name', async () => {
    const c = await shop.s.as('admin', 'POST', '/api/channels', {
      kind: 'woocommerce', name: 'Woo', code: 'woo-wb', secret: 'woo-secret-456', apiBase: shop.peer.url, apiKey: 'ck_test', apiSecret: 'cs_test', defaultCarrier: 'sf', carrierNames: { sf: 'SF Express' }, pollMinutes: 0,
    });
    shop.peer.opts.wooHookUrl = c.body.webhookUrl;
    shop.peer.opts.wooSecret = 'woo-secret-456';
    const order = {
      id: 9001, number: '9001', status: 'processing', currency: 'CNY', total: '89.99', date_modified_gmt: '2026-12-02T08:00:00', customer_note: '',
      billing: { first_name: 'Li', last_name: 'Lei', phone: '13800000000', email: 'li@example.com' }, shipping: { first_name: 'Li', last_name: 'Lei', address_1: '科技园路1号', city: '深圳市', state: '广东省', postcode: '518000', country: 'CN' },
      line_items: [{ id: 1, name: 'Aviator sunglasses', sku: 'SKU-A', quantity: 1, price: 89.99 }],
    };
    expect((await shop.peer.postWoo('order.created', order)).status).toBe(200);
    await shop.sync.drained();
    const o = shop.s.core.db.prepare("SELECT id FROM orders WHERE channel = 'woo-wb' AND external_id = '9001'").get() as { id: string };
    const parcel = await labelIt(shop, o.id);
    await until(o.id, (w) => w.state === 'sent');
    expect(shop.peer.wooTrackings.get(9001)).toEqual([{ tracking_provider: 'SF Express', tracking_number: parcel.waybill, date_shipped: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }]);
  });
});
