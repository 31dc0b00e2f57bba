import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETUP_STEPS, pinRequiredFor, type SetupStep, type Settings } from '../../../src-main/contract/settings';
import { ROLES, type BadgeCard } from '../../../src-main/contract/people';
import { PRINT_LANGUAGES } from '../../../src-main/contract/devices';
import type { SetupTestOrder } from '../../../src-main/contract/setup';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { getStation } from '../../lib/station';
import { ShopProfileForm, WarehouseForm } from '../settings/ShopProfile';
import { CarrierChooser, useCarrierName } from '../carriers/Carriers';
import { WaybillRanges } from '../labels/SettingsLabels';
import { CreateUser, FreshBadges } from '../people/Users';

// The first-run setup (#/setup): from an empty shop to a labelled parcel, one step after another.
// Progress is the `setup` setting, so it resumes where it was left; finishing closes it (an admin
// opens it again from Settings). Every step uses the same calls as the screens it stands for.

/** Tells the shell the setup was opened, moved on or finished (its banner follows). */
export const SETUP_CHANGED = 'pl:setup-changed';

const TEST_ORDER_KEY = 'pl-setup-test-order';

export function Setup() {
  const { t } = useTranslation();
  const loaded = useLoad(() => call('getSettings'), []);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [open, setOpen] = useState<SetupStep | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setSettings(loaded.data);
    setOpen(SETUP_STEPS.find((s) => !loaded.data!.setup.done.includes(s)) ?? null);
  }, [loaded.data]);
  if (!settings) return loaded.error ? <div className="alert error">{loaded.error}</div> : null;
  const done = settings.setup.done;

  const markDone = async (step: SetupStep) => {
    const next = SETUP_STEPS.filter((s) => s === step || done.includes(s));
    const s = await call('putSettings', { body: { setup: { open: true, done: next } } });
    setSettings(s);
    // the test parcel stays open: its waybill is the proof the shop works
    setOpen(step === 'testParcel' ? step : (SETUP_STEPS.find((x) => !next.includes(x)) ?? null));
    window.dispatchEvent(new Event(SETUP_CHANGED));
  };
  const finish = async () => {
    await call('putSettings', { body: { setup: { open: false, done: [...SETUP_STEPS] } } });
    localStorage.removeItem(TEST_ORDER_KEY);
    window.dispatchEvent(new Event(SETUP_CHANGED));
    location.hash = '#/orders';
  };
  const next = t('setup.next');
  const body = (step: SetupStep) => {
    switch (step) {
      case 'shop': return <ShopProfileForm settings={settings} submit={next} onSaved={(s) => (setSettings(s), void markDone('shop'))} />;
      case 'warehouse': return <WarehouseForm settings={settings} submit={next} onSaved={(s) => (setSettings(s), void markDone('warehouse'))} />;
      case 'carriers': return <CarrierChooser submit={next} onDone={() => void markDone('carriers')} />;
      case 'waybills': return <WaybillStep onDone={() => void markDone('waybills')} />;
      case 'printer': return <PrinterStep onDone={() => void markDone('printer')} />;
      case 'operator': return <OperatorStep settings={settings} onDone={() => void markDone('operator')} />;
      case 'testParcel': return <TestParcelStep onPacked={() => void markDone('testParcel')} />;
    }
  };
  const allDone = SETUP_STEPS.every((s) => done.includes(s));
  return (
    <section className="pane setup" data-testid="setup">
      <h1>{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <ol className="setup-steps">
        {SETUP_STEPS.map((step, i) => (
          <li key={step} data-step={step} className={`setup-step ${done.includes(step) ? 'done' : ''} ${open === step ? 'open' : ''}`}>
            <header>
              <span className="n">{done.includes(step) ? '✓' : i + 1}</span>
              <h2>{t(`setup.steps.${step}`)}</h2>
              {done.includes(step) && <span className="badge s-packed">{t('setup.doneMark')}</span>}
              {open !== step && <button className="ghost" onClick={() => setOpen(step)}>{done.includes(step) ? t('setup.edit') : t('setup.continue')}</button>}
            </header>
            {open === step && (
              <div className="body">
                <p className="muted">{t(`setup.hints.${step}`)}</p>
                {body(step)}
              </div>
            )}
          </li>
        ))}
      </ol>
      {allDone && <div className="alert ok">{t('setup.finished')} <button className="primary" data-testid="finish-setup" onClick={() => void finish()}>{t('setup.finish')}</button></div>}
    </section>
  );
}

/** Number ranges, with the same panel as Settings -> Labels; done once an active range has numbers. */
function WaybillStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [err, setErr] = useState<string | null>(null);
  const check = async () => {
    const r = await call('listWaybillRanges');
    if (!r.carriers.some((c) => c.remaining > 0)) return setErr(t('setup.waybillsNeedOne'));
    onDone();
  };
  return (
    <>
      <WaybillRanges admin />
      <button className="primary" data-testid="waybills-next" onClick={() => void check()}>{t('setup.next')}</button>
      {err && <div className="alert error">{err}</div>}
    </>
  );
}

