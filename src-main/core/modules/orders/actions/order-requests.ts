// POST /api/orders behind its Idempotency-Key: one request, or a batch of them (the intake thread's group commit).
import type { CoreContext } from '../../../context';
import type { Order, OrderInput } from '../../../../contract/orders';
import { AppError } from '../../../../lib/errors';
import type { Actor } from '../../../store/events';
import { once, remember, replay, replayStored, requestHash, storedAnswers } from '../../../store/idempotency';
import { onPostgres } from '../../../store/db';
import { getOrder } from '../queries';
import { createOrder, createOrders, sendOrderReadsAhead, type OrderReads } from './create-orders';
import { sendReadsAhead } from '../../../store/pg/pg-database';

/** Whose Idempotency-Keys a create-order key is checked against: the sender's own (one place, for both paths). */
const keyScope = (actor: Actor) => `${actor.id}:createOrder`;

/** The answer to POST /api/orders: the order as JSON text (as stored for its Idempotency-Key). */
export interface CreateOrderResult { status: number; orderId: string; text: string; replayed: boolean }

/**
 * POST /api/orders: createOrder behind its Idempotency-Key (scoped to the caller). A new order is
 * 201 with the order; a repeat of its channel and external id is 200 with the stored order; a
 * replayed key returns the first answer. Runs inside a write job (the core's or the intake thread's).
 */
export function createOrderRequest(ctx: CoreContext, input: OrderInput, actor: Actor, key: string | null): CreateOrderResult {
  const r = once(ctx, keyScope(actor), key, input, () => {
    const created = createOrder(ctx, input, actor);
    return { status: created.duplicate ? 200 : 201, body: created.order ?? getOrder(ctx, created.orderId) };
  });
  return { status: r.status, orderId: r.body.id, text: r.text, replayed: r.replayed };
}

/**
 * One POST /api/orders: the order, who sends it, and its Idempotency-Key (null without one);
 * `hash` is requestHash(input) when the sender has it already.
 */
export interface OrderRequest { input: OrderInput; actor: Actor; key: string | null; hash?: string | null }

/**
 * createOrderRequest for the requests of one batch (the intake thread's group commit), with the
 * same answers as one by one in this order: the keys are checked first, then the orders are
 * created by one createOrders, so SKUs, stock, settings and the number counter are read once for
 * the batch instead of once per order. A refused order is its AppError in its place. A key that
 * comes twice in the batch (a client's retry racing its first try) is answered after the others,
 * through createOrderRequest, so it sees what the first one stored.
 */
export function createOrderRequests(ctx: CoreContext, reqs: readonly OrderRequest[], reads?: OrderReads): (CreateOrderResult | AppError)[] {
  const out: (CreateOrderResult | AppError)[] = new Array(reqs.length);
  const fresh: { index: number; hash: string | null }[] = [];
  const repeats: number[] = [];
  const keys = new Set<string>();
  const pg = reqs.length > 1 && onPostgres(ctx.db);
  // PostgreSQL: the batch's look-ups (keys, channel numbers, SKUs) go in one round trip, answered below as they are read
  if (pg) sendReadsAhead(ctx.db, () => { readAheadKeys(ctx, reqs); sendOrderReadsAhead(ctx, reqs.map((r) => r.input), reads); });
  const stored = pg ? readAheadKeys(ctx, reqs) : null;
  reqs.forEach(({ input, actor, key, hash: known }, index) => {
    if (!key) return fresh.push({ index, hash: null });
    const scope = keyScope(actor);
    const scoped = `${scope}\n${key}`;
    if (keys.has(scoped)) return repeats.push(index);
    keys.add(scoped);
    const hash = known ?? requestHash(input);
    try {
      const prior = stored ? replayStored(stored.get(scoped), key, hash) : replay(ctx, scope, key, hash);
      if (prior) return (out[index] = { status: prior.status, orderId: (JSON.parse(prior.text) as Order).id, text: prior.text, replayed: true });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return (out[index] = e);
    }
    fresh.push({ index, hash });
  });
  const created = createOrders(ctx, fresh.map((f) => reqs[f.index]!.input), fresh.map((f) => reqs[f.index]!.actor), reads);
  fresh.forEach(({ index, hash }, n) => {
    const r = created[n]!;
    if (r instanceof AppError) return (out[index] = r);
    const { actor, key } = reqs[index]!;
    const status = r.duplicate ? 200 : 201;
    const text = JSON.stringify(r.order ?? getOrder(ctx, r.orderId));
    if (key) remember(ctx, keyScope(actor), key, hash!, status, text);
    out[index] = { status, orderId: r.orderId, text, replayed: false };
  });
  for (const index of repeats) {
    const { input, actor, key } = reqs[index]!;
    try {
      out[index] = createOrderRequest(ctx, input, actor, key);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out[index] = e;
    }
  }
  return out;
}

/**
 * The stored answers of the batch's keys, one statement per sender instead of one per request
 * (on PostgreSQL each statement is a round trip): scope + newline + key -> answer.
 */
function readAheadKeys(ctx: CoreContext, reqs: readonly OrderRequest[]) {
  const byScope = new Map<string, string[]>();
  for (const { actor, key } of reqs) {
    if (!key) continue;
    const scope = keyScope(actor);
    const list = byScope.get(scope);
    if (list) list.push(key);
    else byScope.set(scope, [key]);
  }
  const out = new Map<string, Parameters<typeof replayStored>[0]>();
  for (const [scope, keys] of byScope) for (const [key, r] of storedAnswers(ctx, scope, keys)) out.set(`${scope}\n${key}`, r);
  return out;
}
