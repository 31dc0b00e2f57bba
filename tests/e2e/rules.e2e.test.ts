// Rules in Chromium: a lead writes the pickup-point rule on the Rules screen, a matching order
// arrives over the API and is held, the order's page says which rule fired and why, and the bench
// says the reason when the operator scans the order. Screenshots in English and 中文.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { launchBrowser, CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { RulesPage } from './rules-pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';

describe(`Rules screen in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 100, bench: true });
    ({ core, url, page } = shop);
  }, 90_000);
  afterAll(async () => shop?.close());

  it('a lead writes the pickup-point rule; a matching order is held, its page and the bench say why', async () => {
    await new OrdersPage(page, url).login('LD-2001');
    const rules = new RulesPage(page, url);
    await rules.open();
    // the demo's five sample rules are there to read
    await expect.poll(() => rules.list().locator('li').count()).toBe(5);
    await rules.addRule('丰巢柜超300元 Locker over 300', [
      { kind: 'address', check: 'pickup_point', values: '丰巢快递柜, 快递柜' },
      { kind: 'amount', op: 'gt', number: 300 },
    ], 'address');
    expect(await rules.list().locator('li').count()).toBe(6);
    await page.screenshot({ path: join(artifacts, 'rules.png'), fullPage: true });

    // an order to a parcel locker carrying 420 yuan arrives over the API
    const sku = core.db.prepare(`SELECT k.sku FROM skus k WHERE EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = k.id AND b.units = 1)
      AND (SELECT SUM(on_hand - reserved) FROM inventory i WHERE i.sku_id = k.id) > 5 LIMIT 1`).pluck().get() as string;
    const lead = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()) as { token: string };
    const res = await fetch(`${url}/api/orders`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${lead.token}`, 'Idempotency-Key': 'e2e-locker' },
      body: JSON.stringify({
        channel: 'taobao', externalId: 'E2E-LOCKER-1', carrier: core.db.prepare('SELECT carrier FROM waybill_ranges LIMIT 1').pluck().get(), total: { amount: 42_000, currency: 'CNY' },
        shipTo: { name: '钱七', phone: '13700002222', country: 'CN', province: '广东省', city: '广州市', district: '天河区', address1: '体育西路1号丰巢快递柜' }, lines: [{ sku, qty: 1 }],
      }),
    });
    const order = (await res.json()) as { id: string; number: string; carrier: string };
    await expect.poll(() => core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(order.id), { timeout: 5000 }).toBe('on_hold');

    // the order's page: which rule fired and why
    await page.goto(`${url}/#/orders/${order.id}`);
    const panel = page.locator('[data-testid=order-rules]');
    await expect.poll(() => panel.textContent(), { timeout: 5000 }).toContain('丰巢柜超300元 Locker over 300');
    expect(await panel.textContent()).toContain('丰巢快递柜');
    expect(await panel.textContent()).toContain('420.00 > 300.00');
    // its carrier and priority are on the page too (a rule may have set them)
    expect(await page.locator('[data-testid=order-plan]').textContent()).toMatch(new RegExp(`Carrier ${order.carrier} · Priority 0`));
    await page.screenshot({ path: join(artifacts, 'rules-order.png'), fullPage: true });

    // the operator scans it at the bench: refused, with the rule's reason
    await page.locator('nav button.ghost').click();
    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle');
    await pack.scan(order.number);
    await expect.poll(() => pack.banner().textContent(), { timeout: 5000 }).toContain('丰巢柜超300元 Locker over 300');
    expect(await pack.banner().textContent()).toContain('on hold');
    await page.screenshot({ path: join(artifacts, 'rules-bench.png') });
    expect(core.db.prepare('SELECT COUNT(*) FROM parcels WHERE order_id = ?').pluck().get(order.id)).toBe(0);
  }, 90_000);

  it('the rule editor names a refused field by its label, saves nothing, and drops the message once the field is edited (English and 中文)', async () => {
    await page.locator('nav button.ghost').click(); // the operator logs out; the lead logs in
    await new OrdersPage(page, url).login('LD-2001');
    const rules = new RulesPage(page, url);
    await rules.open();
    const stored = () => core.db.prepare('SELECT name, version, rule FROM rules ORDER BY position LIMIT 1').get();
    const before = stored();
    const editor = page.locator('[data-testid=rule-editor]');
    const error = editor.locator('[data-testid=rule-error]');
    await rules.list().locator('li').first().getByRole('button', { name: 'Edit' }).click();
    const name = editor.locator('input[name=name]');
    const was = await name.inputValue();
    await name.fill('');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => error.textContent()).toBe('Name: give the rule a name');
    await name.fill(was);
    await expect.poll(() => error.count()).toBe(0);
    // the core's refusal: a channel condition with no channels, named as the row and field on screen
    await editor.getByRole('button', { name: 'Add a condition' }).click();
    const row = editor.locator('[data-testid=condition]').last();
    const n = await editor.locator('[data-testid=condition]').count();
    await row.locator('select[name=kind]').selectOption('channel');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => error.textContent()).toBe(`Condition ${n}: Values (comma separated): channel needs at least one value`);
    await page.screenshot({ path: join(artifacts, 'rules-editor-refused.png') });
    expect(stored()).toEqual(before);
    await row.locator('input[name=values]').fill('taobao');
    await expect.poll(() => error.count()).toBe(0);
    await editor.getByRole('button', { name: 'Cancel' }).click();

    await page.evaluate("localStorage.setItem('pl_lang', 'zh-CN')");
    await page.reload();
    await rules.list().locator('li').first().getByRole('button', { name: '编辑' }).click();
    await name.fill('  ');
    await editor.getByRole('button', { name: '保存规则' }).click();
    await expect.poll(() => error.textContent()).toBe('名称: 请给规则起个名称');
    await page.screenshot({ path: join(artifacts, 'rules-editor-refused-zh.png') });
    await name.fill('x');
    await expect.poll(() => error.count()).toBe(0);
    expect(stored()).toEqual(before);
    await page.evaluate("localStorage.setItem('pl_lang', 'en')");
  }, 60_000);

  it('a rule\'s carrier is picked from the shop\'s active carriers, never typed', async () => {
    const b = await launchBrowser();
    try {
      const p = b.context.pages()[0] ?? (await b.context.newPage());
      await new OrdersPage(p, url).login('LD-2001');
      await new RulesPage(p, url).open();
      await p.getByRole('button', { name: 'Add a rule' }).click();
      const editor = p.locator('[data-testid=rule-editor]');
      const carrier = editor.locator('select[name=carrier]');
      const active = core.db.prepare('SELECT code FROM carriers WHERE active = 1 ORDER BY code').pluck().all() as string[];
      expect(active.length).toBeGreaterThan(1);
      await expect.poll(() => carrier.locator('option').count()).toBe(active.length + 1);
      const offered = await carrier.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(offered[0]).toBe(''); // the order keeps its own
      expect([...offered.slice(1)].sort()).toEqual(active);
      await carrier.selectOption(active[0]!);
      await editor.screenshot({ path: join(artifacts, 'rules-editor-carrier.png') });
    } finally {
      await b.close();
    }
  }, 60_000);

  it('shows the rules, the lead\'s queue with the frozen conflict, and the limits in 中文', async () => {
    const zh = await launchBrowser({ locale: 'zh-CN' });
    try {
      const zhPage = zh.context.pages()[0] ?? (await zh.context.newPage());
      await new OrdersPage(zhPage, url).login('LD-2001');
      await zhPage.goto(`${url}/#/rules`);
      await zhPage.waitForSelector('[data-testid=rule-list] li');
      const queue = zhPage.locator('[data-testid=lead-queue]');
      await expect.poll(() => queue.textContent()).toContain('指令冲突');
      expect(await queue.textContent()).toContain('以此为准');
      expect(await zhPage.locator('h2').first().textContent()).toBe('规则');
      await zhPage.screenshot({ path: join(artifacts, 'rules-zh.png'), fullPage: true });
      // the frozen order's history says why in Chinese, with the instructions' times as a clock shows them (no raw ISO text)
      const frozen = core.db.prepare("SELECT order_id FROM order_flags WHERE kind = 'conflict' LIMIT 1").pluck().get() as string;
      await zhPage.goto(`${url}/#/orders/${frozen}`);
      const history = zhPage.locator('ol.history');
      await expect.poll(() => history.textContent()).toContain('相互矛盾');
      expect(await history.textContent()).toMatch(/「加急」与 .*的「取消」|「取消」与 .*的「加急」/);
      expect(await history.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
      await zhPage.screenshot({ path: join(artifacts, 'rules-frozen-zh.png'), fullPage: true });
    } finally {
      await zh.close();
    }
  }, 60_000);
});
