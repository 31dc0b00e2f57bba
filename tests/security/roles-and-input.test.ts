// Roles and input (issue 13, items 5, 6 and parts of 8), on the real core, HTTP server and SQLite:
// the generic order action route offers only the actions without a flow, to the roles the business
// expects; label data is masked for the role that receives it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { genericActionsFor } from '../../src-main/contract/orders';
import { applyOrderAction } from '../../src-main/core/modules/orders/actions/apply-action';
import { SYSTEM, count, orderInput, setSettings, snapshot } from '../core/helpers';
import type { OrderInput } from '../../src-main/contract/orders';
import { startPackShop, newOrder, start, postParcel, type PackShop } from '../core/packing/fixture';
import type { Role } from '../../src-main/contract/people';
import type { LabelData } from '../../src-main/contract/labels';
import { createLabelRenderer } from '../../src-main/labels/worker/pool';
import { pdfText } from '../labels/decode-helpers';
import { openE2eShop } from '../e2e/shop';
import { launchBrowser } from '../e2e/browser';
import { OrdersPage } from '../e2e/pages';
import { layout } from '../../src-main/labels/render';
import { forgetCachedSettings } from '../../src-main/core/modules/settings/queries';
import { getTemplate } from '../../src-main/labels/templates';
import type { Template } from '../../src-main/labels/model';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

const orderRow = (id: string) => ({
  state: shop.s.core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(id) as string,
  events: count(shop.s.core, 'events', `WHERE entity = 'order' AND entity_id = '${id}'`),
});

/** Moves an order along internally, as a flow would (setup only: the route under test is the generic one). */
const moveInternally = (id: string, ...actions: ('start_packing' | 'mark_packed' | 'raise_exception')[]) =>
  shop.s.core.writes.runNow(() => actions.forEach((a) => applyOrderAction(shop.s.core.ctx, id, a, SYSTEM, { reason: 'test setup' })));

const act = (role: Role, id: string, action: string, body: Record<string, unknown> = {}) =>
  shop.s.as(role, 'POST', `/api/orders/${id}/actions/${action}`, body);

