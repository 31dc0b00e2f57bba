// Stock per SKU and bin, the products under their safety stock, and (lead, admin) a panel to
// adjust, count or move the stock of a row, always with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import type { StockRow } from '../../../src-main/contract/inventory';
import { WarehousePicker, useWarehouseChoice } from '../dispatch/WarehousePicker';

export function StockList({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [below, setBelow] = useState(false);
  const [picked, setPicked] = useState<StockRow | null>(null);
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const list = useLoad(() => call('listStock', { query: { q: search, belowSafety: below ? 'true' : undefined, limit: 300, warehouse: warehouse || undefined } }), [search, below, warehouse]);
  const alerts = useLoad(() => call('stockAlerts'), []);
  useLiveReload((e) => e.type.startsWith('stock.'), () => (list.reload(), alerts.reload()));
  return (
    <div className="split">
      <section className="pane list-pane">
        {alerts.data && alerts.data.count > 0 && (
          <div className="alert warning" data-testid="safety-alerts">
            <b>{t('inventory.alerts', { count: alerts.data.count })}</b>{' '}
            {alerts.data.items.slice(0, 8).map((a) => <a key={a.skuId} className="chip" href={`#/products/${a.skuId}`}>{a.sku} <span className="count">{a.available}/{a.safetyStock}</span></a>)}
            {!below && <button className="ghost" onClick={() => setBelow(true)}>{t('inventory.showAlerts')}</button>}
          </div>
        )}
        <form className="searchbar" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
          <input name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('inventory.searchPlaceholder')} autoFocus autoComplete="off" />
          <button className="primary" type="submit">{t('common.search')}</button>
          <label className="check"><input type="checkbox" checked={below} onChange={(e) => setBelow(e.target.checked)} /> {t('inventory.belowSafety')}</label>
          <WarehousePicker value={warehouse} onChange={setWarehouse} />
        </form>
        {list.error && <div className="alert error">{list.error}</div>}
        <table className="table" data-testid="stock-table">
          <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th>{t('products.location')}</th><th>{t('warehouses.column')}</th><th className="num">{t('products.onHand')}</th><th className="num">{t('orders.reserved')}</th><th className="num">{t('products.inTransit')}</th><th className="num">{t('products.available')}</th><th className="num">{t('inventory.safety')}</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr key={r.skuId + r.location} className={`${r.belowSafety ? 'low' : ''} ${picked?.skuId === r.skuId && picked.location === r.location ? 'selected' : ''}`} onClick={() => setPicked(r)}>
                <td className="mono"><a href={`#/products/${r.skuId}`} onClick={(e) => e.stopPropagation()}>{r.sku}</a></td><td>{r.name}</td><td className="mono">{r.location}</td><td className="mono" data-col="warehouse">{r.warehouse}</td>
                <td className="num">{r.onHand}</td><td className="num">{r.reserved}</td><td className="num">{r.inTransit}</td><td className="num"><b>{r.available}</b></td><td className="num">{r.safetyStock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="pane detail-pane">
        {manage ? <StockChange key={picked ? picked.skuId + picked.location : ''} row={picked} onDone={() => (list.reload(), alerts.reload())} /> : <div className="muted">{t('inventory.readOnly')}</div>}
      </section>
    </div>
  );
}

type Kind = 'adjust' | 'count' | 'move';

function StockChange({ row, onDone }: { row: StockRow | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('adjust');
  const [sku, setSku] = useState(row?.sku ?? '');
  const [bin, setBin] = useState(row?.location ?? '');
  const [qty, setQty] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const apply = async (e: React.FormEvent) => {
    e.preventDefault();
    setMsg(null);
    try {
      const n = Number(qty);
      if (kind === 'move') {
        const r = await call('moveStock', { body: { sku, from: bin, to, qty: n, reason } });
        setMsg({ ok: true, text: t('inventory.moved', { from: r.from.location, fromOnHand: r.from.onHand, to: r.to.location, toOnHand: r.to.onHand }) });
      } else {
        const r = kind === 'count' ? await call('countStock', { body: { sku, location: bin, counted: n, reason } }) : await call('adjustStock', { body: { sku, location: bin, onHandDelta: n, inTransitDelta: 0, reason } });
        setMsg({ ok: true, text: t('inventory.done', { sku: r.sku, bin: r.location, onHand: r.onHand }) });
      }
      setQty('');
      onDone();
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, {
        sku: t('inventory.sku'), location: t('inventory.bin'), from: t('inventory.bin'), to: t('inventory.toBin'), reason: t('inventory.reason'),
        qty: t('inventory.qty'), counted: t('inventory.counted'), onHandDelta: t('inventory.delta'),
      }) });
    }
  };
  return (
    <form className="product-form" onSubmit={apply} data-testid="stock-change">
      <h3>{t('inventory.change')}</h3>
      <p className="muted small">{t('inventory.changeHint')}</p>
      <div className="chips">
        {(['adjust', 'count', 'move'] as const).map((k) => <button type="button" key={k} className={`chip ${kind === k ? 'on' : ''}`} onClick={() => setKind(k)}>{t(`inventory.kinds.${k}`)}</button>)}
      </div>
      <div className="form-row">
        <label>{t('inventory.sku')}<input name="sku" className="mono" value={sku} onChange={(e) => setSku(e.target.value)} required autoComplete="off" /></label>
        <label>{t('inventory.bin')}<input name="bin" className="mono" value={bin} onChange={(e) => setBin(e.target.value)} required autoComplete="off" /></label>
      </div>
      <div className="form-row">
        <label>{kind === 'adjust' ? t('inventory.delta') : kind === 'count' ? t('inventory.counted') : t('inventory.qty')}<input name="qty" type="number" value={qty} onChange={(e) => setQty(e.target.value)} required /></label>
        {kind === 'move' && <label>{t('inventory.toBin')}<input name="to" className="mono" value={to} onChange={(e) => setTo(e.target.value)} required autoComplete="off" /></label>}
      </div>
      <label>{t('inventory.reason')}<input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required autoComplete="off" /></label>
      <div className="actions"><button className="primary" type="submit">{t('inventory.apply')}</button></div>
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="status">{msg.text}</div>}
    </form>
  );
}
