// The core's side of the order intake thread (intake-worker.ts): hands each createOrder request
// to the thread and answers it when the thread has committed it. If the thread cannot start or
// dies, requests run on the core's own writer, as they do without the thread.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../../../lib/worker-entry';
import { threadEnd } from '../../../../lib/thread-end';
import type { OrderInput } from '../../../../contract/orders';
import { AppError } from '../../../../lib/errors';
import { logger } from '../../../../lib/log';
import type { Actor } from '../../../store/events';
import type { CreateOrderResult, OrderRequest } from '../actions/order-requests';
import { jsonHash } from '../../../store/idempotency';
import { threadGone } from './write-gate';
import { PendingById } from '../../../../lib/pending-by-id';
import { packRequests, unpackReplies, type DeliveryMessage, type DeliveryRequest, type FollowerJobMessage, type FollowerJobReply, type IntakeRequest, type IntakeStart } from './protocol';
import type { FollowerJob, FollowerResult } from '../../../follower-jobs';

const log = logger('core.intake');

export interface OrderIntake {
  /** Creates the order (idempotent by `key`) in the intake thread; settles after its commit. */
  submit(input: OrderInput, actor: Actor, key: string | null): Promise<CreateOrderResult>;
  /**
   * Stores a sales channel's verified deliveries in its inbox on the thread (settles after the
   * commit with how many rows were new), then the thread processes the inbox. Null while the
   * thread is down: the caller stores them on the core's writer.
   */
  storeDeliveries(req: Omit<DeliveryRequest, 'id'>): Promise<number> | null;
  /** Asks the thread to process the channel inbox; false while it is down. */
  kickInbox(): boolean;
  /** Called on the core's loop after each chunk of the inbox the thread committed (idle: nothing pending is left). */
  onInboxProcessed(listener: (idle: boolean) => void): void;
  /**
   * Runs a follower's write job (follower-jobs.ts) on the thread, between its batches of orders;
   * null while the thread is down (the caller runs it on the core's writer).
   */
  runJob<K extends FollowerJob>(job: K, n: number): Promise<FollowerResult<K>> | null;
  /** running: the thread takes orders; down: it stopped, and orders go to `fallback`. */
  status(): 'starting' | 'running' | 'down';
  /**
   * Refuses what is in flight and stops the thread; resolves once it has exited (its connection to
   * the database closed), so nothing of it touches the data folder any more.
   */
  close(): Promise<void>;
}

/**
 * Starts the intake thread on the database `file`. `committed` runs on the core's event loop after
 * each batch the thread committed (the core publishes the new events to the change feed there);
 * `fallback` creates an order on the core's own writer while the thread is down.
 */
