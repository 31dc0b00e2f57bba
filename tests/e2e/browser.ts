// Debian's Chromium driven by playwright-core (the Playwright browser download is not possible here).
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(opts: { locale?: string; args?: readonly string[] } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  // Not a skip: npm test installs Chromium (as root with apt) or stops first with the command to run.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install chromium (or set PACKLINE_CHROMIUM)`);
  const dir = mkdtempSync(join(tmpdir(), 'pl-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...(opts.args ?? [])],
    viewport: { width: 1440, height: 900 },
    locale: opts.locale ?? 'en-US',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
