// The Pack screen an operator can read (issue 13, items 11 and 12), in Chromium through the bench
// station's WebSocket with the simulated scanner, scale and printer: the wrong-item and
// unknown-code banners and the stop are readable (WCAG contrast of the text on its background,
// computed from the CSS Chromium applies, >= 4.5:1), in English and in Chinese after switching the
// language on the Settings screen; the stop says the order number and the lead's reason; a scan
// during the stop is shown and sounded; the scale is neutral when empty and green only in band.
// Screenshots go to tests/.artifacts (the machine has no CJK fonts: Chinese shows as boxes there;
// the contrast is computed from colours, not glyphs).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import type { SimulatedBench } from '../../src-main/devices';
import { CHROMIUM } from './browser';
import { contrastOf } from './contrast';
import { OrdersPage, PackPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';


/** Every sound and utterance of the screen, as its feedback module announces them. */
async function listen(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { heard: unknown[] };
    w.heard = [];
    window.addEventListener('packline:feedback', (e) => w.heard.push((e as CustomEvent).detail));
  });
}
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: { sound?: string; speech?: { text: string; lang: string } }[] }).heard);

describe(`A Pack screen the operator can read, in English and Chinese (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let sim: SimulatedBench;
  let page: Page;
  let pack: PackPage;
  /** the order the lead cancelled in the Chinese test */
  let cancelled: { id: string; number: string } | null = null;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 30, orders: 40, bench: true });
    ({ core, url, page } = shop);
    sim = shop.sim!;
    await new OrdersPage(page, url).login('OP-1001');
    pack = new PackPage(page, url);
    await pack.open();
    await page.waitForSelector('.bench[data-phase=idle]'); // the screen's user is on the bench
  }, 90_000);
  afterAll(async () => shop?.close());

  /** A weighed product with a one-unit barcode, and one other such product. */
  function products(): { sku: string; code: string; weight: number }[] {
    return core.db.prepare(`SELECT k.sku, (SELECT code FROM barcodes b WHERE b.sku_id = k.id AND b.units = 1 LIMIT 1) AS code, k.unit_weight_g AS weight FROM skus k
      WHERE k.unit_weight_g > 0 AND EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = k.id AND b.units = 1) AND (SELECT SUM(on_hand - reserved) FROM inventory i WHERE i.sku_id = k.id) > 10
      ORDER BY k.sku LIMIT 2`).all() as { sku: string; code: string; weight: number }[];
  }

  let n = 0;
  async function newOrder(sku: string, qty: number): Promise<{ id: string; number: string }> {
    const lead = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()) as { token: string };
    const r = await fetch(`${url}/api/orders`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${lead.token}`, 'Idempotency-Key': `e2e-readable-${++n}` },
      body: JSON.stringify({ channel: 'shop', externalId: `E2E-R${n}`, carrier: core.db.prepare('SELECT carrier FROM waybill_ranges LIMIT 1').pluck().get(), shipTo: { name: '赵六', phone: '13700001111', country: 'CN', city: '上海市', address1: '浦东新区世纪大道100号' }, lines: [{ sku, qty }] }),
    });
    expect(r.status).toBe(201);
    return (await r.json()) as { id: string; number: string };
  }

  async function freeBench() {
    if ((await pack.phase()) !== 'idle' || (await pack.stop().count()) > 0) await pack.scan('PL-CMD-SKIP');
    await expect.poll(() => pack.phase()).toBe('idle');
  }

  async function switchLanguage(label: string) {
    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: label }).click();
    await pack.open();
  }

  /** The wrong-item and the unknown-code banners: what they say, that they are readable, and a screenshot of each. */
  async function bannersIn(lang: 'en' | 'zh') {
    await freeBench();
    const [mine, other] = products();
    const order = await newOrder(mine!.sku, 2);
    await pack.scan(order.number);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(order.number);

    await pack.scan(other!.code); // a product the shop knows, not in this order
    await expect.poll(() => pack.banner().getAttribute('class')).toContain('bad');
    await expect.poll(() => pack.banner().textContent()).toContain(lang === 'en' ? `is not in order ${order.number}` : `不在订单 ${order.number} 中`);
    for (const part of ['.bench-say', '.bench-do']) {
      const c = await contrastOf(page, `[data-testid=banner] ${part}`);
      expect(c.ratio, `${lang} wrong-item banner ${part}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: join(artifacts, `pack-wrong-item-${lang}.png`) });

    await pack.scan('DAMAGED-7731'); // a label nobody can read back: not a product, an order or a command
    await expect.poll(() => pack.banner().textContent()).toContain(lang === 'en' ? 'code DAMAGED-7731 is not known' : '条码 DAMAGED-7731 无法识别');
    const text = (await pack.banner().textContent())!;
    expect(text).toMatch(lang === 'en' ? /check the label and scan again.*aside for the lead/ : /检查标签后重新扫描.*交给主管/);
    expect(text).not.toMatch(/take it out of the box|从箱中取出/);
    for (const part of ['.bench-say', '.bench-do']) {
      const c = await contrastOf(page, `[data-testid=banner] ${part}`);
      expect(c.ratio, `${lang} unknown-code banner ${part}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: join(artifacts, `pack-unknown-code-${lang}.png`) });
    return { order, mine: mine! };
  }

  it('the wrong-item and unknown-code banners are readable in English and say which is which', async () => {
    await bannersIn('en');
  }, 60_000);

  it('the scale shows a dash with nothing on it, green inside the band, amber below it and red above it', async () => {
    await freeBench();
    sim.scale.remove(50);
    const [mine] = products();
    const order = await newOrder(mine!.sku, 3);
    await pack.scan(order.number);
    await pack.scan(mine!.code); // one of three: the band is that of the items in the box so far
    const scale = page.locator('[data-testid=weight]');
    await expect.poll(() => scale.getAttribute('data-state')).toBe('empty');
    expect(await scale.locator('.weight-number').textContent()).toMatch(/^—/);
    expect(await scale.textContent()).not.toMatch(/\b0 g|stable/);
    const colour = () => scale.locator('.weight-number').evaluate((el) => getComputedStyle(el).color);
    const muted = await colour();

    const text = (await scale.textContent())!;
    const [, min, max] = /\((\d+)–(\d+) g\)/.exec(text)!.map(Number);
    sim.scale.place(Math.round((min! + max!) / 2), 100);
    await expect.poll(() => scale.getAttribute('data-state'), { timeout: 5000 }).toBe('band-in');
    expect(await colour()).toBe('rgb(22, 101, 52)'); // green
    expect(min).toBeGreaterThan(45);
    sim.scale.place(min! - 20, 100);
    await expect.poll(() => scale.getAttribute('data-state'), { timeout: 5000 }).toBe('band-under');
    expect(await colour()).toBe('rgb(146, 64, 14)'); // amber
    sim.scale.place(max! + 200, 100);
    await expect.poll(() => scale.getAttribute('data-state'), { timeout: 5000 }).toBe('band-over');
    expect(await colour()).toBe('rgb(153, 27, 27)'); // red
    expect(muted).not.toBe('rgb(22, 101, 52)');
    sim.scale.remove(50);
    await expect.poll(() => scale.getAttribute('data-state'), { timeout: 5000 }).toBe('empty');
  }, 60_000);

  it('in Chinese: the banners are readable and translated; a cancel stop shows the order number and the reason, and a scan during it is shown, sounded and spoken in Chinese', async () => {
    // The language button's own label is drawn in letters, not boxes: with the app's font last in the
    // list, Chromium drew this 0.9rem label as boxes on a PC with no CJK font (widths 34.5 against 57.6 px).
    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: '简体中文' }).waitFor();
    await page.evaluate(() => document.fonts.load('16px "Packline Sans SC"', '中'));
    const widths = (await page.evaluate(`(() => {
      const chip = [...document.querySelectorAll('button')].find((b) => b.textContent === '简体中文');
      const style = getComputedStyle(chip);
      const width = (family) => {
        const s = document.createElement('span');
        s.style.cssText = 'position:absolute;white-space:nowrap;font-size:' + style.fontSize;
        s.style.fontFamily = family;
        s.textContent = '简体中文';
        document.body.appendChild(s);
        const w = s.getBoundingClientRect().width;
        s.remove();
        return w;
      };
      return { drawn: width(style.fontFamily), shipped: width('"Packline Sans SC"') };
    })()`)) as { drawn: number; shipped: number };
    expect(widths.drawn).toBeCloseTo(widths.shipped, 0);
    await switchLanguage('简体中文');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Chinese is drawn with the app's own font where the PC has none (this machine has no CJK font)
    const shipped = await page.evaluate(async () => (await document.fonts.load('16px "Packline Sans SC"', '打包台')).length > 0 && document.fonts.check('16px "Packline Sans SC"', '打包台'));
    expect(shipped).toBe(true);
    const { order, mine } = await bannersIn('zh');
    cancelled = order;

    await listen(page);
    const lead = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()) as { token: string };
    const r = await fetch(`${url}/api/orders/${order.id}/actions/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${lead.token}` }, body: JSON.stringify({ reason: '客户来电取消 customer called' }) });
    expect(r.status).toBe(200);
    await expect.poll(() => pack.stop().isVisible(), { timeout: 5000 }).toBe(true);
    const stop = pack.stop();
    expect(await stop.locator('.stop-message').textContent()).toBe(`停止：订单 ${order.number} 已取消`);
    expect(await stop.textContent()).not.toContain(order.id);
    expect(await stop.locator('[data-testid=stop-reason]').textContent()).toBe('原因：客户来电取消 customer called');
    for (const part of ['.stop-title', '.stop-message', '.stop-action']) {
      const c = await contrastOf(page, `[data-testid=stop] ${part}`);
      expect(c.ratio, `stop ${part}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
    }

    // refused: the order must not ship; only a lead's badge lifts the stop, so the code is not shown
    await pack.scan(mine.code);
    await expect.poll(() => stop.locator('[data-testid=stop-refused]').textContent()).toBe('未被接受：打包台已停止，需主管扫描工牌');
    const c = await contrastOf(page, '[data-testid=stop-refused]');
    expect(c.ratio).toBeGreaterThanOrEqual(4.5);
    await expect.poll(async () => (await heard(page)).some((h) => h.sound === 'error')).toBe(true);
    const spoken = (await heard(page)).flatMap((h) => (h.speech ? [h.speech] : []));
    expect(spoken.at(-1)).toMatchObject({ lang: 'zh-CN', text: '未被接受：打包台已停止，需主管扫描工牌' });
    expect(spoken.some((s) => s.text.startsWith('订单已取消') && s.text.includes(order.number))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'pack-stop-zh.png') });
    await pack.scan('LD-2001'); // the lead's badge lifts the stop
    await expect.poll(() => pack.stop().count()).toBe(0);
    await switchLanguage('English');
  }, 60_000);

  it("the order's history names who did what in words (not usr_... and start_packing), in English and Chinese", async () => {
    expect(cancelled).not.toBeNull();
    const orders = new OrdersPage(page, url);
    await orders.scan(cancelled!.number);
    const history = (await orders.detail()).locator('ol.history');
    await expect.poll(() => history.textContent()).toContain('Packing started');
    let text = (await history.textContent())!;
    expect(text).toContain('王芳 Wang Fang'); // the operator whose scan started packing
    expect(text).toMatch(/Cancelled[^]*陈静 Chen Jing/);
    expect(text).not.toMatch(/usr_|start_packing|order\./);
    await page.screenshot({ path: join(artifacts, 'order-history-en.png') });

    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: '简体中文' }).click();
    await orders.scan(cancelled!.number);
    await expect.poll(() => history.textContent()).toContain('开始打包');
    text = (await history.textContent())!;
    expect(text).toMatch(/已取消[^]*陈静 Chen Jing/);
    expect(text).not.toMatch(/usr_|start_packing/);
    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: 'English' }).click();
  }, 60_000);
});
