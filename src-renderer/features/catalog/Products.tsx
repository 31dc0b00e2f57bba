// The Products screen: #/products (list and search), #/products/<id> (a product, editable by a
// lead or an admin), #/products/new, #/products/box-types, #/products/bins.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { MANAGE } from '../../../src-main/contract/routing';
import { WeightProposals } from '../packing/WeightProposals';
import type { Role } from '../../../src-main/contract/people';
import { ProductDetail } from './ProductDetail';
import { ProductFile } from './ProductFile';
import { BoxTypes } from './BoxTypes';
import { Bins } from './Bins';

const STATUSES = ['active', 'inactive', 'all'] as const;
const PAGES = { 'box-types': 'boxTypes', bins: 'bins' } as const;

export function Products({ id, role }: { id?: string; role: Role }) {
  const { t } = useTranslation();
  const page = id && id in PAGES ? PAGES[id as keyof typeof PAGES] : 'products';
  return (
    <div className="catalog">
      <nav className="tabs" aria-label={t('nav.products')}>
        <a href="#/products" className={page === 'products' ? 'active' : ''}>{t('products.tabs.products')}</a>
        <a href="#/products/box-types" className={page === 'boxTypes' ? 'active' : ''}>{t('products.tabs.boxTypes')}</a>
        <a href="#/products/bins" className={page === 'bins' ? 'active' : ''}>{t('products.tabs.bins')}</a>
      </nav>
      {page === 'boxTypes' ? <BoxTypes role={role} /> : page === 'bins' ? <Bins role={role} /> : <ProductList id={id} role={role} />}
    </div>
  );
}

function ProductList({ id, role }: { id?: string; role: Role }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('active');
  const input = useRef<HTMLInputElement>(null);
  const list = useLoad(() => call('listSkus', { query: { q: search, status, limit: 100 } }), [search, status]);
  const manage = MANAGE.includes(role);
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
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label={t('products.status.all')}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`products.status.${s}`)}</option>)}
          </select>
        </form>
        <div className="catalog-tools">
          {manage && <a className="button primary" href="#/products/new" data-testid="new-product">{t('products.new')}</a>}
          <ProductFile manage={manage} onImported={list.reload} />
        </div>
        {list.error && <div className="alert error">{list.error}</div>}
        <div className="muted small">{list.data ? t('common.total', { count: list.data.total }) : t('common.loading')}</div>
        <table className="table" data-testid="products-table">
          <thead><tr><th>{t('products.image')}</th><th>SKU</th><th>{t('orders.name')}</th><th>{t('products.location')}</th><th className="num">{t('products.weight')}</th><th className="num">{t('products.available')}</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((s) => (
              <tr key={s.id} className={`${s.id === id ? 'selected' : ''} ${s.active ? '' : 'inactive'}`} onClick={() => (window.location.hash = `#/products/${s.id}`)}>
                <td>{s.imageUrl ? <img className="thumb" src={s.imageUrl} alt="" loading="lazy" /> : null}</td>
                <td className="mono">{s.sku}</td><td>{s.name}{!s.active && <span className="badge tag">{t('products.deactivated')}</span>}</td><td className="mono">{s.location ?? ''}</td>
                <td className="num">{s.unitWeightG === null ? <span className="warn">{t('products.noWeight')}</span> : `${s.unitWeightG} g`}</td>
                <td className={`num ${s.stock.available < s.safetyStock ? 'warn' : ''}`}>{s.stock.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && <div className="empty">{t('common.none')}</div>}
      </section>
      <section className="pane detail-pane">
        {id ? <ProductDetail key={id} id={id} manage={manage} onChanged={list.reload} /> : <WeightProposals role={role} />}
      </section>
    </div>
  );
}
