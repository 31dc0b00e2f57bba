import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderProfit } from '../../../src-main/contract/payouts';
import { call } from '../../lib/api';
import { useLoad, useShopTimeZone } from '../../lib/hooks';
import { shopDay, shopDayBefore } from '../../../src-main/contract/shop-time';
import { money } from '../../lib/ui';

// Profit after fees: per channel on the Money screen (orders placed in a date range), and one
// order's profit lines in its money panel. "cost unknown" is said in words, never shown as 0.

const pct = (x: number | null) => (x === null ? '' : `${x.toFixed(1)}%`);

/**
 * The Money screen's "Profit by channel": the shop's last 30 days (its time zone, as the core counts
 * the days it is sent) unless finance picks other days. Nothing is read until the zone is known.
 */
export function ProfitByChannel() {
  const { t } = useTranslation();
  const zone = useShopTimeZone();
  const [picked, setPicked] = useState<{ from?: string; to?: string }>({});
  const from = picked.from ?? (zone ? shopDayBefore(Date.now(), 29, zone) : '');
  const to = picked.to ?? (zone ? shopDay(Date.now(), zone) : '');
  const list = useLoad(() => (from && to ? call('profitByChannel', { query: { from, to } }) : Promise.resolve(null)), [from, to]);
  const setFrom = (v: string) => setPicked((p) => ({ ...p, from: v }));
  const setTo = (v: string) => setPicked((p) => ({ ...p, to: v }));
  return (
    <div data-testid="profit-by-channel">
      <div className="chips">
        <b>{t('money.profit.title')}</b>
        <label>{t('money.profit.from')} <input type="date" name="from" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></label>
        <label>{t('money.profit.to')} <input type="date" name="to" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></label>
      </div>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('money.channels.channel')}</th><th className="num">{t('money.profit.orders')}</th><th className="num">{t('money.profit.revenue')}</th>
            <th className="num">{t('money.profit.fees')}</th><th className="num">{t('money.profit.refunds')}</th><th className="num">{t('money.profit.cost')}</th>
            <th className="num">{t('money.profit.profit')}</th><th className="num">{t('money.profit.margin')}</th><th className="num">{t('money.profit.unknownCost')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.channels ?? []).map((c) => (
            <tr key={`${c.channel}-${c.currency}`} data-channel={c.channel}>
              <td><b>{c.channel}</b> <span className="muted small">{c.currency}</span></td><td className="num">{c.orders}</td>
              <td className="num amount">{money(c.revenue, null)}</td><td className="num amount">{money(c.fees, null)}</td><td className="num amount">{money(c.refunds, null)}</td>
              <td className="num amount">{money(c.cost, null)}</td><td className={`num amount${c.profit < 0 ? ' bad' : ''}`}>{money(c.profit, null)}</td>
              <td className="num">{pct(c.marginPct)}</td><td className={`num${c.unknownCostOrders ? ' bad' : ''}`}>{c.unknownCostOrders || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.channels.length === 0 && <div className="empty">{t('money.none')}</div>}
      <p className="muted small">{t('money.profit.explain')}</p>
    </div>
  );
}

/** One order's profit lines: revenue less fees, refunds and product cost; what could not be counted, named. */
export function OrderProfitLines({ p }: { p: OrderProfit }) {
  const { t } = useTranslation();
  const amount = (x: number | null, unknown: string) => (x === null ? <span className="muted">{unknown}</span> : money(x, p.currency));
  const costUnknown = p.unknown.filter((u) => u.what === 'product_cost').map((u) => u.sku).join(', ');
  return (
    <table className="table compact profit-lines" data-testid="order-profit">
      <tbody>
        <tr><td>{t('money.profit.revenue')}</td><td className="num">{amount(p.revenue, t('money.profit.unknown.revenue'))}</td></tr>
        <tr><td>− {t('money.profit.fees')}</td><td className="num">{money(p.fees, p.currency)}</td></tr>
        <tr><td>− {t('money.profit.refunds')}</td><td className="num">{money(p.refunds, p.currency)}</td></tr>
        <tr><td>− {t('money.profit.shipping')}</td><td className="num">{amount(p.shipping, t('money.profit.unknown.shipping'))}</td></tr>
        <tr><td>− {t('money.profit.productCost')}</td><td className="num">{amount(p.productCost, t('money.profit.unknown.product_cost'))}</td></tr>
        <tr className="total" data-testid="order-profit-total">
          <td><b>{t('money.profit.profit')}</b></td>
          <td className={`num${p.profit !== null && p.profit < 0 ? ' bad' : ''}`}><b>{amount(p.profit, t('money.profit.unknown.product_cost'))}</b>{p.marginPct !== null ? ` · ${pct(p.marginPct)}` : ''}</td>
        </tr>
        {costUnknown && <tr><td colSpan={2} className="small bad">{t('money.profit.skuNoCost', { skus: costUnknown })}</td></tr>}
        {p.unknown.some((u) => u.what === 'fees') && <tr><td colSpan={2} className="small muted">{t('money.profit.unknown.fees')}</td></tr>}
      </tbody>
    </table>
  );
}