describe('item 5: the generic order action route', () => {
  it('an operator may not cancel, hold, deallocate or release an order: 403 naming who may, the order unchanged', async () => {
    const o = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }]);
    for (const action of ['cancel', 'hold', 'deallocate']) {
      const before = orderRow(o.id);
      const r = await act('operator', o.id, action, { reason: 'operator tries' });
      expect(r.status, action).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect(r.body.error.message).toBe(`only a lead or an admin may ${action} an order`);
      expect(orderRow(o.id)).toEqual(before);
    }
    await act('lead', o.id, 'hold', { reason: 'address check' });
    const held = orderRow(o.id);
    const r = await act('operator', o.id, 'release', {});
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe('only a lead or an admin may release an order');
    expect(orderRow(o.id)).toEqual(held);
  });

  // Each order is put where the state machine would take the action, so only the route's rule refuses it.
  it.each([
    ['start_packing', [] as const, '/api/orders/:id/pack/start'],
    ['mark_packed', ['start_packing'] as const, '/api/orders/:id/parcels'],
    ['raise_exception', ['start_packing'] as const, '/api/orders/:id/pack/short'],
    ['ship', ['start_packing', 'mark_packed'] as const, '/api/manifests'],
    ['add_to_wave', [] as const, '/api/waves'],
    ['resolve_exception', ['start_packing', 'raise_exception'] as const, '/api/exceptions/:id/resolve'],
  ])('%s is refused for an operator and a lead alike, naming the flow; the order is unchanged', async (action, setup, route) => {
    const o = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }]);
    moveInternally(o.id, ...setup);
    const before = orderRow(o.id);
    for (const role of ['operator', 'lead', 'admin'] as Role[]) {
      const r = await act(role, o.id, action, { reason: 'skip the flow' });
      expect(r.status, role).toBe(422);
      expect(r.body.error.code).toBe('validation');
      expect(r.body.error.issues[0].path).toBe('path.action');
      expect(r.body.error.message).toContain(`${action} is not taken here: it goes through`);
      expect(r.body.error.message).toContain(route);
      expect(orderRow(o.id)).toEqual(before);
    }
  });

  it('resuming an exception goes through the exceptions queue: the route refuses and the record stays open; the queue resolves both', async () => {
    const { s, sku } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 2 }]);
    expect((await start(s, o.id)).status).toBe(200);
    const short = await s.as('operator', 'POST', `/api/orders/${o.id}/pack/short`, { bench: 'B1', reason: 'one missing', missing: [{ skuId: sku.A, qty: 1 }] });
    expect(short.status).toBe(200);
    const exceptionId = short.body.exception.id as string;
    const openRecord = () => s.core.db.prepare('SELECT state FROM exceptions WHERE id = ?').pluck().get(exceptionId);
    const before = orderRow(o.id);
    const r = await act('lead', o.id, 'resolve_exception');
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('POST /api/exceptions/:id/resolve');
    expect(orderRow(o.id)).toEqual(before);
    expect(openRecord()).toBe('open');
    const resolved = await s.as('lead', 'POST', `/api/exceptions/${exceptionId}/resolve`, { resolution: 'found the missing unit' });
    expect(resolved.status).toBe(200);
    expect(openRecord()).toBe('resolved');
    expect(orderRow(o.id).state).not.toBe('exception');
  });

  it("a lead's cancel, hold and release work, each recorded once", async () => {
    const a = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }]);
    const b = await newOrder(shop.s, [{ sku: 'SKU-A', qty: 1 }]);
    const start = orderRow(a.id).events;
    expect((await act('lead', a.id, 'hold', { reason: 'address check' })).body.state).toBe('on_hold');
    expect((await act('lead', a.id, 'release', { reason: 'address fine' })).body.state).toBe('allocated');
    expect(orderRow(a.id).events).toBe(start + 2);
    expect((await act('admin', b.id, 'cancel', { reason: 'buyer cancelled' })).body.state).toBe('cancelled');
  });

  it('in Chromium, the Orders screen shows an operator no action on an allocated order, and a lead deallocate, hold and cancel', async () => {
    const e2e = await openE2eShop({ skus: 10, orders: 20 });
    const lead = await launchBrowser();
    try {
      const order = e2e.core.db.prepare("SELECT number FROM orders WHERE state = 'allocated' ORDER BY id LIMIT 1").pluck().get() as string;
      const actionsSeenBy = async (page: import('playwright-core').Page, badge: string) => {
        const orders = new OrdersPage(page, e2e.url);
        await orders.login(badge);
        await orders.scan(order);
        const detail = await orders.detail();
        await expect.poll(() => detail.locator('h2').textContent()).toBe(order);
        return detail.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      };
      expect(await actionsSeenBy(e2e.page, 'OP-1001')).toEqual([]);
      const leadPage = lead.context.pages()[0] ?? (await lead.context.newPage());
      expect(await actionsSeenBy(leadPage, 'LD-2001')).toEqual(['deallocate', 'hold', 'cancel']);
    } finally {
      await lead.close();
      await e2e.close();
    }
  });

  it('the Orders screen offers each role only the actions it may take there', () => {
    expect(genericActionsFor('allocated', 'operator')).toEqual([]);
    expect(genericActionsFor('ready', 'operator')).toEqual(['allocate']);
    expect(genericActionsFor('allocated', 'lead')).toEqual(['deallocate', 'hold', 'cancel']);
    expect(genericActionsFor('packing', 'lead')).toEqual(['hold', 'cancel']);
    expect(genericActionsFor('exception', 'admin')).toEqual(['cancel']);
    expect(genericActionsFor('on_hold', 'viewer')).toEqual([]);
  });
});

