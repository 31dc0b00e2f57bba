// The board follower catching up (after a lull, or a restart) steps aside when orders pour in again:
// at a job every 20 ms it held the database a few ms in every 20 while the intake thread waited for
// it, and took ~30% off ingest's rate in a burst after a pause (bench/thread-cpu-probe.ts). During the
// burst it takes one job per look; after it, and on flush, it catches up to the last event.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/core';
import { startBoardFollower } from '../../../src-main/core/modules/board/follower';
import { onCoreWriter } from '../../../src-main/core/follower-jobs';
import { boardCursor, newestEventId } from '../../../src-main/core/modules/board/store';
import { appendEvent } from '../../../src-main/core/store/events';

const SYSTEM = { id: 'system:test', role: 'admin' };
let core: Core;
afterEach(() => core?.close());

/** `n` events the board passes over (another module's), in one write job. */
const noise = (n: number) => core.writes.runNow(() => {
  for (let i = 0; i < n; i++) appendEvent(core.ctx.db, core.ctx.clock, { type: 'test.noise', entity: 'test', entityId: `t-${i}`, actor: SYSTEM, data: {} });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the board follower in a burst of orders', () => {
  it('stops a catch-up when the log grows fast, takes a job per look meanwhile, and is current after the burst', async () => {
    core = openCore({ file: ':memory:' });
    core.board.stop();
    noise(3000); // 30 jobs behind
    const follower = startBoardFollower(core.ctx, onCoreWriter(core.ctx, core.writes), { everyMs: 250 });
    // A burst: 100 events every 5 ms (~20,000 a second; the follower steps aside above 300 per look, 1,200 a second).
    const started = performance.now();
    while (performance.now() < started + 400) {
      noise(100);
      await sleep(5);
    }
    // One job, then one per look (250 ms). A catch-up that went on would have run a job every ~20 ms (~20 here).
    expect(follower.jobs).toBeLessThanOrEqual(2 + Math.ceil((performance.now() - started) / 250));
    expect(boardCursor(core.ctx.db)).toBeLessThan(newestEventId(core.ctx.db));
    await follower.flush();
    expect(boardCursor(core.ctx.db)).toBe(newestEventId(core.ctx.db));
    follower.stop();
  });

  it('catches up to the end without a burst', async () => {
    core = openCore({ file: ':memory:' });
    core.board.stop();
    noise(1500);
    const follower = startBoardFollower(core.ctx, onCoreWriter(core.ctx, core.writes), { everyMs: 250 });
    // 15 jobs with their pauses (~0.3 s), by itself: no flush
    const until = performance.now() + 10_000;
    while (boardCursor(core.ctx.db) < newestEventId(core.ctx.db) && performance.now() < until) await sleep(20);
    expect(boardCursor(core.ctx.db)).toBe(newestEventId(core.ctx.db));
    follower.stop();
  });
});