/** The bench's label printer: saved through the station like on Devices, then a test label. */
function PrinterStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ address: '', language: 'zpl' as (typeof PRINT_LANGUAGES)[number] });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getStation().call('devices.settings', {}).then((s) => s.labelPrinter && setF({ address: s.labelPrinter.address, language: s.labelPrinter.language }), () => undefined);
  }, []);
  const test = async () => {
    setBusy(true);
    setMsg(null);
    try {
      await getStation().call('devices.assign', { role: 'labelPrinter', setting: { address: f.address, language: f.language, statusCheck: f.language === 'zpl' } });
      await getStation().call('devices.testLabel', { role: 'labelPrinter' });
      setMsg({ ok: true, text: t('setup.testPrinted') });
    } catch (e) {
      setMsg({ ok: false, text: failureText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form printer-step" onSubmit={(e) => (e.preventDefault(), void test())}>
      <label>{t('setup.printerAddress')}<input name="printerAddress" value={f.address} onChange={(e) => setF({ ...f, address: e.target.value })} placeholder="tcp://192.168.1.50:9100" required /></label>
      <label>{t('setup.printerLanguage')}
        <select name="printerLanguage" value={f.language} onChange={(e) => setF({ ...f, language: e.target.value as typeof f.language })}>{PRINT_LANGUAGES.map((l) => <option key={l} value={l}>{l}</option>)}</select>
      </label>
      <div className="wide">
        <button className="primary" type="submit" disabled={busy}>{t('setup.testPrint')}</button>{' '}
        {msg?.ok && <button type="button" data-testid="printer-next" onClick={onDone}>{t('setup.next')}</button>}{' '}
        <a href="#/devices">{t('setup.devicesLink')}</a>
      </div>
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'} wide`} role="status">{msg.text}</div>}
    </form>
  );
}

/** The first operator: created with a badge the core makes, shown once with its card to print; the
 *  step is done when the admin says the card is printed. */
function OperatorStep({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const [fresh, setFresh] = useState<BadgeCard[]>([]);
  if (fresh.length) return <FreshBadges cards={fresh} onDone={onDone} />;
  return <CreateUser fixedRole="operator" pinRoles={ROLES.filter((r) => pinRequiredFor(settings, r))} onCreated={(c) => setFresh([c])} />;
}

/** A test order packed at the bench like a real one; the step is done when its parcel is labelled. */
function TestParcelStep({ onPacked }: { onPacked: () => void }) {
  const { t } = useTranslation();
  const carriers = useLoad(() => call('listCarriers', { query: { active: 'true' } }), []);
  const name = useCarrierName();
  const [carrier, setCarrier] = useState('');
  const [order, setOrder] = useState<SetupTestOrder | null>(() => JSON.parse(localStorage.getItem(TEST_ORDER_KEY) ?? 'null') as SetupTestOrder | null);
  const [waybill, setWaybill] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const chosen = carrier || carriers.data?.items[0]?.code || '';
  const make = async () => {
    try {
      const o = await call('createSetupTestOrder', { body: { carrier: chosen } });
      localStorage.setItem(TEST_ORDER_KEY, JSON.stringify(o));
      setOrder(o);
      setErr(null);
    } catch (e) {
      setErr(failureText(e));
    }
  };
  // watch the order until the bench has labelled its parcel
  useEffect(() => {
    if (!order || waybill) return;
    let stop = false;
    const look = async () => {
      const parcels = await call('listParcels', { params: { id: order.orderId } }).catch(() => null);
      const labelled = parcels?.items.find((p) => p.state === 'labelled');
      if (stop) return;
      if (labelled) {
        setWaybill(labelled.waybill);
        onPacked();
      } else setTimeout(() => void look(), 1500);
    };
    void look();
    return () => {
      stop = true;
    };
  }, [order, waybill, onPacked]);
  return (
    <div className="test-parcel">
      <form className="form" onSubmit={(e) => (e.preventDefault(), void make())}>
        <label>{t('setup.carrier')}
          <select name="testCarrier" value={chosen} onChange={(e) => setCarrier(e.target.value)}>{(carriers.data?.items ?? []).map((c) => <option key={c.code} value={c.code}>{name(c)}</option>)}</select>
        </label>
        <div><button className={order ? '' : 'primary'} type="submit">{t('setup.makeOrder')}</button></div>
      </form>
      {err && <div className="alert error">{err}</div>}
      {order && (
        <div className="alert warning" data-testid="test-order">
          <div>{t('setup.orderMade', { number: order.orderNumber })}</div>
          <div><strong>{t('setup.howToPack', { number: order.orderNumber, item: order.itemBarcode })}</strong></div>
          <div className="muted" role="status">{waybill ? t('setup.packed', { waybill }) : t('setup.waiting')}</div>
          {waybill && <a href={`#/orders/${order.orderId}`}>{t('setup.openOrders')}</a>}
        </div>
      )}
    </div>
  );
}
