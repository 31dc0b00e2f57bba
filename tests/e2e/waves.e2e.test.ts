import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { applyOrderAction } from '../../src-main/core/modules/orders/actions/apply-action';
import { CHROMIUM } from './browser';
import { join } from 'node:path';
import { OrdersPage, WavesPage } from './pages';
import { artifacts, openE2eShop, type E2eShop } from './shop';

describe(`Waves console in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200 });
    ({ core, url, page } = shop);
  });

  afterAll(async () => shop?.close());

  it('builds a wave by rule, saves the rule, releases it to a bench, prints its pick list, and watches it progress', async () => {
    const pool = core.db.prepare("SELECT COUNT(*) FROM orders WHERE state = 'allocated' AND carrier = 'zto' AND warehouse_id = 'wh_default'").pluck().get() as number; // a wave plans in one warehouse: picked on the console
    expect(pool).toBeGreaterThan(5);
    const waves = new WavesPage(page, url);
    await waves.login('LD-2001');
    // "All warehouses" shows every wave but plans none: a wave is in one warehouse.
    await expect.poll(() => page.locator('[data-testid=planner-pick-warehouse]').count()).toBe(1);
    await page.locator('[data-testid=warehouse-picker]').selectOption('MAIN');
    await waves.rule({ carriers: 'zto', capSlots: '5' });
    const preview = await waves.preview();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(1);
    expect(await preview.locator('tbody tr td').nth(1).textContent()).toBe('5');
    expect(await preview.textContent()).toContain(`${pool} match`);
    await waves.saveRule('ZTO five');

    const view = await waves.release('bench-1');
    const wave = core.db.prepare("SELECT id, number, bench_id FROM waves WHERE name = 'ZTO five'").get() as { id: string; number: string; bench_id: string };
    expect(wave.bench_id).toBe('bench-1');
    await expect.poll(() => view.locator('h2').textContent()).toBe(wave.number);
    const members = core.db.prepare("SELECT o.state, o.carrier FROM wave_orders wo JOIN orders o ON o.id = wo.order_id WHERE wo.wave_id = ? ORDER BY wo.slot").all(wave.id) as { state: string; carrier: string }[];
    expect(members).toHaveLength(5);
    expect(members.every((m) => m.state === 'in_wave' && m.carrier === 'zto')).toBe(true);

    // The pick list on screen, in walking order, and as a PDF with the same first bin.
    const rows = view.locator('[data-testid=pick-list] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const firstBin = (await rows.first().locator('td.bin').textContent())!;
    const file = await waves.downloadPickList();
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(wave.number);
    expect(text).toContain(firstBin);

    // The bench packs an order: the wave's progress follows over the change feed.
    const card = waves.waveCard(wave.number);
    await expect.poll(() => card.textContent()).toContain('0/5 packed');
    const first = core.db.prepare('SELECT order_id FROM wave_orders WHERE wave_id = ? AND slot = 1').pluck().get(wave.id) as string;
    await core.writes.run(() => {
      for (const a of ['start_packing', 'mark_packed'] as const) applyOrderAction(core.ctx, first, a, { id: 'system:bench', role: 'operator' });
    });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('1/5 packed');
  });

  it("an admin's refused walking-path pattern is answered beside its form, the field called by its label, and nothing is stored", async () => {
    const before = core.db.prepare("SELECT value FROM settings WHERE key = 'pickPath'").pluck().get() ?? null;
    const admin = await shop.browser.context.newPage(); // a tab of its own: the other test's lead stays logged in there
    try {
      await new OrdersPage(admin, url).login('AD-3001');
      await admin.goto(`${url}/#/settings/waves`);
      const pattern = admin.locator('.settings-waves input[name=pattern]');
      await pattern.fill('^(?<aisle>(a+)+)-$'); // nested quantifiers: refused by the core
      await admin.locator('.settings-waves fieldset.form button.primary').click();
      const answer = admin.locator('[data-testid=path-answer]');
      await expect.poll(() => answer.getAttribute('role')).toBe('alert');
      const text = (await answer.textContent())!;
      expect(text.startsWith('Bin code pattern (regular expression): ')).toBe(true);
      expect(text).not.toContain('pickPath');
      expect(await admin.locator('[data-testid=cutoffs-answer]').count()).toBe(0); // the other form says nothing
      expect(core.db.prepare("SELECT value FROM settings WHERE key = 'pickPath'").pluck().get() ?? null).toEqual(before);
      await admin.screenshot({ path: join(artifacts, 'settings-waves-refused.png'), fullPage: true });
      // a pattern that reads bin codes is saved, and says so in the same place
      await pattern.fill('^(?<zone>[A-Z])-(?<aisle>\\d+)-(?<bay>\\d+)-(?<level>\\d+)$');
      await admin.locator('.settings-waves fieldset.form button.primary').click();
      await expect.poll(() => answer.getAttribute('role')).toBe('status');
      expect(JSON.parse(core.db.prepare("SELECT value FROM settings WHERE key = 'pickPath'").pluck().get() as string).pattern).toBe('^(?<zone>[A-Z])-(?<aisle>\\d+)-(?<bay>\\d+)-(?<level>\\d+)$');
    } finally {
      await admin.close();
    }
  });
});
