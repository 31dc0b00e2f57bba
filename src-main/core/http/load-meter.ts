// How loaded the core is, for the health panel: requests and 5xx answers per minute (ten-second
// buckets) and the event loop's delay. One meter per core, made by its HTTP server; counting a
// request is two integer additions and a 'finish' listener.
import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Core } from '../core';

const BUCKET_MS = 10_000;
const BUCKETS = 6;

export class LoadMeter {
  private readonly requests = new Array<number>(BUCKETS).fill(0);
  private readonly errors = new Array<number>(BUCKETS).fill(0);
  private bucketAt = Math.floor(Date.now() / BUCKET_MS);
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private loopSince = Date.now();
  private lastLoop = { p50Ms: 0, p99Ms: 0, maxMs: 0 };

  constructor() {
    this.loop.enable();
  }

  private roll(): number {
    const now = Math.floor(Date.now() / BUCKET_MS);
    for (let b = Math.max(this.bucketAt + 1, now - BUCKETS + 1); b <= now; b++) {
      this.requests[b % BUCKETS] = 0;
      this.errors[b % BUCKETS] = 0;
    }
    this.bucketAt = now;
    return now % BUCKETS;
  }

  count(res: ServerResponse): void {
    const i = this.roll();
    this.requests[i]!++;
    res.once('finish', () => {
      if (res.statusCode >= 500) this.errors[this.roll()]!++;
    });
  }

  /** Requests and 5xx answers over the last minute. */
  perMinute(): { perMinute: number; errorsPerMinute: number; errorRate: number | null } {
    this.roll();
    const n = this.requests.reduce((a, b) => a + b, 0);
    const e = this.errors.reduce((a, b) => a + b, 0);
    return { perMinute: n, errorsPerMinute: e, errorRate: n ? e / n : null };
  }

  /** The event loop's delay over about the last minute (the histogram starts over each minute). */
  eventLoop(): { p50Ms: number; p99Ms: number; maxMs: number } {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    if (this.loop.count > 0) this.lastLoop = { p50Ms: ms(this.loop.percentile(50)), p99Ms: ms(this.loop.percentile(99)), maxMs: ms(this.loop.max) };
    if (Date.now() - this.loopSince > 60_000) {
      this.loop.reset();
      this.loopSince = Date.now();
    }
    return this.lastLoop;
  }

  stop(): void {
    this.loop.disable();
  }
}

const meters = new WeakMap<Core, LoadMeter>();
export function loadMeter(core: Core): LoadMeter {
  let m = meters.get(core);
  if (!m) meters.set(core, (m = new LoadMeter()));
  return m;
}