describe('item 6: label data as the role may see it', () => {
  const PHONE = '13812345678';
  const MASKED = '138******78';

  it("an operator's parcel and reprint carry the masked phone; the bench prints the same label bytes from them as from a lead's full data", async () => {
    const { s, sku } = shop;
    setSettings(s.core, { shopName: '茶叶小铺', sender: { name: '李店长', phone: '13900001111', address: '浙江省杭州市西湖区龙井路8号' } });
    const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }]);
    const t = (await start(s, o.id)).body;
    const parcel = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true });
    expect(parcel.status).toBe(201);
    expect(parcel.body.label.recipient.phone).toBe(MASKED);
    expect(parcel.text).not.toContain(PHONE);
    const parcelId = parcel.body.parcel.id as string;
    const byOperator = await s.as('operator', 'POST', `/api/parcels/${parcelId}/reprint`, { reason: 'label smudged' });
    expect(byOperator.status).toBe(200);
    expect(byOperator.body.label.recipient.phone).toBe(MASKED);
    expect(byOperator.text).not.toContain(PHONE);
    const byLead = await s.as('lead', 'POST', `/api/parcels/${parcelId}/reprint`, { reason: 'label smudged' });
    expect(byLead.body.label.recipient.phone).toBe(PHONE);

    // What reaches the printer: the bench renders the built-in templates from the label data it got.
    const renderer = createLabelRenderer();
    try {
      // a carrier API's waybill brings a sorting code, and the bench prints the Chinese e-waybill then
      const withSortCode = (l: LabelData) => ({ ...l, carrier: { ...l.carrier!, sortCode: '755-A01 12', bagPoint: '深圳转运' } });
      for (const [template, shape] of [['shipping-4x6', (l: LabelData) => l], ['cn-ewaybill-76x130', withSortCode]] as const) {
        for (const format of ['zpl', 'tspl', 'pdf'] as const) {
          const asOperator = await renderer.render({ template, data: shape(byOperator.body.label), format, dpi: 203 });
          const asLead = await renderer.render({ template, data: shape(byLead.body.label), format, dpi: 203 });
          if (format !== 'pdf') {
            expect(Buffer.compare(asOperator.bytes, asLead.bytes), `${template} ${format}`).toBe(0);
            continue;
          }
          // a PDF carries its creation time: compare its text; the carrier's label (GB/T 41833-2022)
          // shows the phone with six digits hidden
          const text = pdfText(Buffer.from(asOperator.bytes));
          expect(text, template).toBe(pdfText(Buffer.from(asLead.bytes)));
          expect(text).toContain(MASKED);
        }
      }
    } finally {
      await renderer.close();
    }
  });
});

