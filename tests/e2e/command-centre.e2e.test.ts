// The command centre in Chromium on the demo shop: the lead's floor (late first, cut-offs rolling,
// live within a second of a parcel), the overview's tiles opening their orders, operator stats
// (own vs all), and a wall TV on a view-only link. Screenshots of each screen at 1366x768 and
// 1920x1080 in English and Chinese go to tests/.artifacts/centre-*.png.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import type { Core } from '../../src-main/core/core';
import { readKpis } from '../../src-main/core/modules/board/queries';
import { startPacking } from '../../src-main/core/modules/packing/actions/start-packing';
import { createParcel } from '../../src-main/core/modules/packing/actions/create-parcel';
import { listUsers } from '../../src-main/core/modules/people/queries';
import { CHROMIUM } from './browser';
import { CentrePage } from './centre-pages';
import { openE2eShop, type E2eShop } from './shop';

/** Packs one allocated order at bench-1 the way the bench does (start, then a labelled parcel). */
async function packOne(core: Core): Promise<void> {
  const ids = core.db.prepare("SELECT id FROM orders WHERE state = 'allocated' ORDER BY id").pluck().all() as string[];
  const who = listUsers(core.ctx).find((u) => u.name === '王芳 Wang Fang')!;
  const actor = { id: who.id, role: who.role, name: who.name };
  for (const id of ids) {
    try {
      await core.writes.run(() => {
        const t = startPacking(core.ctx, id, { bench: 'bench-1' }, actor);
        const measuredG = t.lines.reduce((g, l) => g + (l.unitWeightG ?? 0) * l.qty, 0);
        if (t.lines.some((l) => l.unitWeightG === null)) throw new Error('skip: no weight');
        createParcel(core.ctx, id, { bench: 'bench-1', expectedVersion: t.order.version, boxTypeId: null, items: t.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), measuredG, final: true }, actor);
      });
      return;
    } catch {
      // stock in transit, a SKU without a weight: the next order
    }
  }
  throw new Error('no order could be packed');
}

describe(`Command centre in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let centre: CentrePage;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 300 });
    ({ core, url } = shop);
    await core.board.flush();
    centre = new CentrePage(shop.page, url);
  });
  afterAll(async () => shop?.close());

  it("the lead's floor shows late and at-risk orders first, cut-offs rolling to the next pickup, and a packed parcel within a second", async () => {
    await centre.login('LD-2001', 'floor');
    const page = centre.page;
    const v = readKpis(core.ctx);
    expect(v.late).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=late-total]').textContent()).toBe(String(v.late));
    // Late comes before everything else on the screen.
    const lateBox = await page.locator('.late-list').boundingBox();
    const cutBox = await page.locator('[data-testid=cutoffs]').boundingBox();
    expect(lateBox!.y).toBeLessThan(cutBox!.y);
    // Every carrier with a cut-off shows its next pickup, never "passed ... ago" (orders without a carrier: no cut-off).
    const cards = await page.locator('[data-testid=cutoffs] .cutoff:not([data-carrier="-"]) .when').allTextContents();
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) expect(c).toMatch(/^next pickup (today|tomorrow) \d\d:\d\d/);

    const before = Number(await centre.tile('parcels_today').textContent());
    const t0 = Date.now();
    await packOne(core);
    await expect.poll(() => centre.tile('parcels_today').textContent(), { timeout: 5000, interval: 20 }).toBe(String(before + 1));
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(1000);

    const shots = await centre.screenshots('floor', '[data-testid=floor]');
    expect(shots.every(existsSync)).toBe(true);
  });

  it('the overview: each number opens the orders behind it; charts in both languages', async () => {
    await centre.open('overview', '[data-testid=trend-chart] svg');
    const late = await centre.tile('late').textContent();
    await centre.page.click('[data-kpi=late]');
    await centre.page.waitForSelector('[data-testid=kpi-orders] table');
    expect(await centre.page.locator('[data-testid=kpi-value]').textContent()).toBe(late);
    expect(await centre.page.locator('[data-testid=kpi-orders]').textContent()).toContain('ship-by time has passed');
    expect(await centre.page.locator('[data-testid=kpi-orders] tbody tr').count()).toBe(Math.min(200, Number(late)));

    await centre.open('overview', '[data-testid=trend-chart] svg');
    await centre.screenshots('overview', '[data-testid=age-chart] svg');
    await centre.page.goto(`${url}/#/centre/kpi/late`);
    await centre.screenshots('drilldown', '[data-testid=kpi-orders] table');
  });

  it('operator stats: a lead sees every packer and bench', async () => {
    await centre.open('operators', '[data-testid=packer-stats]');
    const names = await centre.page.locator('[data-testid=packer-stats] tbody td:first-child').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['王芳 Wang Fang', 'Lucas Martin']));
    expect(await centre.page.locator('[data-testid=bench-stats] tbody tr').count()).toBeGreaterThanOrEqual(2);
    await centre.screenshots('operators', '[data-testid=pph-chart] svg');
  });

  it('a wall TV on a view-only link shows the floor large and follows the feed; revoked, it stops', async () => {
    await centre.open('wall', '[data-testid=wall-links]');
    await centre.page.fill('input[name=wall-name]', 'Dock TV 发货区');
    await centre.page.click('[data-testid=wall-links] button[type=submit]');
    const wallUrl = (await centre.page.locator('[data-testid=wall-url]').textContent())!;
    expect(wallUrl).toContain('/#/wall/wall_');
    await centre.screenshots('wall-links', '[data-testid=wall-links] table');

    // A second tab has no session at all (session storage is per tab): the TV.
    const tv = await shop.browser.context.newPage();
    await tv.setViewportSize({ width: 1920, height: 1080 });
    await tv.goto(wallUrl);
    await tv.waitForSelector('[data-testid=wall] [data-testid=floor]');
    const tile = tv.locator('[data-kpi=parcels_today] .tile-value');
    const before = Number(await tile.textContent());
    const t0 = Date.now();
    await packOne(core);
    await expect.poll(() => tile.textContent(), { timeout: 5000, interval: 20 }).toBe(String(before + 1));
    expect(Date.now() - t0).toBeLessThan(1000);
    const wall = new CentrePage(tv, url);
    await wall.screenshots('wall', '[data-testid=wall] [data-testid=floor]');

    await centre.page.click('[data-testid=wall-links] button.secondary');
    await tv.waitForSelector('[data-testid=wall] .alert.error', { timeout: 5000 });
    await tv.close();
  });
});
