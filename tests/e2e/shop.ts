// One demo shop for the end-to-end tests: the real core on a fresh data folder, the HTTP server
// with the built web UI, optionally the bench station on a simulated bench (socat ptys, printer
// simulator), and Chromium. `close` stops all of it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openCore, type Core } from '../../src-main/core/core';
import { createHttpServer } from '../../src-main/core/http/server';
import { seedDemo, DEMO_USERS } from '../../src-main/core/demo/seed';
import { ensureFirstAdmin } from '../../src-main/core/bootstrap';
import { startSimulatedBench, type SimulatedBench, type SimulatedBenchOptions } from '../../src-main/devices';
import { startPackingStation } from '../../src-main/station/pack';
import type { Station } from '../../src-main/station/runtime';
import { launchBrowser } from './browser';

export const webRoot = join(import.meta.dirname, '..', '..', 'out', 'web');
export const artifacts = join(import.meta.dirname, '..', '.artifacts');

export interface E2eShop {
  dir: string;
  core: Core;
  url: string;
  page: Page;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** with `fresh`: the first admin's badge code, as `npm run serve` prints it on an empty folder */
  adminBadge?: string;
  /** with `bench`: the simulated devices and the station serving /api/station */
  sim?: SimulatedBench;
  station?: Station;
  close(): Promise<void>;
}

/** `fresh`: an empty data folder as a new shop starts it (no demo data, the first admin only). */
export async function openE2eShop(opts: { skus: number; orders: number; bench?: SimulatedBenchOptions['hub'] | true; locale?: string; browserArgs?: readonly string[]; fresh?: boolean }): Promise<E2eShop> {
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('the web UI is not built: run "npm test" (it builds it) or "npm run build:web"');
  const dir = mkdtempSync(join(tmpdir(), 'pl-e2e-'));
  const core = openCore({ dataDir: dir });
  if (!opts.fresh) seedDemo(core, { skus: opts.skus, orders: opts.orders });
  const adminBadge = opts.fresh ? ensureFirstAdmin(core)!.badge : undefined;
  const http = createHttpServer(core, { webRoot, demoBadges: opts.fresh ? undefined : DEMO_USERS.map((u) => ({ ...u })) });
  const { url } = await http.listen();
  let sim: SimulatedBench | undefined;
  let station: Station | undefined;
  if (opts.bench) {
    sim = await startSimulatedBench(join(dir, 'demo-bench'), { hub: opts.bench === true ? { printer: { backoffMs: { min: 50, max: 200 }, probeIntervalMs: 100 } } : opts.bench });
    station = await startPackingStation({ dataDir: dir, coreUrl: url, hub: sim.hub });
    station.attach(http.server);
  }
  const browser = await launchBrowser({ ...(opts.locale ? { locale: opts.locale } : {}), args: opts.browserArgs });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    dir, core, url, page, browser, sim, station, adminBadge,
    async close() {
      await browser.close();
      await station?.stop();
      await sim?.stop();
      await http.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
