import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SimulatedBench } from '../../src-main/devices';
import { CHROMIUM } from './browser';
import { DevicesPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';

// The Devices screen in Chromium against the headless runtime: the real core, the station's
// WebSocket, and a simulated bench (MT-SICS scale and serial scanner on socat ptys, a ZPL printer
// on TCP), as `npm run serve -- --demo` runs it.


describe(`Devices screen in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let dir: string;
  let bench: SimulatedBench;
  let page: Page;
  let devices: DevicesPage;

  beforeAll(async () => {
    shop = await openE2eShop({
      skus: 20, orders: 20,
      bench: {
        printer: { statusTimeoutMs: 500, probeIntervalMs: 1000 },
        // a USB scale plugged in whose hidraw node this user may not open (this machine has none)
        listHid: async () => [{ vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw-packline-e2e', manufacturer: 'Dymo', product: 'M25 Scale', kind: 'scale' }],
      },
    });
    ({ dir, page } = shop);
    bench = shop.sim!;
    devices = new DevicesPage(page, shop.url);
  });

  afterAll(async () => shop?.close());

  it('shows the simulated scale’s live weight as it changes, and the printer’s state', async () => {
    await devices.open('LD-2001');
    bench.scale.place(1234, 400);
    await expect.poll(() => devices.liveGrams(), { timeout: 5000 }).toMatch(/^1,234 g$/);
    await expect.poll(() => devices.weightStatus()).toBe('Stable');
    bench.scale.place(2750, 600);
    await expect.poll(() => devices.weightStatus(), { timeout: 3000 }).toBe('Moving');
    await expect.poll(() => devices.liveGrams(), { timeout: 5000 }).toBe('2,750 g');
    await expect.poll(() => devices.weightStatus()).toBe('Stable');
    await expect.poll(() => devices.card('labelPrinter').locator('[data-state]').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => devices.card('scale').textContent()).toContain('Simulated mt-sics scale');
  });

  it('lists a device it cannot open with the exact fix', async () => {
    const row = page.locator('[data-testid=found-devices] tr', { hasText: '0922:8003' });
    await expect.poll(() => row.textContent()).toContain('Dymo M25 Scale');
    const fix = await row.locator('.fix pre').textContent();
    expect(fix).toContain('SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0922", ATTRS{idProduct}=="8003", MODE="0660", TAG+="uaccess"');
    expect(fix).toContain('sudo udevadm control --reload-rules && sudo udevadm trigger');
  });

  it('prints a test label: the printer simulator has the job', async () => {
    const before = bench.printer.labels.length;
    await devices.printTestLabel();
    await expect.poll(() => bench.printer.labels.length).toBe(before + 1);
    expect(bench.printer.labels.at(-1)!.text).toMatch(/\^XA[\s\S]*\^XZ/);
    await expect.poll(() => devices.card('labelPrinter').textContent()).toContain('The printer took the test label.');
    await expect.poll(() => page.locator('[data-testid=last-job-labelPrinter]').textContent()).toContain('printed');
  });

  it('shows test scans from the serial scanner and from a keyboard-wedge scanner, fast scans kept apart', async () => {
    // nobody is on the bench, so a scan may be a badge: it shows as one dot per character, never the code
    await bench.scanner.scan('SER-0001', ']C0');
    await expect.poll(() => devices.lastScans().first().textContent()).toContain('••••••••');
    expect(await devices.lastScans().first().textContent()).not.toContain('SER-0001');
    await page.locator('h2').first().click(); // no field focused, as at a bench
    await devices.wedgeScan('WEDGE-000111');
    await devices.wedgeScan('WEDGE-000222');
    await expect.poll(() => devices.lastScans().first().textContent()).toContain('WEDGE-000222');
    const texts = await devices.lastScans().allTextContents();
    expect(texts[1]).toContain('WEDGE-000111');
    expect(texts[1]).toContain('keyboard wedge');
    expect(texts.join('|')).not.toContain('WEDGE-000111WEDGE');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'devices.png') });
  });

  it('a staff badge typed by a keyboard-wedge scanner shows only as "a staff badge" in dots, never in full, not even while checked', async () => {
    // anything on the screen that ever held the badge, however briefly
    await page.evaluate(() => {
      const w = window as unknown as { sawBadge: boolean };
      w.sawBadge = false;
      new MutationObserver(() => void (w.sawBadge ||= document.body.textContent!.includes('OP-1001'))).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('h2').first().click();
    await devices.wedgeScan('OP-1001');
    await expect.poll(() => devices.lastScans().first().textContent()).toContain('a staff badge');
    const badge = await devices.lastScans().first().textContent();
    for (const part of ['•••••••', 'keyboard wedge', '7 characters']) expect(badge).toContain(part);
    expect(await page.locator('[data-testid=devices-screen]').textContent()).not.toContain('OP-1001');
    expect(await page.evaluate(() => (window as unknown as { sawBadge: boolean }).sawBadge)).toBe(false);
    // a code the core knows as nobody's still shows in full
    expect((await devices.lastScans().allTextContents()).join('|')).toContain('WEDGE-000222');
    mkdirSync(artifacts, { recursive: true });
    await devices.card('scanner').screenshot({ path: join(artifacts, 'devices-wedge-badge.png') });
  });

  it('a lead turns on test scans for the serial scanner: a product barcode shows in full with its symbology and length, a staff badge only as "a staff badge"', async () => {
    const test = devices.testScans('sim-scanner');
    await test.toggle();
    await expect.poll(() => test.on()).toBe('true');
    expect(await test.text()).toMatch(/Simulated serial scanner is in test scans until .* \(陈静 Chen Jing\): its scans do not pack/);
    const listed = await devices.lastScans().count();
    await bench.scanner.scan('6901234567892', ']E0');
    await expect.poll(() => devices.lastScans().first().textContent()).toContain('6901234567892');
    const shown = await devices.lastScans().first().textContent();
    for (const part of ['test scan', 'EAN-13 / UPC-A ]E0', '13 characters']) expect(shown).toContain(part);
    await bench.scanner.scan('OP-1001', ']C0');
    await expect.poll(() => devices.lastScans().first().textContent()).toContain('a staff badge');
    const badge = await devices.lastScans().first().textContent();
    expect(badge).toContain('•••••••');
    expect(badge).toContain('7 characters');
    // each scan is one entry, "checking…" first and then its verdict in its place
    expect(await devices.lastScans().count()).toBe(listed + 2);
    expect(badge).toContain('Simulated serial scanner · Code 128 ]C0'); // named as its card names it, not by its id
    expect(await page.locator('[data-testid=devices-screen]').textContent()).not.toContain('OP-1001');
    mkdirSync(artifacts, { recursive: true });
    await devices.card('scanner').screenshot({ path: join(artifacts, 'devices-test-scans.png') });
    // the Pack screen says why the scanner does not pack, and gives it back
    await page.goto(`${shop.url}/#/pack`);
    const banner = page.locator('[data-testid=test-scans]');
    await expect.poll(() => banner.textContent()).toContain('Test scans: 陈静 Chen Jing is testing scanner Simulated serial scanner on the Devices screen');
    expect(await banner.textContent()).not.toContain('sim-scanner');
    await page.screenshot({ path: join(artifacts, 'pack-test-scans.png') });
    await banner.getByRole('button', { name: 'Back to packing' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await page.goto(`${shop.url}/#/devices`);
    await page.waitForSelector('[data-testid=devices-screen]');
    await expect.poll(() => test.on()).toBe('false');
  });

  it('leaves a person’s keys alone: slow typing is no scan, Space still presses a focused button', async () => {
    await page.locator('h2').first().click();
    await page.keyboard.type('TYPED-BY-HAND', { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    expect((await devices.lastScans().allTextContents()).join('|')).not.toContain('TYPED');
    await devices.card('scale').getByRole('button', { name: 'Change' }).focus();
    await page.keyboard.press(' ');
    await page.locator('[data-testid=assign-scale]').waitFor();
    await page.locator('[data-testid=assign-scale]').getByRole('button', { name: 'Cancel' }).click();
  });

  it('says to switch the input method to English when an IME swallows the scanner’s keys', async () => {
    await page.evaluate(() => {
      for (const key of ['Process', 'Process', 'Process']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, isComposing: true, bubbles: true }));
    });
    const warning = page.locator('[data-testid=ime-warning]');
    await expect.poll(() => warning.textContent()).toContain('Switch the keyboard to English');
    await devices.wedgeScan('AFTER-IME-01');
    await expect.poll(() => warning.count()).toBe(0);
  });

  it('a lead chooses the label printer: a bad address is refused naming the field, a good one is saved in the data folder', async () => {
    const card = devices.card('labelPrinter');
    await card.getByRole('button', { name: 'Change' }).click();
    const form = page.locator('[data-testid=assign-labelPrinter]');
    const address = await form.locator('input[name=address]').inputValue();
    await form.locator('input[name=address]').fill('192.168.1.50:9100');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('[role=alert]').textContent()).toMatch(/address: device address "192\.168\.1\.50:9100": unknown scheme/);
    const file = join(dir, 'demo-bench', 'devices.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).labelPrinter.address).toBe(address);

    await form.locator('input[name=address]').fill(address);
    await form.locator('input[name=name]').fill('Bench 1 Zebra');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent()).toContain('Saved in the data folder');
    await expect.poll(() => card.textContent()).toContain('Bench 1 Zebra');
    expect(JSON.parse(readFileSync(file, 'utf8')).labelPrinter).toMatchObject({ name: 'Bench 1 Zebra', address, language: 'zpl' });
    await expect.poll(() => card.locator('[data-state]').getAttribute('data-state'), { timeout: 5000 }).toBe('connected');
  });

  it('sets a serial scale’s port from the form: picking Toledo switches to 7 data bits, even parity', async () => {
    const card = devices.card('scale');
    await card.getByRole('button', { name: 'Change' }).click();
    const form = page.locator('[data-testid=assign-scale]');
    const path = (await form.locator('input[name=address]').inputValue()).replace(/^serial:|\?.*$/g, '');
    await form.locator('select[name=baud]').selectOption('4800');
    await form.locator('select[name=protocol]').selectOption('toledo-8217');
    expect(await form.locator('input[name=address]').inputValue()).toBe(`serial:${path}?baud=4800&dataBits=7&parity=even`);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(JSON.parse(readFileSync(join(dir, 'demo-bench', 'devices.json'), 'utf8')).scale.protocol).toBe('mt-sics');
  });

  it('reads in Chinese', async () => {
    await page.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
    await page.reload();
    await page.waitForSelector('[data-testid=devices-screen]');
    await expect.poll(() => page.locator('nav').textContent()).toContain('设备');
    await expect.poll(() => devices.card('scale').textContent()).toContain('电子秤');
    await expect.poll(() => devices.weightStatus(), { timeout: 5000 }).toBe('稳定');
    await page.screenshot({ path: join(artifacts, 'devices-zh.png') });
  });
});
