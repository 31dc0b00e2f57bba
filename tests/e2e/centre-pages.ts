// Page model of the command centre and the wall screen (tests say what a person does).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifacts } from './shop';

export class CentrePage {
  constructor(readonly page: Page, private readonly url: string) {}

  async login(badge: string, tab = 'floor') {
    await this.page.goto(`${this.url}/#/centre/${tab}`);
    await this.page.fill('input[name=badge]', badge);
    await this.page.press('input[name=badge]', 'Enter');
    await this.page.waitForSelector('.centre');
  }

  async open(tab: string, ready: string) {
    await this.page.goto(`${this.url}/#/centre/${tab}`);
    await this.page.waitForSelector(ready);
  }

  tile(key: string) {
    return this.page.locator(`[data-kpi="${key}"] .tile-value`);
  }

  /** The screen in both languages at a laptop's and a TV's size: tests/.artifacts/<name>-<lang>-<w>x<h>.png. */
  async screenshots(name: string, ready: string): Promise<string[]> {
    const files: string[] = [];
    for (const lang of ['en', 'zh-CN']) {
      await this.page.evaluate((l) => localStorage.setItem('pl_lang', l), lang);
      await this.page.reload();
      await this.page.waitForSelector(ready);
      for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
        await this.page.setViewportSize({ width: w, height: h });
        await this.page.waitForTimeout(400); // charts resize to the new width
        await this.page.evaluate(() => document.fonts.ready); // the CJK font, fetched when Chinese first shows
        const file = join(artifacts, `centre-${name}-${lang}-${w}x${h}.png`);
        await this.page.screenshot({ path: file });
        files.push(file);
      }
    }
    await this.page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    return files;
  }
}
