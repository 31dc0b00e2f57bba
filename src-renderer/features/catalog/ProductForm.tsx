// Creating or editing a product: codes, name, barcodes with case quantities, weight, size, bin,
// safety stock, price. The core checks everything; its refusal names the field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import type { Sku, SkuInput } from '../../../src-main/contract/catalog';

type Draft = { sku: string; name: string; barcodes: { code: string; units: string }[]; unitWeightG: string; lengthMm: string; widthMm: string; heightMm: string; location: string; safetyStock: string; price: string; currency: string };

const draftOf = (s?: Sku): Draft => ({
  sku: s?.sku ?? '', name: s?.name ?? '', barcodes: s ? s.barcodes.map((b) => ({ code: b.code, units: String(b.units) })) : [{ code: '', units: '1' }],
  unitWeightG: s?.unitWeightG?.toString() ?? '', lengthMm: s?.lengthMm?.toString() ?? '', widthMm: s?.widthMm?.toString() ?? '', heightMm: s?.heightMm?.toString() ?? '',
  location: s?.location ?? '', safetyStock: s ? String(s.safetyStock) : '', price: s?.price != null ? (s.price / 100).toFixed(2) : '', currency: s?.currency ?? 'CNY',
});

/** A number field: empty is "not given"; anything else goes to the core as typed (it refuses what is not a number). */
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

function inputOf(d: Draft): SkuInput {
  return {
    sku: d.sku, name: d.name, barcodes: d.barcodes.filter((b) => b.code.trim()).map((b) => ({ code: b.code.trim(), units: Number(b.units) || 1 })),
    unitWeightG: num(d.unitWeightG), lengthMm: num(d.lengthMm), widthMm: num(d.widthMm), heightMm: num(d.heightMm),
    location: d.location.trim() || undefined, safetyStock: num(d.safetyStock), price: d.price.trim() ? Math.round(Number(d.price) * 100) : undefined, currency: d.currency.trim() || undefined,
  };
}

export function ProductForm({ sku, onSaved, onCancel }: { sku?: Sku; onSaved: (s: Sku) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(sku));
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement>) => setD({ ...d, [k]: e.target.value });
  const setBarcode = (i: number, k: 'code' | 'units', v: string) => setD({ ...d, barcodes: d.barcodes.map((b, j) => (j === i ? { ...b, [k]: v } : b)) });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onSaved(sku ? await call('updateSku', { params: { id: sku.id }, body: inputOf(d) }) : await call('createSku', { body: inputOf(d) }));
    } catch (err) {
      setError(failureText(err, labels()));
    }
  };
  /** The form's labels by the API's paths; a barcode by its row on screen (empty rows are not sent). */
  const labels = () => ({
    sku: t('products.sku'), name: t('products.name'), unitWeightG: t('products.weightG'), location: t('products.location'), safetyStock: t('products.safetyStock'),
    lengthMm: `${t('products.lengthMm')} (mm)`, widthMm: `${t('products.widthMm')} (mm)`, heightMm: `${t('products.heightMm')} (mm)`,
    price: t('products.price'), currency: t('products.currency'), barcodes: t('products.barcodes'),
    ...Object.fromEntries(d.barcodes.flatMap((b, row) => (b.code.trim() ? [row] : [])).flatMap((row, i) => [
      [`barcodes.${i}.code`, `${t('products.barcodes')} ${row + 1}`], [`barcodes.${i}.units`, `${t('products.caseUnits')} (${t('products.barcodes')} ${row + 1})`],
    ])),
  });
  const field = (k: keyof Draft, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>{label}<input name={k} value={d[k] as string} onChange={set(k)} autoComplete="off" {...extra} /></label>
  );
  return (
    <form className="product-form" onSubmit={save} data-testid="product-form">
      <div className="form-row">{field('sku', t('products.sku'), { required: true, className: 'mono' })}{field('name', t('products.name'), { required: true })}</div>
      <fieldset>
        <legend>{t('products.barcodes')}</legend>
        {d.barcodes.map((b, i) => (
          <div className="form-row barcode-row" key={i}>
            <input name={`barcode-${i}`} className="mono" value={b.code} placeholder={t('products.code')} onChange={(e) => setBarcode(i, 'code', e.target.value)} autoComplete="off" />
            <label className="inline">{t('products.caseUnits')}<input name={`units-${i}`} type="number" min={1} value={b.units} onChange={(e) => setBarcode(i, 'units', e.target.value)} /></label>
            <button type="button" className="ghost" onClick={() => setD({ ...d, barcodes: d.barcodes.filter((_, j) => j !== i) })}>{t('products.remove')}</button>
          </div>
        ))}
        <button type="button" onClick={() => setD({ ...d, barcodes: [...d.barcodes, { code: '', units: '1' }] })} data-testid="add-barcode">{t('products.addBarcode')}</button>
      </fieldset>
      <div className="form-row">
        {field('unitWeightG', t('products.weightG'), { inputMode: 'numeric' })}
        {field('location', t('products.location'), { className: 'mono', placeholder: 'A-03-12-2' })}
        {field('safetyStock', t('products.safetyStock'), { inputMode: 'numeric' })}
      </div>
      <div className="form-row">
        {field('lengthMm', `${t('products.lengthMm')} (mm)`, { inputMode: 'numeric' })}
        {field('widthMm', `${t('products.widthMm')} (mm)`, { inputMode: 'numeric' })}
        {field('heightMm', `${t('products.heightMm')} (mm)`, { inputMode: 'numeric' })}
      </div>
      <div className="form-row">{field('price', t('products.price'), { inputMode: 'decimal' })}{field('currency', t('products.currency'), { maxLength: 3 })}</div>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="actions">
        <button className="primary" type="submit" data-testid="save-product">{sku ? t('common.save') : t('products.create')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}
