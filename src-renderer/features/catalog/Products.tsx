import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { money } from '../../lib/ui';
import { WeightProposals } from '../packing/WeightProposals';
import type { Role } from '../../../src-main/contract/people';

export function Products({ id, role }: { id?: string; role: Role }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useLoad(() => call('listSkus', { query: { q: search, limit: 100 } }), [search]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (search && list.data?.items.length === 1) window.location.hash = `#/products/${list.data.items[0]!.id}`;
  }, [list.data, search]);
  return (
    <div className="split">
      <section className="pane list-pane">
        <form className="searchbar" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
          <input ref={input} name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('products.searchPlaceholder')} autoComplete="off" />
          <button className="primary" type="submit">{t('common.search')}</button>
        </form>
        {list.error && <div className="alert error">{list.error}</div>}
        <div className="muted small">{list.data ? t('common.total', { count: list.data.total }) : t('common.loading')}</div>
        <table className="table" data-testid="products-table">
          <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th>{t('products.location')}</th><th className="num">{t('products.weight')}</th><th className="num">{t('products.available')}</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((s) => (
              <tr key={s.id} className={s.id === id ? 'selected' : ''} onClick={() => (window.location.hash = `#/products/${s.id}`)}>
                <td className="mono">{s.sku}</td><td>{s.name}</td><td className="mono">{s.location ?? ''}</td>
                <td className="num">{s.unitWeightG === null ? <span className="warn">{t('products.noWeight')}</span> : `${s.unitWeightG} g`}</td>
                <td className={`num ${s.stock.available < s.safetyStock ? 'warn' : ''}`}>{s.stock.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && <div className="empty">{t('common.none')}</div>}
      </section>
      <section className="pane detail-pane">{id ? <ProductDetail id={id} /> : <WeightProposals role={role} />}</section>
    </div>
  );
}

function ProductDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const sku = useLoad(() => call('getSku', { params: { id } }), [id]);
  const stock = useLoad(() => call('listStock', { query: { q: id.startsWith('sku_') ? undefined : id, limit: 50 } }), [id]);
  if (sku.error) return <div className="alert error">{sku.error}</div>;
  const s = sku.data;
  if (!s) return <div className="muted">{t('common.loading')}</div>;
  const rows = (stock.data?.items ?? []).filter((r) => r.skuId === s.id);
  return (
    <div className="detail" data-testid="product-detail">
      <header className="detail-head"><h2 className="mono">{s.sku}</h2><span>{s.name}</span></header>
      <div className="grid2">
        <div>
          <h3>{t('products.barcodes')}</h3>
          {s.barcodes.map((b) => <div key={b.code} className="mono">{b.code} <span className="muted small">{t('products.units', { count: b.units })}</span></div>)}
        </div>
        <div>
          <div>{t('products.weight')}: {s.unitWeightG === null ? <span className="warn">{t('products.noWeight')}</span> : `${s.unitWeightG} g`}</div>
          <div>{t('products.location')}: <span className="mono">{s.location ?? '—'}</span></div>
          <div>{t('products.price')}: {money(s.price, s.currency)}</div>
        </div>
      </div>
      <h3>{t('products.stock')}</h3>
      <div className="stockline">
        <span>{t('products.onHand')} <b>{s.stock.onHand}</b></span>
        <span>{t('orders.reserved')} <b>{s.stock.reserved}</b></span>
        <span>{t('products.inTransit')} <b>{s.stock.inTransit}</b></span>
        <span>{t('products.available')} <b>{s.stock.available}</b></span>
      </div>
      {rows.length > 0 && (
        <table className="table compact">
          <thead><tr><th>{t('products.location')}</th><th className="num">{t('products.onHand')}</th><th className="num">{t('orders.reserved')}</th><th className="num">{t('products.inTransit')}</th><th className="num">{t('products.available')}</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.location}><td className="mono">{r.location}</td><td className="num">{r.onHand}</td><td className="num">{r.reserved}</td><td className="num">{r.inTransit}</td><td className="num">{r.available}</td></tr>)}</tbody>
        </table>
      )}
      <p><a href={`#/orders`} onClick={() => sessionStorage.setItem('pl_q', s.sku)}>{t('nav.orders')} →</a></p>
    </div>
  );
}
