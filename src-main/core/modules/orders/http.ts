// Route handlers of orders: search, one order and its history, create (one, bulk), actions, look-up by code.
import { EXPORT_COLUMNS, genericActionRefusal, type BulkResult, type ordersRoutes } from '../../../contract/orders';
import { maskAddressLine, maskPhone } from '../../../contract/privacy';
import type { Writable } from 'node:stream';
import { SHEET_TYPES, writeSheetTo, type Cell } from '../../../lib/spreadsheet';
import { getOrder, listOrders, orderExportRows, orderEvents, stateCounts, orderIdsByCode, orderSummaries, orderSummary } from './queries';
import { applyOrderAction } from './actions/apply-action';
import { changeShipTo } from './actions/change-ship-to';
import { importOrders } from './import-orders';
import { parseOrderInput } from './order-input-fast';
import { getSku, resolveSkuCode } from '../catalog/queries';
import { getSettings } from '../settings/queries';
import { warehouseFilterOf } from '../locations/queries';
import { shopDay } from '../../../contract/shop-time';
import { AppError, fail } from '../../../lib/errors';
import { zodIssues } from '../../http/validate';
import { refusalOf } from '../../http/errors';
import { reply, actorOf, forRole, SEES_FULL_PHONE, orderTextForRole, idempotencyKey, type ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof ordersRoutes> = {
  listOrders: ({ query }, { core }) => listOrders(core.ctx, query),
  exportOrders: async ({ query }, env) => {
    const full = SEES_FULL_PHONE.includes(actorOf(env).role);
    const room = (s: string | null) => (s === null || full ? s : maskAddressLine(s));
    const rows = orderExportRows(env.core.ctx, query);
    const cells = (async function* (): AsyncIterable<Cell[]> {
      for await (const r of rows) {
        yield [r.number, r.channel, r.externalId, r.state, r.name, full ? r.phone : maskPhone(r.phone), r.province, r.city, r.district, room(r.address1), room(r.address2),
          r.postcode, r.carrier, r.service, r.shipBy, r.createdAt, r.units];
      }
    })();
    // Written into the response as the rows are read: 100,000 orders never sit in memory as one file.
    const bytes = (out: Writable) => writeSheetTo(out, query.format, [...EXPORT_COLUMNS[query.lang]], cells, 'orders');
    const { contentType, ext } = SHEET_TYPES[query.format];
    return { bytes, mime: contentType, filename: `orders-${shopDay(env.core.ctx.clock.now(), getSettings(env.core.ctx).timeZone)}.${ext}` };
  },
  getOrder: ({ params }, env) => forRole(getOrder(env.core.ctx, params.id), actorOf(env).role),
  orderEvents: ({ params }, { core }) => ({ items: orderEvents(core.ctx, params.id) }),
  stateCounts: ({ query }, { core }) => ({ counts: stateCounts(core.ctx, warehouseFilterOf(core.ctx, query.warehouse)), lastEventId: core.feed.lastId() }),

  createOrder: async ({ body }, env) => {
    const who = actorOf(env);
    const key = idempotencyKey(env.req, false);
    const out = await env.core.submitOrder(body, who, key);
    const headers: Record<string, string> = { Location: `/api/orders/${out.orderId}` };
    if (out.replayed) headers['Idempotent-Replayed'] = 'true';
    return reply(out.status, orderTextForRole(out.text, who.role), headers);
  },

  bulkOrders: async ({ body }, env) => {
    const who = actorOf(env);
    const { ctx } = env.core;
    const parsed = body.orders.map((o) => parseOrderInput(o));
    const valid = parsed.flatMap((p, index) => (p.success ? [{ index, input: p.data }] : []));
    const stored = await importOrders(env.core, valid.map((v) => v.input), who, ({ orderId, duplicate, order }) => ({
      order: order ? orderSummary(order) : orderSummaries(ctx, [orderId])[0]!, duplicate,
    }));
    const results: BulkResult['results'] = parsed.map((p, index) =>
      p.success ? (null as unknown as BulkResult['results'][number]) : { index, ok: false, code: 'validation', message: `orders.${index}: invalid order`, issues: zodIssues(p.error, `orders.${index}`) });
    valid.forEach(({ index }, i) => {
      const r = stored[i]!;
      results[index] = r instanceof AppError
        ? { index, ok: false, ...refusalOf(r), message: `orders.${index}: ${r.message}`, ...(r.issues ? { issues: r.issues.map((x) => ({ ...x, path: `orders.${index}.${x.path}` })) } : {}) }
        : { index, ok: true, ...r };
    });
    return {
      results,
      created: results.filter((r) => r.ok && !r.duplicate).length,
      duplicates: results.filter((r) => r.ok && r.duplicate).length,
      failed: results.filter((r) => !r.ok).length,
    };
  },

  // The generic route only: flows and the seed call applyOrderAction with their own checks.
  orderAction: async ({ params, body }, env) => {
    const who = actorOf(env);
    const refusal = genericActionRefusal(params.action, who.role);
    if (refusal) fail('forbidden', refusal);
    const order = await env.core.writes.run(() => {
      applyOrderAction(env.core.ctx, params.id, params.action, who, { reason: body.reason, expectedVersion: body.expectedVersion });
      return getOrder(env.core.ctx, params.id);
    });
    return forRole(order, who.role);
  },

  changeShipTo: ({ params, body }, env) => env.core.writes.run(() => {
    changeShipTo(env.core.ctx, params.id, body, actorOf(env));
    return getOrder(env.core.ctx, params.id);
  }),

  lookup: ({ params }, { core }) => {
    const sku = resolveSkuCode(core.ctx, params.code);
    const skuRow = sku ? getSku(core.ctx, sku.skuId) : null;
    return {
      code: params.code,
      orders: orderSummaries(core.ctx, orderIdsByCode(core.ctx, params.code, 50)),
      skus: skuRow ? [{ id: skuRow.id, sku: skuRow.sku, name: skuRow.name }] : [],
      units: sku?.units ?? null,
    };
  },
};
