// Settings -> Benches in Chromium: a lead sees the demo's benches (two paired in Guangzhou, one
// waiting in Chengdu), creates a bench in a warehouse and its one-time code (with its QR), moves it
// to another warehouse (Settings -> Warehouses shows it there), and the bench page pairs this bench with that code: the bench
// takes the new name and the list shows it paired; the same code again is refused in words. In
// English and in Chinese; screenshots in tests/.artifacts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM } from './browser';
import { artifacts, openE2eShop, type E2eShop } from './shop';
import { listBenches } from '../../src-main/core/modules/benches/queries';

async function openBenches(page: Page, url: string, badge: RegExp) {
  await page.goto(`${url}/#/settings/benches`);
  await page.getByRole('button', { name: badge }).click();
  await page.goto(`${url}/#/settings/benches`);
  await page.waitForSelector('[data-testid=benches]');
}

describe(`Settings -> Benches in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    shop = await openE2eShop({ skus: 7, orders: 5, bench: true });
  });
  afterAll(async () => shop?.close());

  it('a lead creates a bench and its code; the bench page pairs with it once', async () => {
    const { page, url } = shop;
    await openBenches(page, url, /LD-2001/);
    const rows = page.locator('[data-testid=benches] tbody tr');
    await expect.poll(() => rows.count()).toBe(3); // the demo's two paired benches in Guangzhou, cd-bench-1 waiting in Chengdu
    expect(await rows.first().textContent()).toContain('Paired');
    expect(await page.locator('[data-testid=benches] tbody tr', { hasText: 'cd-bench-1' }).locator('select').inputValue()).toBe('CD');

    await page.fill('input[name=name]', 'Bench 3 returns corner');
    await page.selectOption('select[name=warehouse]', 'CD');
    await page.fill('input[aria-label="Label printer"]', 'tcp://192.168.1.53:9100');
    await page.getByRole('button', { name: 'Create the bench and a code' }).click();
    const code = (await page.locator('[data-testid=code]').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await page.locator('[data-testid=pairing-line]').textContent()).toBe(`packline-pair:${code}@${url.replace('127.0.0.1', '127.0.0.1')}`);
    expect(await page.locator('[data-testid=pairing-code] img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await expect.poll(() => rows.count()).toBe(4);
    const made = page.locator('[data-testid=benches] tbody tr', { hasText: 'Bench 3 returns corner' });
    await expect.poll(() => made.locator('select').inputValue()).toBe('CD');
    await page.screenshot({ path: join(artifacts, 'benches-code.png'), fullPage: true });

    // moved to Guangzhou (the default warehouse) from its row: Settings -> Warehouses lists it there
    await made.locator('select').selectOption('MAIN');
    await expect.poll(() => listBenches(shop.core.ctx).find((b) => b.name === 'Bench 3 returns corner')?.warehouseCode).toBe('MAIN');
    await page.goto(`${url}/#/settings/warehouses`);
    await expect.poll(() => page.locator('[data-testid=settings-warehouses] tr[data-warehouse=MAIN]').textContent()).toContain('Bench 3 returns corner');
    await page.locator('[data-testid=settings-warehouses] tr[data-warehouse=CD]').click();
    expect(await page.locator('[data-testid=warehouse-benches]').textContent()).toContain('cd-bench-1');
    await page.screenshot({ path: join(artifacts, 'benches-warehouses.png'), fullPage: true });
    await page.goto(`${url}/#/settings/benches`);
    await page.waitForSelector('[data-testid=benches]');

    // the bench page (this bench's station): the code typed once
    expect(await page.locator('[data-testid=this-bench-identity]').textContent()).toContain('not paired yet');
    await page.fill('input[name=pairing]', code.toLowerCase());
    await page.getByRole('button', { name: 'Pair this bench' }).click();
    await expect.poll(() => page.locator('[data-testid=this-bench-identity]').textContent()).toContain('Bench 3 returns corner');
    expect(await page.locator('[data-testid=this-bench]').textContent()).toContain('This bench is now Bench 3 returns corner.');
    await page.reload();
    await page.waitForSelector('[data-testid=benches]');
    const row = page.locator('[data-testid=benches] tbody tr', { hasText: 'Bench 3 returns corner' });
    await expect.poll(() => row.textContent()).toContain('Paired');
    expect(shop.station!.bench.name).toBe('Bench 3 returns corner');

    // the same code again: refused in words
    await page.fill('input[name=pairing]', code);
    await page.getByRole('button', { name: 'Pair this bench' }).click();
    await expect.poll(() => page.locator('[data-testid=this-bench] [role=status]').textContent()).toMatch(/was used already/);
    await page.screenshot({ path: join(artifacts, 'benches-paired.png'), fullPage: true });
  });
});

describe(`Settings -> Benches in Chinese (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  beforeAll(async () => {
    shop = await openE2eShop({ skus: 7, orders: 5, locale: 'zh-CN' });
  });
  afterAll(async () => shop?.close());

  it('says it in 中文, and a code is made there too', async () => {
    const { page, url } = shop;
    await openBenches(page, url, /AD-3001/);
    await page.fill('input[name=name]', '打包台 3');
    await page.getByRole('button', { name: '创建打包台并生成配对码' }).click();
    await page.waitForSelector('[data-testid=pairing-code]');
    expect(await page.locator('[data-testid=pairing-code]').textContent()).toContain('打包台 3 的配对码');
    expect(await page.locator('[data-testid=benches]').textContent()).toContain('已配对');
    await page.screenshot({ path: join(artifacts, 'benches-zh.png'), fullPage: true });
  });
});
