// One product: its picture, barcodes, weight, size, bin, stock per bin and channel SKUs; a lead or
// an admin edits it, uploads its image, deactivates it. #/products/new is the same form, empty.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { money } from '../../lib/ui';
import type { Sku } from '../../../src-main/contract/catalog';
import { ProductForm } from './ProductForm';
import { Mappings } from './Mappings';

export function ProductDetail({ id, manage, onChanged }: { id: string; manage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const isNew = id === 'new';
  const sku = useLoad(() => (isNew ? Promise.resolve(null) : call('getSku', { params: { id } })), [id]);
  const [editing, setEditing] = useState(isNew);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setEditing(isNew), [isNew]);
  if (isNew) {
    if (!manage) return <div className="alert warning">{t('products.readOnly')}</div>;
    return (
      <div className="detail" data-testid="product-detail">
        <header className="detail-head"><h2>{t('products.new')}</h2></header>
        <ProductForm onSaved={(s) => (onChanged(), (window.location.hash = `#/products/${s.id}`))} />
      </div>
    );
  }
  if (sku.error) return <div className="alert error">{sku.error}</div>;
  const s = sku.data;
  if (!s) return <div className="muted">{t('common.loading')}</div>;
  const changed = (next: Sku, text: string) => {
    setMsg({ ok: true, text });
    setEditing(false);
    sku.reload();
    onChanged();
    return next;
  };
  const act = async (fn: () => Promise<Sku>, text: string) => {
    try {
      changed(await fn(), text);
    } catch (e) {
      setMsg({ ok: false, text: failureText(e) });
    }
  };
  const upload = (file: File | undefined) => file && act(() => call('putSkuImage', { params: { id: s.id }, body: file as unknown as string }), t('products.saved'));
  return (
    <div className="detail" data-testid="product-detail">
      <header className="detail-head">
        {s.imageUrl && <img className="product-image" src={s.imageUrl} alt={s.name} data-testid="product-image" />}
        <h2 className="mono">{s.sku}</h2><span>{s.name}</span>
        {!s.active && <span className="badge tag">{t('products.deactivated')}</span>}
      </header>
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="status">{msg.text}</div>}
      {manage && !editing && (
        <div className="actions">
          <button onClick={() => setEditing(true)} data-testid="edit-product">{t('products.edit')}</button>
          <label className="button file-button">{t('products.uploadImage')}<input type="file" accept="image/png,image/jpeg,image/webp,image/gif" hidden onChange={(e) => upload(e.target.files?.[0])} data-testid="image-file" /></label>
          {s.imageUrl && <button onClick={() => act(() => call('deleteSkuImage', { params: { id: s.id } }), t('products.saved'))}>{t('products.removeImage')}</button>}
          <button className={s.active ? 'danger' : 'secondary'} title={t('products.deactivateHint')} onClick={() => act(() => call('updateSku', { params: { id: s.id }, body: { active: !s.active } }), t('products.saved'))}>
            {s.active ? t('products.deactivate') : t('products.reactivate')}
          </button>
        </div>
      )}
      {editing ? (
        <ProductForm sku={s} onSaved={(next) => changed(next, t('products.saved'))} onCancel={() => setEditing(false)} />
      ) : (
        <div className="grid2">
          <div>
            <h3>{t('products.barcodes')}</h3>
            {s.barcodes.map((b) => <div key={b.code} className="mono">{b.code} <span className="muted small">{t('products.units', { count: b.units })}</span></div>)}
          </div>
          <div>
            <div>{t('products.weight')}: {s.unitWeightG === null ? <span className="warn">{t('products.noWeight')}</span> : `${s.unitWeightG} g`}</div>
            <div>{t('products.dimensions')}: {s.lengthMm ?? '—'} × {s.widthMm ?? '—'} × {s.heightMm ?? '—'}</div>
            <div>{t('products.location')}: <span className="mono">{s.location ?? '—'}</span></div>
            <div>{t('products.price')}: {money(s.price, s.currency)}</div>
            <div>{t('products.safetyStock')}: {s.safetyStock}</div>
          </div>
        </div>
      )}
      <h3>{t('products.stock')}</h3>
      <div className="stockline">
        <span>{t('products.onHand')} <b>{s.stock.onHand}</b></span>
        <span>{t('orders.reserved')} <b>{s.stock.reserved}</b></span>
        <span>{t('products.inTransit')} <b>{s.stock.inTransit}</b></span>
        <span className={s.stock.available < s.safetyStock ? 'warn' : ''}>{t('products.available')} <b>{s.stock.available}</b></span>
        <a href={`#/inventory/movements`} onClick={() => sessionStorage.setItem('pl_movements_sku', s.sku)}>{t('inventory.tabs.movements')} →</a>
      </div>
      <Mappings sku={s.sku} manage={manage} />
      <p><a href={`#/orders`} onClick={() => sessionStorage.setItem('pl_q', s.sku)}>{t('nav.orders')} →</a></p>
    </div>
  );
}
