// Page models for the end-to-end tests (STYLE.md habit 11): tests say what a person does.
import type { Page, Locator } from 'playwright-core';

/**
 * What a keyboard-wedge scanner does: key events a few ms apart by the scanner's own clock, then
 * Enter (sent through CDP with timestamps, so a loaded machine cannot stretch the burst).
 */
export async function wedgeScan(page: Page, code: string, gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  const keys = [...code].map((ch) => ({ key: ch, text: ch })).concat([{ key: 'Enter', text: '\r' }]);
  for (const [i, k] of keys.entries()) {
    const timestamp = t0 + (i * gapMs) / 1000;
    const vk = k.key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {};
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: k.key, text: k.text, timestamp, ...vk });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, timestamp: timestamp + 0.001, ...vk });
  }
  await cdp.detach();
}

export class OrdersPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async login(badge: string) {
    await this.page.goto(`${this.url}/#/orders`);
    await this.page.fill('input[name=badge]', badge);
    await this.page.press('input[name=badge]', 'Enter');
    await this.page.waitForSelector('[data-testid=orders-table]');
  }

  /** What a keyboard-wedge scanner does: types into the focused field and presses Enter. */
  async scan(code: string) {
    if (!(await this.page.locator('[data-testid=orders-table]').count())) await this.page.goto(`${this.url}/#/orders`);
    const q = this.page.locator('input[name=q]');
    await q.fill(code);
    await q.press('Enter');
    // the list the table shows answers this search, not the one before it
    await this.page.locator('[data-testid=orders-table]').and(this.page.locator(`[data-search="${code.trim().replace(/"/g, '\\"')}"]`)).waitFor();
  }

  async detail(): Promise<Locator> {
    const d = this.page.locator('[data-testid=order-detail]');
    await d.waitFor();
    return d;
  }
}

export class LabelsPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  /** Settings -> Labels, reached the way a person does: the Settings tab, then Labels. */
  async open() {
    await this.page.goto(`${this.url}/#/settings`);
    await this.page.locator('nav.tabs a[href="#/settings/labels"]').click();
    await this.page.locator('[data-testid=label-templates] tbody tr').first().waitFor();
  }

  templateRow(name: string): Locator {
    return this.page.locator(`[data-testid=label-templates] tr[data-name="${name}"]`);
  }

  async pick(name: string) {
    await this.templateRow(name).click();
  }

  async dpi(d: 203 | 300) {
    await this.page.getByRole('button', { name: `${d} dpi` }).click();
  }

  async previewWithOrder(number: string) {
    await this.page.fill('input[name=order]', number);
    await this.page.press('input[name=order]', 'Enter');
  }

  /** The preview image once it has loaded: its source and natural size. */
  async loadedPreview(): Promise<{ src: string; width: number; height: number }> {
    const img = this.page.locator('[data-testid=label-preview-img]');
    await img.waitFor();
    await this.page.waitForFunction(() => {
      const i = document.querySelector('[data-testid=label-preview-img]') as HTMLImageElement | null;
      return !!i && i.complete && i.naturalWidth > 0;
    });
    return img.evaluate((i: HTMLImageElement) => ({ src: i.getAttribute('src') ?? '', width: i.naturalWidth, height: i.naturalHeight }));
  }
}

