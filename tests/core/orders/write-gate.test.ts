// The gate between the core's writer and the order intake thread: each side passes at once when
// the other is out, waits while the other is in, and never waits unbounded (a side that stopped
// halfway leaves the decision to SQLite's lock, as without a gate). The two taking turns under
// ingest are covered by intake.test.ts and the channels' inbound tests (core writes beside the thread).
import { describe, it, expect } from 'vitest';
import { coreWriteGate, newWriteGate, threadGone, threadWriteGate } from '../../../src-main/core/modules/orders/intake/write-gate';

const timed = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

describe('the write gate', () => {
  it('lets each side in at once while the other is out', () => {
    const shared = newWriteGate();
    const core = coreWriteGate(shared);
    const thread = threadWriteGate(shared);
    expect(timed(() => thread.enter())).toBeLessThan(50);
    thread.leave();
    expect(timed(() => core.enter())).toBeLessThan(50);
    core.leave();
    expect(timed(() => thread.enter())).toBeLessThan(50);
    thread.leave();
  });

  it('holds the thread back while the core is in, and the core while the thread is in, each for a bounded time only', () => {
    const shared = newWriteGate();
    const core = coreWriteGate(shared);
    const thread = threadWriteGate(shared);
    core.enter();
    const threadWaited = timed(() => thread.enter()); // nobody leaves here: it gives up waiting
    expect(threadWaited).toBeGreaterThanOrEqual(90);
    expect(threadWaited).toBeLessThan(1000);
    core.leave();
    const coreWaited = timed(() => core.enter()); // the thread is in its transaction
    expect(coreWaited).toBeGreaterThanOrEqual(90);
    expect(coreWaited).toBeLessThan(1000);
    thread.leave();
    core.leave();
    expect(timed(() => thread.enter())).toBeLessThan(50);
    thread.leave();
  });
});

describe("the core's try (a background job that never waits)", () => {
  it('enters only while the thread is out, and then holds the thread back until it leaves', () => {
    const shared = newWriteGate();
    const core = coreWriteGate(shared);
    const thread = threadWriteGate(shared);
    thread.enter();
    expect(core.tryEnter!()).toBe(false); // the thread is in its transaction: the core tries later
    thread.leave();
    expect(timed(() => thread.enter())).toBeLessThan(50); // a refused try leaves nothing marked
    thread.leave();
    expect(core.tryEnter!()).toBe(true);
    const threadWaited = timed(() => thread.enter());
    expect(threadWaited).toBeGreaterThanOrEqual(90); // nobody leaves here: it gives up waiting
    thread.leave();
    core.leave();
  });
});

describe('a thread that stopped inside its transaction', () => {
  it('no longer holds the core back', () => {
    const shared = newWriteGate();
    const core = coreWriteGate(shared);
    threadWriteGate(shared).enter();
    threadGone(shared);
    expect(timed(() => core.enter())).toBeLessThan(50);
    core.leave();
  });
});
