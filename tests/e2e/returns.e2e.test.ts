// The return bench in Chromium with a keyboard-wedge scanner and Chromium's fake camera: an
// operator scans a return waybill, grades one unit sellable and one damaged with a photo, sees
// stock go up by exactly one in the right bin and the refund wait for approval; a parcel with no
// request opens an unknown return found again by its waybill; the reasons report; the bench's serial
// scanner on a pty feeding the return bench in returns mode, never the pack workflow.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { createReturn } from '../../src-main/core/modules/returns/actions/create-return';
import { returnAction } from '../../src-main/core/modules/returns/actions/return-action';
import { CHROMIUM, launchBrowser } from './browser';
import { OrdersPage, PackPage, wedgeScan } from './pages';
import type { CallContext } from '../../src-main/station/bridge';
import type { PackView } from '../../src-main/contract/pack';
import { openE2eShop, artifacts, type E2eShop } from './shop';

const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const SYSTEM = { id: 'system:test', role: 'admin' };

/** The return bench and the Returns screens, as a person uses them. */
class ReturnsPage {
  constructor(private readonly page: Page, private readonly url: string) {}
  async bench() {
    await this.page.locator('nav.nav a[href="#/returns"]').click();
    await this.page.locator('a[href="#/returns/bench"]').click();
    await this.page.waitForSelector('[data-testid=return-bench]');
  }
  async scan(code: string) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wedgeScan(this.page, code);
  }
  banner = () => this.page.locator('[data-testid=banner] .bench-say').textContent();
  async grade(g: string) {
    await this.page.locator(`[data-testid=grade-buttons] [data-grade=${g}]`).click();
  }
}