describe('item 8: template fields are own fields only', () => {
  const withText = (text: string): Template => {
    const t = getTemplate('shipping-4x6');
    return { ...t, elements: [{ ...(t.elements.find((e) => e.type === 'text') as Extract<Template['elements'][number], { type: 'text' }>), text }] };
  };
  const textOf = (text: string) => JSON.stringify(layout(withText(text), undefined));

  it.each(['constructor', '__proto__', 'recipient.constructor', 'recipient.__proto__', 'items.constructor', 'order.toString', 'page.constructor', 'hasOwnProperty'])(
    '{{%s}} is a template error naming the field, never a value from the prototype chain',
    (field) => {
      expect(() => textOf(`{{${field}}}`)).toThrowError(new RegExp(`needs field "${field.replace(/\./g, '\\.')}", which`));
      // optional: renders empty, never "function Object() { [native code] }"
      expect(textOf(`[{{${field}?}}]`)).not.toMatch(/native code|\[object/);
    },
  );

  it('own fields still render', () => {
    expect(textOf('{{order.number}} {{recipient.phoneMasked}} {{page.ofN}}')).not.toContain('{{');
  });
});

describe('item 8: the template list names files relative to the templates folder and reads nothing outside it', () => {
  const shopDir = () => join(shop.s.dir, 'labels');
  const outside = () => join(shop.s.dir, 'secret.json');

  beforeAll(() => {
    mkdirSync(shopDir(), { recursive: true });
    // a file outside the folder that a link points at: its first bytes must never reach a screen
    writeFileSync(outside(), 'root:x:0:0:root:/root:/bin/bash\n');
    symlinkSync(outside(), join(shopDir(), 'passwd.json'));
    symlinkSync(join(shop.s.dir, 'gone.json'), join(shopDir(), 'dangling.json'));
    // a valid template outside the folder, linked in: refused unread as well
    writeFileSync(join(shop.s.dir, 'outside-slip.json'), JSON.stringify({ ...getTemplate('packing-slip-a4'), name: 'outside-slip' }));
    symlinkSync(join(shop.s.dir, 'outside-slip.json'), join(shopDir(), 'outside.json'));
    writeFileSync(join(shopDir(), 'broken.json'), 'SECRET-FIRST-BYTES {');
    // a link inside the folder is fine
    writeFileSync(join(shopDir(), 'mine.txt'), JSON.stringify({ ...getTemplate('packing-slip-a4'), name: 'my-slip' }));
    symlinkSync(join(shopDir(), 'mine.txt'), join(shopDir(), 'my-slip.json'));
  });

  it.each(['operator', 'viewer', 'lead'] as Role[])('as %s: no absolute path and no byte of a linked or broken file', async (role) => {
    const r = await shop.s.as(role, 'GET', '/api/labels/templates');
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(shop.s.dir);
    expect(r.text).not.toContain('root:x');
    expect(r.text).not.toContain('SECRET-FIRST-BYTES');
    expect(r.body.shopFolder).toBeNull();
    expect(r.body.problems).toEqual([
      { file: 'broken.json', message: 'label template broken.json is not JSON' },
      { file: 'dangling.json', message: 'label template dangling.json cannot be read (ENOENT)' },
      { file: 'outside.json', message: 'label template outside.json links to a file outside the templates folder; copy the file in instead' },
      { file: 'passwd.json', message: 'label template passwd.json links to a file outside the templates folder; copy the file in instead' },
    ]);
    expect(r.body.items.find((t: { name: string }) => t.name === 'my-slip')).toMatchObject({ source: 'shop', file: 'my-slip.json' });
  });

  it('a template linked in from outside the folder is neither listed nor rendered', async () => {
    const r = await shop.s.as('operator', 'GET', '/api/labels/templates/outside-slip/preview?format=zpl');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/^unknown label template "outside-slip"/);
  });
});

