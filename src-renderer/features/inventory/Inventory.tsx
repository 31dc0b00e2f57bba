import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

export function Inventory() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [below, setBelow] = useState(false);
  const list = useLoad(() => call('listStock', { query: { q: search, belowSafety: below ? 'true' : undefined, limit: 300 } }), [search, below]);
  return (
    <section className="pane">
      <form className="searchbar" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
        <input name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('inventory.searchPlaceholder')} autoFocus autoComplete="off" />
        <button className="primary" type="submit">{t('common.search')}</button>
        <label className="check"><input type="checkbox" checked={below} onChange={(e) => setBelow(e.target.checked)} /> {t('inventory.belowSafety')}</label>
      </form>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table">
        <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th>{t('products.location')}</th><th className="num">{t('products.onHand')}</th><th className="num">{t('orders.reserved')}</th><th className="num">{t('products.inTransit')}</th><th className="num">{t('products.available')}</th><th className="num">{t('inventory.safety')}</th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((r) => (
            <tr key={r.skuId + r.location} className={r.belowSafety ? 'low' : ''}>
              <td className="mono"><a href={`#/products/${r.skuId}`}>{r.sku}</a></td><td>{r.name}</td><td className="mono">{r.location}</td>
              <td className="num">{r.onHand}</td><td className="num">{r.reserved}</td><td className="num">{r.inTransit}</td><td className="num"><b>{r.available}</b></td><td className="num">{r.safetyStock}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
