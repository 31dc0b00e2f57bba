// Orders taken by hand (a customer on the phone): a new order with its lines (SKUs found by code,
// barcode or name), and a new recipient or address for an order not shipped yet. An address change
// asks why: it is in the order's history and the audit log, and it stops a bench holding the order.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Address, Order } from '../../../src-main/contract/orders';
import type { Role } from '../../../src-main/contract/people';
import { WRITE_ORDERS } from '../../../src-main/contract/routing';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import './order-form.css';

/** Past these an address change cannot reach the parcel (the core refuses it too). */
const ADDRESS_FINAL = ['shipped', 'returned', 'cancelled'];

const EMPTY_ADDRESS: Address = { name: '', phone: '', country: 'CN', province: '', city: '', district: '', address1: '', address2: '', postcode: '' };

/** Optional address parts left empty are left out, as the core stores them. */
const cleanAddress = (a: Address): Address =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== '')) as Address;

/**
 * A native modal dialog: Escape closes it, focus stays inside. In a portal: the button that opens it
 * may sit in another form (the Orders search bar), and forms must not nest.
 */
function Dialog({ open, onClose, title, children, testId }: { open: boolean; onClose: () => void; title: string; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return createPortal(
    <dialog ref={ref} className="order-dialog" onClose={onClose} data-testid={testId}>
      <header><h2>{title}</h2><button type="button" className="ghost" onClick={onClose} aria-label="close">✕</button></header>
      {open && children}
    </dialog>,
    document.body,
  );
}

/** A form's submit handled here only (React bubbles it to the form around the portal too). */
function onSubmitOnly(run: () => Promise<void>) {
  return (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void run();
  };
}

/** The address fields' labels by their API paths (shipTo.phone -> Phone), for a refusal. */
const shipToLabels = (t: (key: string) => string) =>
  Object.fromEntries((['name', 'phone', 'country', 'province', 'city', 'district', 'address1', 'address2', 'postcode'] as const).map((k) => [`shipTo.${k}`, t(`orderForm.${k}`)]));

function AddressFields({ value, onChange }: { value: Address; onChange: (a: Address) => void }) {
  const { t } = useTranslation();
  const field = (k: keyof Address, required = false, wide = false) => (
    <label className={wide ? 'wide' : ''}>
      {t(`orderForm.${k}`)}{required ? ' *' : ''}
      <input name={k} value={value[k] ?? ''} required={required} onChange={(e) => onChange({ ...value, [k]: e.target.value })} autoComplete="off" />
    </label>
  );
  return (
    <fieldset className="form-grid">
      {field('name', true)}{field('phone', true)}{field('country', true)}{field('province')}{field('city', true)}{field('district')}
      {field('address1', true, true)}{field('address2')}{field('postcode')}
    </fieldset>
  );
}

interface LineDraft { sku: string; name: string; qty: number }

/** Finds a product by SKU, barcode or name and adds it as a line. */
function SkuSearch({ onPick }: { onPick: (l: LineDraft) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const found = useLoad(() => (search ? call('listSkus', { query: { q: search, limit: 8 } }) : Promise.resolve(null)), [search]);
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(q.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [q]);
  return (
    <div className="sku-search">
      <input name="skuSearch" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('orderForm.skuSearch')} autoComplete="off"
        onKeyDown={(e) => {
          // a scanned barcode or a typed SKU with one hit is added on Enter
          if (e.key === 'Enter') {
            e.preventDefault();
            const only = found.data?.items.length === 1 ? found.data.items[0]! : found.data?.items.find((s) => s.sku === q.trim());
            if (!only) return;
            onPick({ sku: only.sku, name: only.name, qty: 1 });
            setQ('');
          }
        }} />
      {search && found.data && (
        <ul className="sku-hits" data-testid="sku-hits">
          {found.data.items.map((s) => (
            <li key={s.id}>
              <button type="button" className="ghost" onClick={() => (onPick({ sku: s.sku, name: s.name, qty: 1 }), setQ(''))} data-sku={s.sku}>
                <span className="mono">{s.sku}</span> {s.name} <span className="muted small">{t('orderForm.available', { count: s.stock.available })}</span>
              </button>
            </li>
          ))}
          {found.data.items.length === 0 && <li className="muted small">{t('common.none')}</li>}
        </ul>
      )}
    </div>
  );
}

/** "New phone order" for leads and admins: the button and its form. */
export function NewOrderButton({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!WRITE_ORDERS.includes(role)) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="new-order">{t('orderForm.new')}</button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('orderForm.newTitle')} testId="order-form">
        <NewOrderForm onDone={(id) => (setOpen(false), (window.location.hash = `#/orders/${id}`))} />
      </Dialog>
    </>
  );
}