describe("item 8: an admin's walking-path pattern cannot stall the core", () => {
  const path = (pattern: string) => ({ pickPath: { pattern, aisleSpacingM: 3, bayWidthM: 1.2, zoneGapM: 15 } });
  const stored = () => shop.s.core.db.prepare("SELECT value FROM settings WHERE key = 'pickPath'").pluck().get() ?? null;
  beforeAll(() => shop.s.tokenFor('admin')); // a first login is an event of its own

  it.each([
    ['the classic nested quantifier', '^(?<aisle>(a+)+)$', /nested quantifier such as \(a\+\)\+/],
    ['a repeated group of alternatives', '^(?<aisle>(?:a|aa)*)-(?<bay>\\d+)$', /repeats a group that has alternatives inside/],
    ['many adjacent repetitions (polynomial backtracking)', `^(?<aisle>${'\\w*'.repeat(30)})-$`, /reading bin codes of (up to )?\d+ characters took (over )?\d+ ms( in all)? \(it backtracks\)/],
    ['a back-reference', '^(?<aisle>\\w+)-\\1$', /back-reference/],
  ])('%s is refused with 422 naming the field; nothing stored; /api/health stays fast', async (_what, pattern, message) => {
    const before = { settings: stored(), events: count(shop.s.core, 'events') };
    const health = (async () => {
      const t = performance.now();
      expect((await shop.s.api('GET', '/api/health')).status).toBe(200);
      return performance.now() - t;
    })();
    const r = await shop.s.as('admin', 'PUT', '/api/settings', path(pattern));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('validation');
    expect(r.body.error.issues[0].path).toBe('pickPath.pattern');
    expect(r.body.error.issues[0].message).toMatch(message);
    expect({ settings: stored(), events: count(shop.s.core, 'events') }).toEqual(before);
    const ms = await health;
    expect(ms).toBeLessThan(500);
    const walking = await shop.s.as('viewer', 'GET', '/api/locations/walking-order');
    expect(walking.status).toBe(200);
  });

  it('a pattern stored before the check (an older version) is refused when the walking order is built, not run', async () => {
    const { core } = shop.s;
    core.writes.runNow(() => core.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('pickPath', ?)").run(JSON.stringify(path('^(?<aisle>(\\w+)+)$').pickPath)));
    forgetCachedSettings(core.db);
    const t = performance.now();
    const r = await shop.s.as('viewer', 'GET', '/api/locations/walking-order');
    expect(performance.now() - t).toBeLessThan(500);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/^the bin location pattern is refused: it repeats a group .*; set another in Settings$/);
  });

  it('a slow pattern stored before the timed check is refused when the walking order is built, within the trial\'s budget', async () => {
    const { core } = shop.s;
    core.writes.runNow(() => core.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('pickPath', ?)").run(JSON.stringify(path(`^(?<aisle>${'\\w*'.repeat(29)})-$`).pickPath)));
    forgetCachedSettings(core.db);
    const t = performance.now();
    const r = await shop.s.as('viewer', 'GET', '/api/locations/walking-order');
    expect(performance.now() - t).toBeLessThan(500);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/^the bin location pattern is refused: reading bin codes of .* \(it backtracks\).*; set another in Settings$/);
  });

  it('a safe pattern with an optional group is taken, and the walking order uses it', async () => {
    const r = await shop.s.as('admin', 'PUT', '/api/settings', path('^(?<zone>[A-Z]+)-(?<aisle>\\d+)-(?<bay>\\d+)(?:-(?<level>\\w+))?$'));
    expect(r.status, r.text).toBe(200);
    const walking = await shop.s.as('viewer', 'GET', '/api/locations/walking-order');
    expect(walking.body.items.find((x: { code: string }) => x.code === 'A-01-01-1')).toMatchObject({ zone: 'A', aisle: '01', bay: '01', level: '1' });
  });
});

