// Finance at month end in Chromium: logs in with the finance badge, imports this week's WeChat Pay
// bill on the Money screen, sees the overdue orders and a fee difference with its cause, opens an
// order's money down to the statement row, and never sees a full phone number.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { CHROMIUM } from './browser';
import { artifacts, openE2eShop, type E2eShop } from './shop';
import { wechatAllBill } from '../core/payouts/statements';

/** The Money screen as finance uses it. */
class MoneyPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async login(badge: string) {
    await this.page.goto(`${this.url}/#/money`);
    await this.page.fill('input[name=badge]', badge);
    await this.page.press('input[name=badge]', 'Enter');
    await this.page.waitForSelector('[data-testid=channel-totals]');
  }

  async importStatement(source: string, file: string) {
    const form = this.page.locator('[data-testid=import-statement]');
    if (!(await form.getAttribute('open'))) await form.locator('summary').click();
    await form.locator('select[name=source]').selectOption(source);
    await form.locator('input[name=file]').setInputFiles(file);
    await form.locator('button[type=submit]').click();
    const report = this.page.locator('[data-testid=import-report]');
    await report.waitFor();
    return report;
  }

  async tab(name: string) {
    await this.page.goto(`${this.url}/#/money/${name}`);
  }
}

const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe(`Money screen in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  const ids: Record<string, { id: string; number: string }> = {};

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 120 });
    ({ core, url, page } = shop);
    // Two mini-program orders from last week: one paid with a fee above WeChat's 0.6%, one whose money never came.
    const day = 86_400_000;
    for (const [ext, total, ago] of [['MPE2E001', 10000, 5], ['MPE2E002', 6600, 6]] as const) {
      const at = Date.now() - ago * day;
      const ctx = { ...core.ctx, clock: { now: () => at, iso: () => new Date(at).toISOString() } };
      const o = core.writes.runNow(() => createOrder(ctx, {
        channel: 'miniprogram', externalId: ext, total: { amount: total, currency: 'CNY' }, lines: [{ sku: 'WH-0001', qty: 1 }],
        shipTo: { name: '周晓东', phone: '13912345678', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路8号', postcode: '518000' },
      }, { id: 'system:test', role: 'admin' }));
      ids[ext] = { id: o.orderId, number: core.db.prepare('SELECT number FROM orders WHERE id = ?').pluck().get(o.orderId) as string };
    }
  });
  afterAll(async () => shop?.close());

  it('finance imports a WeChat bill, sees the fee difference and the overdue orders, and no full phone number', async () => {
    const bill = join(shop.dir, 'wechat-ALL-this-week.csv');
    const paidAt = new Date(Date.now() - 5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    writeFileSync(bill, wechatAllBill([
      { time: paidAt, txn: '4200000001202612010001', orderNo: 'MPE2E001', settle: '100.00', fee: '2.00' },
      { time: paidAt, txn: '4200000001202612010002', orderNo: 'MP-NO-SUCH', settle: '12.00', fee: '0.07' },
      { time: paidAt, txn: '4200000001202612010003', orderNo: 'MPE2E002', settle: 'x', fee: '0.40' },
    ]));
    const money = new MoneyPage(page, url);
    await money.login('FN-4001');
    const report = await money.importStatement('wechat', bill);
    await expect.poll(() => report.textContent()).toContain('3 rows read: 2 added');
    expect(await report.textContent()).toContain('row 4, 应结订单金额');

    // The fee is above the demo's 0.6% rule for WeChat: an open difference, with its cause.
    await money.tab(`differences/${ids.MPE2E001!.id}`);
    const detail = page.locator('[data-testid=order-money]');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(ids.MPE2E001!.number);
    const fee = detail.locator('[data-testid=order-differences] tr[data-cause=fee]');
    await expect.poll(() => fee.textContent()).toContain('Platform fee');
    expect(await fee.textContent()).toContain('2.00 CNY');
    expect(await detail.locator('[data-testid=order-rows]').textContent()).toContain('`MPE2E001');
    await expect.poll(() => page.locator('[data-testid=differences]').textContent()).toContain(ids.MPE2E001!.number);
    await page.screenshot({ path: join(artifacts, 'money-differences.png') });

    // The order whose money never came (its bill row did not read) is overdue past 小程序's D+1.
    await money.tab('overdue');
    const overdue = page.locator('[data-testid=orders-overdue]');
    await expect.poll(() => overdue.textContent()).toContain(ids.MPE2E002!.number);
    await page.locator('[data-channel=miniprogram] td').first().click();
    await expect.poll(() => overdue.textContent()).toContain('miniprogram · MPE2E002');
    // the list re-renders when the feed reports the import's last writes: scroll to whichever is there then
    await expect.poll(() => overdue.scrollIntoViewIfNeeded({ timeout: 1000 }).then(() => true, () => false)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'money-overdue.png') });

    // Money with no order waits in its own queue.
    await money.tab('unmatched');
    await expect.poll(() => page.locator('[data-testid=unmatched-rows]').textContent()).toContain('MP-NO-SUCH');

    // Nowhere on the Money screen, nor on the order it links to, is a full phone number.
    for (const tab of ['differences', 'overdue', 'partly', 'unmatched', 'statements', 'rules']) {
      await money.tab(`${tab}/${ids.MPE2E002!.id}`);
      await page.waitForSelector('[data-testid=order-money]');
      expect(await page.locator('body').textContent(), tab).not.toMatch(FULL_PHONE);
    }
    await page.locator('[data-testid=order-money] a.button').click();
    const order = page.locator('[data-testid=order-detail]');
    await expect.poll(() => order.textContent()).toContain('139******78');
    expect(await page.locator('body').textContent()).not.toMatch(FULL_PHONE);
  });

  it('finance sees profit after fees per channel and on an order', async () => {
    // MPE2E001: 100.00 arrived less a 2.00 fee; one WH-0001 at the demo's cost of 6.00: profit 92.00, 92.0%.
    await page.goto(`${url}/#/money/profit/${ids.MPE2E001!.id}`);
    const lines = page.locator('[data-testid=order-profit]');
    await expect.poll(() => lines.locator('[data-testid=order-profit-total]').textContent()).toContain('92.00 CNY · 92.0%');
    expect(await lines.textContent()).toContain('shipping cost unknown');
    const table = page.locator('[data-testid=profit-by-channel]');
    const mini = table.locator('tr[data-channel=miniprogram]');
    await expect.poll(() => mini.count()).toBe(1);
    expect(await table.locator('thead').textContent()).toContain('Cost unknown (orders)');
    expect(Number(await mini.locator('td').nth(1).textContent())).toBeGreaterThan(2);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'money-profit.png') });
  });

  it('reads the same in Chinese', async () => {
    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.goto(`${url}/#/money/differences`);
    await expect.poll(() => page.locator('nav').textContent()).toContain('资金');
    await expect.poll(() => page.locator('[data-testid=channel-totals]').textContent()).toContain('逾期未到账');
    await page.screenshot({ path: join(artifacts, 'money-zh.png') });
    await page.goto(`${url}/#/money/profit/${ids.MPE2E001!.id}`);
    await expect.poll(() => page.locator('[data-testid=profit-by-channel]').textContent()).toContain('成本未知（订单数）');
    await expect.poll(() => page.locator('[data-testid=order-profit]').textContent()).toContain('运费成本未知');
    await page.locator('[data-testid=profit-by-channel]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'money-profit-zh.png') });
  });
});