/** The Devices screen: what a lead does to set up and test a bench. */
export class DevicesPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  /** Logs in with a demo badge button on the login screen and opens Devices. */
  async open(demoBadge: string) {
    await this.page.goto(`${this.url}/#/devices`);
    await this.page.getByRole('button', { name: new RegExp(demoBadge) }).click();
    await this.page.locator('nav a[href="#/devices"]').click();
    await this.page.waitForSelector('[data-testid=devices-screen]');
  }

  card(role: 'scanner' | 'scale' | 'labelPrinter' | 'documentPrinter'): Locator {
    return this.page.locator(`[data-testid=role-${role}]`);
  }

  liveGrams(): Promise<string | null> {
    return this.page.locator('[data-testid=weight-grams]').textContent();
  }

  weightStatus(): Promise<string | null> {
    return this.page.locator('[data-testid=weight-status]').textContent();
  }

  async printTestLabel() {
    await this.page.locator('[data-testid=test-label-labelPrinter]').click();
  }

  lastScans(): Locator {
    return this.page.locator('[data-testid=last-scans] li');
  }

  /** A scanner's test scans: its Test scans / Stop test scans button, and whether they are on ('true'). */
  testScans(scanner: string): { toggle: () => Promise<void>; on: () => Promise<string | null>; text: () => Promise<string | null> } {
    const box = this.page.locator(`[data-testid=test-scans-${scanner}]`);
    return { toggle: () => box.getByRole('button').click(), on: () => box.getAttribute('data-on'), text: () => box.textContent() };
  }

  async wedgeScan(code: string, gapMs = 4) {
    await wedgeScan(this.page, code, gapMs);
  }
}

export class PackPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open() {
    await this.page.goto(`${this.url}/#/pack`);
    await this.page.waitForSelector('[data-testid=banner]');
  }

  /** A keyboard-wedge scanner: a fast burst of keys ending in Enter, with nothing focused. */
  async scan(code: string) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wedgeScan(this.page, code);
  }

  banner = () => this.page.locator('[data-testid=banner]');
  phase = () => this.page.locator('.bench').getAttribute('data-phase');
  stop = () => this.page.locator('[data-testid=stop]');
  lastLabel = () => this.page.locator('[data-testid=last-label]');
  async expectedGrams(): Promise<number | null> {
    const text = (await this.page.locator('[data-testid=weight]').textContent()) ?? '';
    const m = /(?:expected|预计) (\d+)/.exec(text);
    return m ? Number(m[1]) : null;
  }
}

/** The shift lead's Waves console. */
export class WavesPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async login(badge: string) {
    await this.page.goto(`${this.url}/#/waves`);
    await this.page.fill('input[name=badge]', badge);
    await this.page.press('input[name=badge]', 'Enter');
    await this.page.waitForSelector('[data-testid=planner]');
  }

  /** Fills the rule editor's named fields (carriers, capSlots, ...). */
  async rule(fields: Record<string, string>) {
    for (const [name, value] of Object.entries(fields)) await this.page.fill(`[data-testid=planner] input[name=${name}]`, value);
  }

  async preview(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Preview', exact: true }).click();
    const p = this.page.locator('[data-testid=wave-preview]');
    await p.waitFor();
    return p;
  }

  async saveRule(name: string) {
    await this.page.fill('input[name=ruleName]', name);
    await this.page.getByRole('button', { name: 'Save rule' }).click();
    await this.page.locator(`[data-rule="${name}"]`).waitFor();
  }

  async release(bench: string): Promise<Locator> {
    await this.page.fill('input[name=bench]', bench);
    await this.page.locator('[data-testid=release]').click();
    const v = this.page.locator('[data-testid=wave-view]');
    await v.waitFor();
    return v;
  }

  /** Makes the pick list PDF and downloads it; resolves to the file's path. */
  async downloadPickList(): Promise<string> {
    await this.page.locator('[data-testid=pick-pdf]').click();
    const link = this.page.locator('[data-testid=pdf-download]');
    await link.waitFor();
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    return (await download.path())!;
  }

  waveCard(number: string): Locator {
    return this.page.locator(`[data-testid=wave-list] [data-wave="${number}"]`);
  }
}

/** Settings -> Channels: connections, their inbox and the shipment write-backs. */
export class ChannelsPage {
  constructor(private readonly page: Page, private readonly url: string) {}

  async open() {
    await this.page.goto(`${this.url}/#/settings/channels`);
    await this.page.waitForSelector('[data-testid=write-backs]');
  }

  channel = (code: string) => this.page.locator(`[data-testid=channel-${code}]`);
  writeBack = (waybill: string) => this.page.locator('[data-testid=write-backs] tr.write-back', { hasText: waybill });
  async retry(waybill: string) {
    await this.writeBack(waybill).getByRole('button').click();
  }
}