describe('item 8: text hygiene in names, codes, addresses and notes', () => {
  const base = () => orderInput({ sku: 'SKU-A' });
  const stored = () => ({ ...snapshot(shop.s.core), skus: count(shop.s.core, 'skus'), settings: count(shop.s.core, 'settings') });
  beforeAll(async () => void (await Promise.all([shop.s.tokenFor('lead'), shop.s.tokenFor('admin')]))); // a first login is an event

  it.each([
    ['NUL in a name', (o: OrderInput) => void (o.shipTo.name = '刘\u0000艳'), 'shipTo.name', /control characters \(U\+0000 at character 2\)/],
    ['a line break in a city', (o: OrderInput) => void (o.shipTo.city = '杭州\n市'), 'shipTo.city', /control characters \(U\+000A/],
    ['a zero-width-only address line', (o: OrderInput) => void (o.shipTo.address1 = '\u200B\u200D\uFEFF\u2060'), 'shipTo.address1', /only invisible \(zero-width\) characters/],
    ['a zero-width-only optional address part', (o: OrderInput) => void (o.shipTo.district = '\u200B'), 'shipTo.district', /only invisible/],
    ['an RTL override in a name', (o: OrderInput) => void (o.shipTo.name = 'Bob\u202Egnp.exe'), 'shipTo.name', /bidirectional control character \(U\+202E/],
    ['an isolate in a postcode', (o: OrderInput) => void (o.shipTo.postcode = '310\u2066000'), 'shipTo.postcode', /bidirectional control character \(U\+2066/],
    ['a lone surrogate in the channel number', (o: OrderInput) => void (o.externalId = 'T-\uD83D'), 'externalId', /lone surrogate \(U\+D83D/],
    ['a lone surrogate in a SKU code', (o: OrderInput) => void (o.lines[0]!.sku = '\uDE00SKU-A'), 'lines.0.sku', /lone surrogate/],
    ['NUL in the note (free text)', (o: OrderInput) => void (o.note = 'leave at the door\u0000'), 'note', /control characters \(U\+0000/],
    ['a buyer email without a cap', (o: OrderInput) => void (o.buyer = { email: `${'x'.repeat(300)}@example.com` }), 'buyer.email', /at most 200|<=200/],
    ['a line name over its cap', (o: OrderInput) => void (o.lines[0]!.name = '长'.repeat(201)), 'lines.0.name', /200/],
  ])('an order with %s is refused with 422 naming the field; nothing is stored', async (_what, spoil, path, message) => {
    const before = stored();
    const o = base();
    spoil(o);
    const r = await shop.s.as('lead', 'POST', '/api/orders', o);
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe('validation');
    const issue = r.body.error.issues.find((i: { path: string }) => i.path === path);
    expect(issue, JSON.stringify(r.body.error.issues)).toBeDefined();
    expect(issue.message).toMatch(message);
    expect(stored()).toEqual(before);
  });

  it('in bulk, each bad order is refused by itself, naming its field', async () => {
    const bad = base();
    bad.shipTo.name = '\u200B';
    const r = await shop.s.as('lead', 'POST', '/api/orders/bulk', { orders: [bad] });
    expect(r.body.results[0]).toMatchObject({ ok: false, code: 'validation', issues: [{ path: 'orders.0.shipTo.name', message: expect.stringMatching(/invisible/) }] });
  });

  it.each([
    ['a product name with NUL', 'POST', '/api/skus', { sku: 'SKU-NUL', name: 'tea\u0000' }, 'name'],
    ['a zero-width product name', 'POST', '/api/skus', { sku: 'SKU-ZW', name: '\u200C' }, 'name'],
    ['a box name with an override', 'POST', '/api/box-types', { code: 'BOX-X', name: '\u202Dbox', tareG: 10 }, 'name'],
    ["the shop's name with an override", 'PUT', '/api/settings', { shopName: '茶叶\u202E小铺' }, 'shopName'],
    ["the sender's address without a cap", 'PUT', '/api/settings', { sender: { name: '李店长', phone: '13900001111', address: '路'.repeat(301) } }, 'sender.address'],
    ['a location zone with a lone surrogate', 'POST', '/api/locations', { code: 'Z-01-01', zone: '\uD800' }, 'zone'],
    ['a stock location without a cap', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'L'.repeat(10_000), onHandDelta: 1, reason: 'count' }, 'location'],
    ['a stock adjustment reason with a control character', 'POST', '/api/inventory/adjustments', { sku: 'SKU-A', location: 'A-01-01-1', onHandDelta: 1, reason: 'count\u0007' }, 'reason'],
  ])('%s is refused with 422 naming the field; nothing is stored', async (_what, method, url, body, path) => {
    const before = stored();
    const r = await shop.s.as('admin', method, url, body);
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(stored()).toEqual(before);
  });

  it('Chinese names and addresses, and an emoji with a zero-width joiner inside, are accepted as written', async () => {
    const o = base();
    o.shipTo = { ...o.shipTo, name: '刘艳', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路478号 2单元501室' };
    o.note = '请放门口 👨‍👩‍👧\n谢谢';
    const r = await shop.s.as('lead', 'POST', '/api/orders', o);
    expect(r.status, r.text).toBe(201);
    expect(r.body.shipTo).toMatchObject({ name: '刘艳', city: '杭州市', district: '西湖区', address1: '文三路478号 2单元501室' });
    expect(r.body.note).toBe('请放门口 👨‍👩‍👧\n谢谢');
  });
});