export function startOrderIntake(opts: {
  start: IntakeStart;
  committed: () => void;
  fallback: (input: OrderInput, actor: Actor, key: string | null) => Promise<CreateOrderResult>;
}): OrderIntake {
  const { url, execArgv } = workerEntry(import.meta.url, 'intake-worker');
  const worker = new Worker(url, { execArgv, workerData: opts.start });
  const end = threadEnd(worker);
  let closed: Promise<void> | null = null;
  const pending = new PendingById<{ order: OrderRequest; resolve: (r: CreateOrderResult) => void; reject: (e: unknown) => void }>();
  let state: 'starting' | 'running' | 'down' = 'starting';
  let outbox: IntakeRequest[] = [];
  const storing = new PendingById<{ resolve: (fresh: number) => void; reject: (e: unknown) => void }>();
  const inboxListeners: ((idle: boolean) => void)[] = [];
  // A few jobs a second: a Map is enough (the ring is for the thousands of orders in flight).
  const jobs = new Map<number, { resolve: (r: unknown) => void; reject: (e: unknown) => void }>();
  let jobIds = 0;
  // Nothing in flight: an idle intake never keeps the process alive.
  const unrefWhenIdle = () => void (pending.size === 0 && storing.size === 0 && jobs.size === 0 && worker.unref());
  const onJobDone = (m: FollowerJobReply) => {
    const p = jobs.get(m.jobDone);
    jobs.delete(m.jobDone);
    unrefWhenIdle();
    if ('error' in m) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  };
  let deliveries: DeliveryRequest[] = [];
  const flushDeliveries = () => {
    worker.postMessage({ deliveries });
    deliveries = [];
  };
  const onDeliveryMessage = (m: DeliveryMessage) => {
    if ('stored' in m) {
      for (const r of m.stored) {
        const p = storing.take(r.id);
        if (r.error === undefined) p?.resolve(r.fresh);
        else p?.reject(new Error(r.error));
      }
      if (m.processed) {
        opts.committed(); // orders made in the same commit: publish their events
        for (const f of inboxListeners) f(m.idle ?? false);
      }
    } else {
      if (m.inboxProcessed) opts.committed();
      for (const f of inboxListeners) f(m.idle);
    }
    unrefWhenIdle();
  };
  const flush = () => {
    const batch = outbox;
    outbox = [];
    worker.postMessage(packRequests(batch));
  };

  worker.on('message', (m: Parameters<typeof unpackReplies>[0] | DeliveryMessage | FollowerJobReply | 'ready') => {
    if (m === 'ready') {
      if (state === 'starting') state = 'running';
      return;
    }
    if (!Array.isArray(m)) return 'jobDone' in m ? onJobDone(m) : onDeliveryMessage(m);
    for (const r of unpackReplies(m)) {
      const p = pending.take(r.id);
      if (!p) continue;
      if (r.ok) p.resolve(r);
      // An unexpected failure stays a plain Error, so the HTTP layer logs it and maps it exactly as
      // on the core's thread (a constraint is a conflict; anything else an internal error without details).
      else p.reject(r.code ? new AppError(r.code, r.message, r.issues) : new Error(r.message));
    }
    unrefWhenIdle();
    opts.committed();
  });
  const down = (why: string) => {
    if (state === 'down') return;
    const started = state === 'running';
    state = 'down';
    if (opts.start.gate) threadGone(opts.start.gate); // it may have died inside a transaction
    log.error({ why }, 'the order intake thread stopped; orders are created on the core thread');
    for (const { order, resolve, reject } of pending.drain()) {
      // A thread that never started ran none of them: they go to the core's writer. After it ran,
      // whether these committed is unknown: the client retries with its Idempotency-Key.
      if (!started) opts.fallback(order.input, order.actor, order.key).then(resolve, reject);
      else reject(new AppError('unavailable', `the order intake stopped (${why}); send the order again with the same Idempotency-Key`));
    }
    // Whether these were stored is unknown: the platform gets an error and delivers again (the delivery id dedupes).
    for (const p of storing.drain()) p.reject(new AppError('unavailable', `the order intake stopped (${why})`));
    for (const f of inboxListeners) f(true);
    // Whether these ran is unknown: a follower's job repeats nothing when run again (its cursor), so the caller may.
    for (const p of jobs.values()) p.reject(new AppError('unavailable', `the order intake stopped (${why})`));
    jobs.clear();
  };
  worker.on('error', (e) => down(e.message));
  worker.on('exit', (code) => down(`exited with code ${code}`));
  worker.unref(); // an idle intake never keeps the process alive

  return {
    status: () => state,
    submit(input, actor, key) {
      if (state === 'down') return opts.fallback(input, actor, key);
      return new Promise<CreateOrderResult>((resolve, reject) => {
        const json = JSON.stringify(input);
        const id = pending.add({ order: { input, actor, key }, resolve, reject });
        worker.ref(); // keep the process alive while orders are in flight
        // Requests parsed in one turn of the event loop go over in one message: setImmediate runs
        // after every socket that was readable in this turn has been read. A microtask ran after
        // each socket's callback, so each request was a message of its own (a postMessage, and a
        // message event on the thread, per order).
        if (outbox.push({ id, json, hash: key ? jsonHash(json) : null, actor, key }) === 1) setImmediate(flush);
      });
    },
    storeDeliveries(req) {
      if (state === 'down') return null;
      return new Promise<number>((resolve, reject) => {
        const id = storing.add({ resolve, reject });
        worker.ref();
        // One message per turn of the event loop, as submit's orders (a microtask made each webhook a message of its own).
        if (deliveries.push(Object.assign({ id }, req)) === 1) setImmediate(flushDeliveries);
      });
    },
    runJob(job, n) {
      if (state === 'down') return null;
      const id = ++jobIds;
      // Kept alive for the job's milliseconds, as on the core's writer: a script awaiting a flush must not exit meanwhile.
      worker.ref();
      return new Promise((resolve, reject) => {
        jobs.set(id, { resolve: resolve as (r: unknown) => void, reject });
        worker.postMessage({ job, n, id } satisfies FollowerJobMessage);
      });
    },
    kickInbox() {
      if (state === 'down') return false;
      worker.postMessage({ inbox: true });
      return true;
    },
    onInboxProcessed(listener) {
      inboxListeners.push(listener);
    },
    close() {
      if (closed) return closed;
      const was = state;
      if (state !== 'down') {
        state = 'down';
        for (const p of [...pending.drain(), ...storing.drain(), ...jobs.values()]) p.reject(new AppError('unavailable', 'the core is shutting down'));
        jobs.clear();
      }
      // A running thread finishes the batch in hand and closes its connection; one still starting
      // (under load that takes a while) would open the database after the core closed it: it is
      // terminated. One that is down already has exited or is exiting.
      closed = was === 'running' ? end.stop(() => worker.postMessage('stop')) : was === 'starting' ? end.stop() : end.exited;
      return closed;
    },
  };
}
