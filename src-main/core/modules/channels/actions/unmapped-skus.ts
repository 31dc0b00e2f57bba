// Channel SKUs without a mapping: the order is created anyway (its line on the placeholder SKU,
// keeping the channel's SKU text) and held with the reason "unmapped SKU <code>", so the bench
// refuses it and a lead sees it. Mapping the channel SKU (Settings -> SKU mappings, or "map this
// SKU" on the order) points the waiting lines at the real SKU, routes the orders it held again (to
// the warehouse with the stock) and releases them, without replaying any delivery.
import type { CoreContext } from '../../../context';
import { UNMAPPED_SKU_CODE, UNMAPPED_SKU_ID, UNMAPPED_SKU_REASON } from '../../../../contract/channels';
import type { OrderInput } from '../../../../contract/orders';
import { type AppError, fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { applyOrderAction, tryAllocate } from '../../orders/actions/apply-action';
import { assignWarehouse } from '../../orders/actions/assign-warehouse';
import { orderRecord } from '../../orders/queries';
import { ensurePlaceholderSku } from '../../catalog/store';
import { touchOrder } from '../../orders/actions/touch-order';
import { orderHasSkuLine, selectLinesToAllocate, updateLineSku } from '../../orders/store';
import { lastEventReason } from '../../packing/store';
import { getSettings } from '../../settings/queries';
import { platformOrderOf, setLineSkus, unmappedLines, type UnmappedLineRow } from '../store';

const REASON = UNMAPPED_SKU_REASON;
export const unmappedReason = (channelSkus: readonly string[]) => `${REASON} ${channelSkus.join(', ')}`;

/** Makes the placeholder SKU the first time an order needs it (a shop whose SKUs are all mapped never has it). */
export function ensureUnmappedPlaceholder(ctx: CoreContext): void {
  ensurePlaceholderSku(ctx.db, UNMAPPED_SKU_ID, UNMAPPED_SKU_CODE, 'Unmapped channel SKU', ctx.clock.iso());
}

/**
 * The order input with every line whose channel SKU is unknown put on the placeholder SKU, and those
 * channel SKUs; null when the refusal was for anything else (then it stands).
 */
export function onPlaceholders(input: OrderInput, refused: AppError): { input: OrderInput; unmapped: string[] } | null {
  const unknown = new Set<number>();
  for (const issue of refused.issues ?? []) {
    const m = /^lines\.(\d+)\.channelSku$/.exec(issue.path);
    if (!m || !issue.message.startsWith('unknown SKU')) return null;
    unknown.add(Number(m[1]));
  }
  if (unknown.size === 0) return null;
  return {
    // resolveLines tries the channel's mapping first, then `sku` as our code: the placeholder's
    input: { ...input, lines: input.lines.map((l, i) => (unknown.has(i) ? { ...l, sku: UNMAPPED_SKU_CODE } : l)) },
    unmapped: [...new Set([...unknown].map((i) => input.lines[i]!.channelSku!))],
  };
}

/**
 * After `channel`'s `channelSku` was mapped to `skuId` (in the mapping's write job): the lines waiting
 * for it point at the SKU (one order.sku_mapped event per order), the write-back will name the
 * channel SKU for it, and an order held for unmapped SKUs with none left is routed again and released
 * (and its stock reserved there when auto-allocation is on). Returns the order numbers released.
 */
export function resolveMappedSku(ctx: CoreContext, channel: string, channelSku: string, skuId: string, sku: string, actor: Actor): string[] {
  if (skuId === UNMAPPED_SKU_ID) fail('validation', said('mapToPlaceholder', { channelSku, placeholder: UNMAPPED_SKU_CODE }), [issue('sku', said('thePlaceholder'))]);
  const byOrder = new Map<string, UnmappedLineRow[]>();
  for (const l of unmappedLines(ctx.db, channel, channelSku)) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
  const released: string[] = [];
  for (const [orderId, lines] of byOrder) {
    for (const l of lines) updateLineSku(ctx.db, l.lineId, skuId);
    const po = platformOrderOf(ctx.db, orderId);
    if (po) setLineSkus(ctx.db, po, JSON.stringify({ ...(po.line_skus ? (JSON.parse(po.line_skus) as Record<string, string>) : {}), [skuId]: channelSku }));
    const o = orderRecord(ctx, orderId);
    appendEvent(ctx.db, ctx.clock, { type: 'order.sku_mapped', entity: 'order', entityId: orderId, actor, data: { channel, channelSku, skuId, sku, lines: lines.length, number: o.number } });
    // Only a hold that was ours: a hold for another reason (a lead's, the platform's) stays.
    const heldForUnmapped = o.state === 'on_hold' && lastEventReason(ctx.db, orderId, ['order.hold'])?.startsWith(REASON);
    if (!heldForUnmapped || orderHasSkuLine(ctx.db, orderId, UNMAPPED_SKU_ID)) {
      touchOrder(ctx, orderId); // its lines changed: a new version
      continue;
    }
    // Routed again now that its lines are known (it arrived routed without them): the warehouse
    // with the stock takes it, then it is released and allocated there.
    assignWarehouse(ctx, orderId, { reason: `${channelSku} mapped to ${sku}` }, actor);
    applyOrderAction(ctx, orderId, 'release', actor, { reason: `${channelSku} mapped to ${sku}` });
    if (getSettings(ctx).autoAllocate && orderRecord(ctx, orderId).state === 'ready') tryAllocate(ctx, orderId, selectLinesToAllocate(ctx.db, orderId), actor, 'ready', `${channelSku} mapped to ${sku}`);
    released.push(o.number);
  }
  return released;
}
