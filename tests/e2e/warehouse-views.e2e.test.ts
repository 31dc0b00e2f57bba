// Per-warehouse screens in Chromium on the demo shop (issue 19), in English and 中文: an admin gives
// Chengdu its own ZTO account (月结卡号 and sender) on Settings > Carrier accounts with the warehouse
// picker, and the list shows it beside the shop-wide one; a lead picks Chengdu on the live floor and
// sees Chengdu's floor (the same numbers the API gives for Chengdu), then All again; on the overview
// Chengdu's tiles are GET /api/kpis?warehouse=CD's, the channels' and money tiles say they are the whole shop's.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { CentrePage } from './centre-pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { startKuaidi100Peer, PEER_CUSTOMER, PEER_KEY, PEER_SECRET, type Kuaidi100Peer } from '../../src-main/demo/kuaidi100-peer';
import { floor, readKpis } from '../../src-main/core/modules/board/queries';
import { warehouseIdOf } from '../../src-main/core/modules/locations/queries';

describe(`Per-warehouse screens in Chromium (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let peer: Kuaidi100Peer;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200 });
    ({ core, url, page } = shop);
    peer = await startKuaidi100Peer();
  }, 90_000);
  afterAll(async () => {
    await peer?.close();
    await shop?.close();
  });

  const shot = async (name: string) => {
    for (const lang of ['en', 'zh-CN']) {
      await page.evaluate((l) => localStorage.setItem('pl_lang', l), lang);
      await page.reload();
      await page.locator('[data-testid=carrier-accounts], [data-testid=floor], [data-testid=overview]').first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(artifacts, `${name}-${lang}.png`), fullPage: true });
    }
    await page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    await page.reload();
  };

  it("an admin gives Chengdu its own ZTO account and sender; the list shows it beside the shop-wide one", async () => {
    await new OrdersPage(page, url).login('AD-3001');
    await page.goto(`${url}/#/settings/carrier-accounts`);
    const form = page.locator('[data-testid=carrier-account-form]');
    await form.waitFor();
    await form.locator('select[name=accountWarehouse]').selectOption('CD');
    await form.locator('input[name=carrier]').fill('zto');
    await form.locator('select[name=source]').selectOption('kuaidi100');
    const fields: Record<string, string> = {
      key: PEER_KEY, secret: PEER_SECRET, customer: PEER_CUSTOMER, partnerId: 'ZTO-CD-0028', service: '标准快递', apiBase: peer.url, pollBase: peer.url,
      senderName: '成都仓 发货组', senderPhone: '02885550028', senderAddress: '四川省成都市双流区物流大道18号',
    };
    for (const [k, v] of Object.entries(fields)) await form.locator(`input[name=${k}]`).fill(v);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-testid=carrier-accounts] [role=status]').textContent()).toContain('zto');
    const row = page.locator('[data-testid=carrier-accounts] tr[data-carrier=zto][data-warehouse=CD]');
    await expect.poll(() => row.textContent()).toContain('ZTO-CD-0028');
    expect(await row.textContent()).toContain('成都仓');
    await row.locator('button[data-test=zto]').click();
    await expect.poll(() => page.locator('[data-testid=carrier-accounts] [role=status]').textContent()).toMatch(/Works: Kuaidi100 accepted the key and signature/);
    const cd = warehouseIdOf(core.ctx, 'CD')!;
    expect(core.db.prepare("SELECT partner_id, sender_address, test_ok FROM carrier_accounts WHERE warehouse_id = ? AND carrier = 'zto'").get(cd))
      .toEqual({ partner_id: 'ZTO-CD-0028', sender_address: '四川省成都市双流区物流大道18号', test_ok: 1 });
    // the picker narrows the list to what Chengdu's parcels can use
    await page.locator('[data-testid=carrier-accounts] [data-testid=warehouse-picker]').selectOption('CD');
    await expect.poll(() => page.locator('[data-testid=carrier-accounts] tr[data-carrier]').evaluateAll((rows) => rows.every((r) => ['', 'CD'].includes(r.getAttribute('data-warehouse') ?? '')))).toBe(true);
    await shot('carrier-accounts-warehouse');
    await page.locator('[data-testid=carrier-accounts] [data-testid=warehouse-picker]').selectOption('');
    await page.locator('nav button.ghost').click(); // log out
  }, 90_000);

  it("a lead picks Chengdu on the live floor: Chengdu's numbers, as the API gives them; All is the whole shop", async () => {
    const centre = new CentrePage(page, url);
    await centre.login('LD-2001', 'floor');
    await page.locator('[data-testid=floor]').waitFor();
    await core.board.flush();
    const cd = floor(core.ctx, warehouseIdOf(core.ctx, 'CD')!);
    const all = floor(core.ctx);
    expect(cd.lateTotal).toBeLessThan(all.lateTotal + 1);
    await page.locator('[data-testid=warehouse-picker]').selectOption('CD');
    await expect.poll(() => page.locator('[data-testid=late-total]').textContent()).toBe(String(cd.lateTotal));
    await expect.poll(() => page.locator('[data-testid=risk-total]').textContent()).toBe(String(cd.atRiskTotal));
    await shot('floor-chengdu');
    await page.locator('[data-testid=warehouse-picker]').selectOption('');
    await expect.poll(() => page.locator('[data-testid=late-total]').textContent()).toBe(String(all.lateTotal));
  }, 90_000);

  it("a lead picks Chengdu on the overview: every tile is Chengdu's (GET /api/kpis?warehouse=CD), the shop's own ones say so", async () => {
    const centre = new CentrePage(page, url);
    await centre.open('overview', '[data-testid=overview]'); // still logged in as the lead of the floor test
    await core.board.flush();
    const cd = readKpis(core.ctx, { warehouseId: warehouseIdOf(core.ctx, 'CD')! });
    const all = readKpis(core.ctx);
    expect(cd.backlog).toBeGreaterThan(0);
    expect(cd.backlog).toBeLessThan(all.backlog);
    await page.locator('[data-testid=warehouse-picker]').selectOption('CD');
    const tile = (k: string) => page.locator(`[data-kpi=${k}] .tile-value`);
    await expect.poll(() => tile('backlog').textContent()).toBe(cd.backlog!.toLocaleString('en'));
    expect(await tile('holds').textContent()).toBe(cd.holds!.toLocaleString('en'));
    expect(await tile('late').textContent()).toBe(cd.late!.toLocaleString('en'));
    expect(await page.locator('[data-kpi=channel_success_rate] [data-testid=shop-wide]').textContent()).toBe('whole shop');
    expect(await page.locator('[data-kpi=backlog] [data-testid=shop-wide]').count()).toBe(0);
    await shot('overview-chengdu');
    // the orders behind Chengdu's backlog are Chengdu's
    await page.locator('[data-kpi=backlog]').click();
    await expect.poll(() => page.locator('[data-testid=kpi-value]').textContent()).toBe(cd.backlog!.toLocaleString('en'));
    await page.goto(`${url}/#/centre/overview`);
    await page.locator('[data-testid=warehouse-picker]').selectOption('');
    await expect.poll(() => tile('backlog').textContent()).toBe(all.backlog!.toLocaleString('en'));
  }, 90_000);
});