describe(`Return bench in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 400, bench: true, browserArgs: FAKE_CAMERA });
    ({ core, url, page } = shop);
  }, 90_000);
  afterAll(async () => shop?.close());

  /** A shipped demo order of at least two units, every SKU with a unit barcode, with a return on its way. */
  function returnOnItsWay(waybill = 'SF7700000001'): { number: string; waybill: string; codes: string[]; bins: string[]; skuIds: string[] } {
    const o = core.db.prepare(`
      SELECT o.id FROM orders o WHERE o.state = 'shipped' AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.id)
        AND (SELECT SUM(qty) FROM order_lines l WHERE l.order_id = o.id) >= 2
        AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND NOT EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1))
      ORDER BY o.id LIMIT 1`).get() as { id: string };
    const units = (core.db.prepare(`
      SELECT (SELECT code FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1 LIMIT 1) code, locations.code bin, l.sku_id, l.qty
      FROM order_lines l JOIN skus ON skus.id = l.sku_id JOIN locations ON locations.id = skus.location_id WHERE l.order_id = ? ORDER BY l.id`).all(o.id) as { code: string; bin: string; sku_id: string; qty: number }[])
      .flatMap((u) => Array.from({ length: u.qty }, () => u));
    const r = core.writes.runNow(() => {
      const created = createReturn(core.ctx, { order: o.id, reason: 'size_too_small' }, SYSTEM);
      returnAction(core.ctx, created.id, 'approve', {}, SYSTEM);
      return returnAction(core.ctx, created.id, 'mark_in_transit', { waybill }, SYSTEM);
    });
    return { number: r.number, waybill, codes: units.map((u) => u.code), bins: units.map((u) => u.bin), skuIds: units.map((u) => u.sku_id) };
  }
  const onHand = (skuId: string, bin: string) =>
    core.db.prepare('SELECT on_hand FROM inventory JOIN locations ON locations.id = inventory.location_id WHERE sku_id = ? AND locations.code = ?').pluck().get(skuId, bin) as number;

  it('receives a return by its waybill, grades a sellable and a damaged unit with a photo, restocks one in its bin, and the refund waits for approval', async () => {
    const rma = returnOnItsWay();
    await new OrdersPage(page, url).login('OP-1001');
    const bench = new ReturnsPage(page, url);
    await bench.bench();
    await bench.scan(rma.waybill);
    await expect.poll(() => page.locator('[data-testid=rma-number]').textContent()).toBe(rma.number);
    expect(await bench.banner()).toContain('received');

    // the first unit: sellable, back on hand in its bin, exactly one
    const before = onHand(rma.skuIds[0]!, rma.bins[0]!);
    await bench.scan(rma.codes[0]!);
    await page.waitForSelector('[data-testid=grade-buttons]');
    await bench.grade('sellable');
    await expect.poll(() => bench.banner()).toBe(`Put it back in bin ${rma.bins[0]}`);
    expect(onHand(rma.skuIds[0]!, rma.bins[0]!)).toBe(before + 1);

    // the second unit: damaged, with a photo from the bench camera (Chromium's fake camera)
    await page.locator('[data-action=camera-on]').click();
    await page.waitForFunction(() => (document.querySelector('video.bench-camera') as HTMLVideoElement | null)?.videoWidth ?? 0 > 0);
    await page.locator('[data-action=take-photo]').click();
    await page.waitForSelector('[data-testid=photo-ready]');
    const stockOfSecond = onHand(rma.skuIds[1]!, rma.bins[1]!);
    await bench.scan(rma.codes[1]!);
    await page.waitForSelector('[data-testid=grade-buttons]');
    await bench.grade('damaged');
    await page.waitForSelector('[data-testid=graded-units] tr[data-grade=damaged] img');
    expect(onHand(rma.skuIds[1]!, rma.bins[1]!)).toBe(stockOfSecond); // a damaged unit is not put back
    const photo = core.db.prepare("SELECT photo FROM return_units WHERE grade = 'damaged' AND photo IS NOT NULL ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(existsSync(join(shop.dir, 'returns', 'photos', photo))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'returns-bench.png') });

    // every unit accounted for: finish; then customer service resolves and sees the refund to approve
    const left = rma.codes.length - 2;
    await page.locator('[data-action=finish]').click();
    await expect.poll(() => bench.banner()).toContain('inspected');
    if (left > 0) expect(core.db.prepare("SELECT COUNT(*) FROM return_units WHERE grade = 'missing' AND return_id = (SELECT id FROM returns WHERE number = ?)").pluck().get(rma.number)).toBe(left);
    await page.locator('[data-testid=open-detail]').click();
    await page.waitForSelector('[data-testid=return-detail][data-state=inspected]');
    await page.locator('[data-action=resolve]').click();
    await page.waitForSelector('[data-testid=return-detail][data-state=resolved]');
    await expect.poll(() => page.locator('[data-testid=refund-state]').textContent()).toBe('Waiting for approval');
    await expect(page.locator('[data-action=approve-refund]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(artifacts, 'returns-detail.png'), fullPage: true });
  }, 90_000);

  it('a parcel with no request opens an unknown return, found again by its waybill', async () => {
    const bench = new ReturnsPage(page, url);
    await bench.bench();
    await bench.scan('ZT4455667788');
    await expect.poll(() => bench.banner()).toMatch(/No request found: RMA-\d+ opened as an unknown return/);
    const number = (await page.locator('[data-testid=rma-number]').textContent())!;
    await page.locator('nav.nav a[href="#/returns"]').click();
    await page.fill('input[name=q]', 'ZT4455667788');
    await page.press('input[name=q]', 'Enter');
    await expect.poll(() => page.locator('[data-testid=returns-table] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=returns-table] tbody tr').getAttribute('data-rma')).toBe(number);
    await page.screenshot({ path: join(artifacts, 'returns-list.png') });
  }, 60_000);

  it('the reasons report says why things come back', async () => {
    await page.goto(`${url}/#/returns/report`);
    await page.waitForSelector('[data-testid=by-reason] tr');
    const reasons = await page.locator('[data-testid=by-reason] tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')));
    expect(reasons).toEqual(expect.arrayContaining(['size_too_small']));
    const shares = await page.locator('[data-testid=by-reason] td.num b').allTextContents();
    const sum = shares.reduce((n, s) => n + Number(s.replace('%', '')), 0);
    expect(sum).toBeGreaterThanOrEqual(97); // rounded shares of the whole
    expect(sum).toBeLessThanOrEqual(103);
    await page.screenshot({ path: join(artifacts, 'returns-report.png'), fullPage: true });
    await page.goto(`${url}/#/settings/returns`);
    await page.waitForSelector('[data-testid=settings-returns]');
    await page.screenshot({ path: join(artifacts, 'returns-settings.png') });
  }, 60_000);
  it("the bench's serial scanner feeds the open Return bench (returns mode), never the pack workflow, and packs again once it is left", async () => {
    const sim = shop.sim!;
    const bridge = shop.station!.bridge;
    const watcher: CallContext = { user: { id: 'u-test', name: 'Test', role: 'admin' }, token: '', via: 'test' };
    const packView = async () => ((await bridge.call('pack.view', {}, watcher)) as { result: PackView }).result;
    const rma = returnOnItsWay('SF7700000002');
    const bench = new ReturnsPage(page, url);
    await bench.bench();
    await page.waitForSelector('[data-testid=return-bench][data-scanners=here]');
    const before = await packView();
    expect(before.mode).toMatchObject({ kind: 'returns', by: { name: expect.any(String) } });

    // the parcel and a unit, scanned with the serial scanner on its pty
    await sim.scanner.scan(rma.waybill);
    await expect.poll(() => page.locator('[data-testid=rma-number]').textContent()).toBe(rma.number);
    const stock = onHand(rma.skuIds[0]!, rma.bins[0]!);
    await sim.scanner.scan(rma.codes[0]!);
    await page.waitForSelector('[data-testid=grade-buttons]');
    await bench.grade('sellable');
    await expect.poll(() => bench.banner()).toBe(`Put it back in bin ${rma.bins[0]}`);
    expect(onHand(rma.skuIds[0]!, rma.bins[0]!)).toBe(stock + 1);
    await page.screenshot({ path: join(artifacts, 'returns-bench-scanner.png') });

    // the pack workflow saw none of it; other screens got the scans blanked; pack input is refused meanwhile
    expect((await packView()).lastScan?.seq ?? null).toBe(before.lastScan?.seq ?? null);
    const { lastScans } = ((await bridge.call('devices.status', {}, watcher)) as { result: { lastScans: { source: string; code: string }[] } }).result;
    expect(lastScans.find((x) => x.source === 'sim-scanner')?.code).toMatch(/^•+$/);
    const lead: CallContext = { user: { id: 'u-lead-test', name: 'Lead', role: 'lead', sessionId: 's-lead-test' }, token: '', via: 'test' };
    expect(await bridge.call('pack.scan', { code: rma.codes[1]! }, lead)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // a lead's Pack screen in another browser says who has the scanners
    const leadBrowser = await launchBrowser();
    try {
      const leadPage = leadBrowser.context.pages()[0] ?? (await leadBrowser.context.newPage());
      await new OrdersPage(leadPage, url).login('LD-2001');
      await new PackPage(leadPage, url).open();
      await leadPage.waitForSelector('[data-testid=returns-mode] [data-action=back-to-packing]');
      await leadPage.screenshot({ path: join(artifacts, 'pack-returns-mode.png') });
    } finally {
      await leadBrowser.close();
    }
    expect((await packView()).mode.kind).toBe('returns'); // that screen closing changed nothing

    // leaving the Return bench gives the scanners back to packing
    await page.locator('[data-action=finish]').click();
    await expect.poll(() => bench.banner()).toContain('inspected');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(async () => (await packView()).mode.kind).toBe('pack');
    await page.waitForSelector('[data-testid=returns-mode]', { state: 'detached' });
    await expect.poll(() => pack.phase()).toBe('idle'); // the screen's user is on the bench again
    await sim.scanner.scan('NOT-A-CODE-42');
    await expect.poll(async () => (await packView()).lastScan?.code).toBe('NOT-A-CODE-42');
  }, 90_000);
});
