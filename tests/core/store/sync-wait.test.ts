// The synchronous PostgreSQL connection's wait for an answer (store/pg/sync-connection.ts), against
// a worker thread that answers the way the connection's worker does, with the two timings that
// broke it (issue 21): the wake of an answer already taken arriving while the caller waits for the
// next one (a worker descheduled between counting its answer and waking), and an answer arriving
// after its caller gave up on it. Each must leave the caller with its own answer.
import { describe, it, expect, afterAll } from 'vitest';
import { Worker, MessageChannel } from 'node:worker_threads';
import { awaitAnswer, syncWaitStats } from '../../../src-main/core/store/pg/sync-connection';

// Answers like the connection's worker (the answer, then the count, then the wake), after a delay
// the request names; `wakeAfterMs` holds the wake back that long after the count.
const ANSWERER = `
const { workerData } = require('node:worker_threads');
const port = workerData.port;
const answers = new Int32Array(workerData.answers);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
port.on('message', async (m) => {
  await sleep(m.answerAfterMs ?? 0);
  port.postMessage({ seq: m.seq, value: 'answer ' + m.seq });
  Atomics.add(answers, 0, 1);
  if (m.wakeAfterMs) await sleep(m.wakeAfterMs);
  Atomics.notify(answers, 0);
});
`;

const { port1, port2 } = new MessageChannel();
const answers = new Int32Array(new SharedArrayBuffer(4));
const worker = new Worker(ANSWERER, { eval: true, workerData: { port: port2, answers: answers.buffer }, transferList: [port2] });
afterAll(() => worker.terminate());

let seq = 0;
const sleepHere = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** Asks, sleeps `lateMs` before waiting (the answer is counted by then), waits up to `waitMs`. */
function ask(timing: { answerAfterMs?: number; wakeAfterMs?: number }, waitMs = 5_000, lateMs = 0) {
  const n = ++seq;
  port1.postMessage({ seq: n, ...timing });
  if (lateMs) sleepHere(lateMs);
  return { n, answer: awaitAnswer<{ seq: number; value: string }>(port1, answers, n, waitMs) };
}

describe('waiting for an answer on the synchronous PostgreSQL connection', () => {
  it('a wake meant for the answer before does not end the wait: the statement gets its own answer', () => {
    expect(ask({}).answer?.value).toBe(`answer ${seq}`); // the thread is up
    const before = syncWaitStats.wakesForAnotherAnswer;
    // answered and counted before the caller waits, but its wake comes 300 ms later, while the next statement waits
    const first = ask({ wakeAfterMs: 300 }, 5_000, 100);
    expect(first.answer?.value).toBe(`answer ${first.n}`);
    const second = ask({ answerAfterMs: 600 });
    expect(second.answer?.value).toBe(`answer ${second.n}`);
    expect(syncWaitStats.wakesForAnotherAnswer).toBe(before + 1);
  });

  it('an answer that comes after its caller gave up is dropped, not taken as the next statement\'s', () => {
    const dropped = syncWaitStats.lateAnswersDropped;
    const slow = ask({ answerAfterMs: 200 }, 50);
    expect(slow.answer).toBeUndefined();
    const next = ask({ answerAfterMs: 400 });
    expect(next.answer?.value).toBe(`answer ${next.n}`);
    expect(syncWaitStats.lateAnswersDropped).toBe(dropped + 1);
    // and the ones after it are in step again
    for (let i = 0; i < 50; i++) {
      const r = ask({});
      expect(r.answer?.value).toBe(`answer ${r.n}`);
    }
  });
});
