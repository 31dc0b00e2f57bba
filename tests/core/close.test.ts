// Closing a core: close() resolves once the core's threads have exited (the intake thread, the
// checkpointer, a re-evaluation of the rules), so the data folder can be removed at once and nothing
// of the core writes in it afterwards. A thread still starting when the core closed used to open the
// database afterwards (making the folder again if it was gone), and a test's cleanup met ENOTEMPTY.
// SQLite only by design (not in tests/postgres-set.json): the threads here are on the SQLite file.
import { describe, it, expect, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { openCore } from '../../src-main/core/core';
import { sleep, tempDir, waitFor } from './helpers';
import { startChannelSync } from '../../src-main/core/modules/channels/flows';
import { SenderThread } from '../../src-main/core/modules/channels/sender-thread';
import type { SendBatch } from '../../src-main/core/modules/channels/sender';

/** Removes the folder (strictly) and watches it: nothing of the closed core may make it again. */
async function goneForGood(t: { dir: string; cleanup: () => void }): Promise<void> {
  t.cleanup();
  // A thread left over would open the database first thing, making the folder again. It would have
  // done so by the time a thread started after it is up (under load too), and a moment more.
  const probe = tempDir('packline-close-probe-');
  const later = openCore({ dataDir: probe.dir, intakeThread: true });
  try {
    await waitFor(() => later.intake!.status() === 'running', 30_000, 'a later intake thread to start');
    await sleep(200);
    expect(existsSync(t.dir), `something of the closed core wrote in ${t.dir}`).toBe(false);
  } finally {
    await later.close();
    probe.cleanup();
  }
}

describe('closing a core', () => {
  it('right after it opened: its threads still starting are stopped, and nothing writes in the folder once close() has resolved', async () => {
    const t = tempDir('packline-close-');
    const core = openCore({ dataDir: t.dir, intakeThread: true });
    expect(core.intake!.status()).toBe('starting');
    await core.close();
    expect(core.intake!.status()).toBe('down');
    await goneForGood(t);
  });

  it('during a re-evaluation of the rules: its thread is stopped and has let go of the database once close() has resolved, and the run ends', async () => {
    const t = tempDir('packline-close-rules-');
    const core = openCore({ dataDir: t.dir });
    const run = core.rules.reevaluate().then(() => 'ended', () => 'ended'); // cut short: how does not matter here
    expect(core.rules.reevaluation().state).toBe('running');
    await core.close();
    await goneForGood(t);
    // a thread terminated before it ran exits with code 0 and no answer: the run waited for it forever
    expect(await Promise.race([run, sleep(5000).then(() => 'still waiting')])).toBe('ended');
  });

  it("with the channel sync running: its timer stops, and its sender thread is the core's (not started again on a closed core)", async () => {
    const t = tempDir('packline-close-sync-');
    const core = openCore({ dataDir: t.dir });
    const sync = startChannelSync(core, { tickMs: 10 });
    const ticks = vi.spyOn(sync, 'tick');
    await waitFor(() => ticks.mock.calls.length > 0, 5000, 'the sync to tick');
    const sender = new SenderThread(core.work);
    const nothing: SendBatch = { items: [], connections: {}, failuresLeft: {}, breakerAfter: 5, concurrency: 1 };
    expect(await sender.send(nothing)).toEqual([]); // its thread is up
    await core.close();
    ticks.mockClear();
    await sleep(150);
    expect(ticks).not.toHaveBeenCalled(); // ticked every 10 ms on the closed core before
    await expect(sender.send(nothing)).rejects.toThrow(/stopped/);
    await goneForGood(t);
  });

  it('twice: the same promise, and the database is closed at once', async () => {
    const t = tempDir('packline-close-twice-');
    const core = openCore({ dataDir: t.dir, intakeThread: true });
    const first = core.close();
    expect(core.db.open).toBe(false); // a caller that does not wait may open the folder again right away
    expect(core.close()).toBe(first);
    await first;
    t.cleanup();
  });
});