/** A channel number a person can read out on the phone: TEL-<date>-<time>. */
const phoneOrderNumber = () => `TEL-${new Date().toISOString().replace(/\D/g, '').slice(2, 14)}`;

function NewOrderForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [shipTo, setShipTo] = useState<Address>(EMPTY_ADDRESS);
  const [externalId, setExternalId] = useState(phoneOrderNumber);
  const [carrier, setCarrier] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per form: a double click or a retry after a timeout never makes a second order.
  const [key] = useState(() => crypto.randomUUID());
  const carriers = useLoad(() => call('listWaybillRanges'), []);

  const add = (l: LineDraft) => setLines((ls) => (ls.some((x) => x.sku === l.sku) ? ls.map((x) => (x.sku === l.sku ? { ...x, qty: x.qty + 1 } : x)) : [...ls, l]));
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const o = await call('createOrder', {
        body: { channel: 'phone', externalId: externalId.trim(), shipTo: cleanAddress(shipTo), lines: lines.map((l) => ({ sku: l.sku, qty: l.qty })), carrier: carrier.trim() || undefined, note: note.trim() || undefined },
        idempotencyKey: key,
      });
      onDone(o.id);
    } catch (e) {
      setError(failureText(e, {
        externalId: t('orderForm.externalId'), carrier: t('orders.carrier'), note: t('orderForm.note'), lines: t('orders.lines'), ...shipToLabels(t),
        ...Object.fromEntries(lines.map((l, i) => [`lines.${i}`, `${t('orders.lines')} ${l.sku}`])),
      }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="order-form" onSubmit={onSubmitOnly(submit)}>
      <fieldset className="form-grid">
        <label>{t('orderForm.externalId')} *<input name="externalId" value={externalId} onChange={(e) => setExternalId(e.target.value)} required /></label>
        <label>{t('orders.carrier')}
          <input name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} list="order-form-carriers" autoComplete="off" />
          <datalist id="order-form-carriers">{(carriers.data?.carriers ?? []).map((c) => <option key={c.carrier} value={c.carrier} />)}</datalist>
        </label>
      </fieldset>
      <h3>{t('orders.shipTo')}</h3>
      <AddressFields value={shipTo} onChange={setShipTo} />
      <h3>{t('orders.lines')}</h3>
      <SkuSearch onPick={add} />
      <table className="table compact" data-testid="order-form-lines">
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.sku} data-sku={l.sku}>
              <td className="mono">{l.sku}</td><td>{l.name}</td>
              <td className="num"><input name={`qty-${l.sku}`} type="number" min={1} max={10000} value={l.qty} onChange={(e) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, qty: Math.max(1, Number(e.target.value) || 1) } : x)))} /></td>
              <td><button type="button" className="ghost" onClick={() => setLines((ls) => ls.filter((_x, j) => j !== i))}>{t('orderForm.remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length === 0 && <div className="muted small">{t('orderForm.noLines')}</div>}
      <label className="wide">{t('orderForm.note')}<textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} /></label>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="actions"><button className="primary" type="submit" disabled={busy || lines.length === 0}>{t('orderForm.create')}</button></div>
    </form>
  );
}

/** "Change address" on an order not shipped yet, for leads and admins: the button and its form. */
export function ChangeAddressButton({ order, role }: { order: Order; role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!WRITE_ORDERS.includes(role) || ADDRESS_FINAL.includes(order.state)) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="change-address">{t('orderForm.changeAddress')}</button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('orderForm.changeTitle', { number: order.number })} testId="address-form">
        <ChangeAddressForm order={order} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ChangeAddressForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation();
  const [shipTo, setShipTo] = useState<Address>({ ...EMPTY_ADDRESS, ...order.shipTo });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await call('changeShipTo', { params: { id: order.id }, body: { shipTo: cleanAddress(shipTo), reason: reason.trim(), expectedVersion: order.version } });
      onDone();
    } catch (e) {
      setError(failureText(e, { reason: t('orderForm.why'), shipTo: t('orders.shipTo'), ...shipToLabels(t) }));
    }
  };
  return (
    <form className="order-form" onSubmit={onSubmitOnly(submit)}>
      {['packing', 'packed'].includes(order.state) && <div className="alert warning">{t('orderForm.onBench')}</div>}
      <AddressFields value={shipTo} onChange={setShipTo} />
      <label className="wide">{t('orderForm.why')} *<input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required placeholder={t('orderForm.whyHint')} /></label>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="actions"><button className="primary" type="submit" disabled={!reason.trim()}>{t('orderForm.saveAddress')}</button></div>
    </form>
  );
}
