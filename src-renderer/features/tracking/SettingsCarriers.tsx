// Settings -> Carrier accounts (issue 16): per carrier, number ranges or a Kuaidi100 e-waybill account
// (key, secret, carrier account, label, service, payment), a test call, and the stall rules tracking uses.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { PAY_TYPES, WAYBILL_SOURCES, WAYBILL_TEMPLATES, type CarrierAccount } from '../../../src-main/contract/shipping';
import { call, failureText, saidText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import { WarehousePicker, useWarehouseChoice, useWarehouses } from '../dispatch/WarehousePicker';

const EMPTY = {
  warehouse: '', senderName: '', senderPhone: '', senderAddress: '', carrier: '', source: 'kuaidi100' as CarrierAccount['source'], template: 'cn-ewaybill-76x130' as CarrierAccount['template'], apiBase: '', pollBase: '', key: '', secret: '',
  customer: '', partnerId: '', partnerKey: '', net: '', service: '', payType: 'MONTHLY' as CarrierAccount['payType'], insuredYuan: '0', callbackUrl: '', timeoutMs: '8000',
};

const formOf = (a: CarrierAccount, codeOf: (id: string | null) => string): typeof EMPTY => ({
  warehouse: codeOf(a.warehouseId), senderName: a.sender.name, senderPhone: a.sender.phone, senderAddress: a.sender.address, carrier: a.carrier, source: a.source, template: a.template, apiBase: a.apiBase, pollBase: a.pollBase, key: a.key, secret: '', customer: a.customer, partnerId: a.partnerId,
  partnerKey: '', net: a.net, service: a.service, payType: a.payType, insuredYuan: String(a.insuredYuan), callbackUrl: a.callbackUrl, timeoutMs: String(a.timeoutMs),
});

export function SettingsCarriers({ role }: { role: Role }) {
  const { t } = useTranslation();
  if (role !== 'lead' && role !== 'admin') return <p className="muted">{t('carrierAccounts.noAccess')}</p>;
  return (
    <div className="settings-carriers">
      <CarrierAccounts admin={role === 'admin'} />
      <StallRules />
    </div>
  );
}

function CarrierAccounts({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  // the picker shows a warehouse's accounts (its own and the shop-wide ones); the form starts on it
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const warehouses = useWarehouses().data?.items ?? [];
  const codeOf = (id: string | null) => warehouses.find((w) => w.id === id)?.code ?? '';
  const nameOf = (id: string | null) => (id ? warehouses.find((w) => w.id === id)?.name ?? id : t('carrierAccounts.shopWide'));
  const list = useLoad(() => call('listCarrierAccounts', { query: warehouse ? { warehouse } : {} }), [warehouse]);
  const [form, setForm] = useState({ ...EMPTY, warehouse });
  const [stored, setStored] = useState<CarrierAccount | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const save = async () => {
    try {
      const a = await call('putCarrierAccount', {
        params: { carrier: form.carrier.trim() },
        body: {
          warehouse: form.warehouse, sender: { name: form.senderName, phone: form.senderPhone, address: form.senderAddress },
          source: form.source, template: form.template, apiBase: form.apiBase, pollBase: form.pollBase, key: form.key, ...(form.secret ? { secret: form.secret } : {}),
          customer: form.customer, partnerId: form.partnerId, ...(form.partnerKey ? { partnerKey: form.partnerKey } : {}), net: form.net, service: form.service,
          payType: form.payType, insuredYuan: Number(form.insuredYuan || 0), callbackUrl: form.callbackUrl, timeoutMs: Number(form.timeoutMs || 8000),
        },
      });
      setMsg({ ok: true, text: t('carrierAccounts.saved', { carrier: a.carrier }) });
      setStored(a);
      setForm(formOf(a, codeOf));
      list.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, {
        ...Object.fromEntries(([
          'warehouse', 'carrier', 'source', 'template', 'apiBase', 'pollBase', 'key', 'secret', 'customer', 'partnerId', 'partnerKey', 'net', 'service', 'payType',
          'insuredYuan', 'callbackUrl', 'timeoutMs',
        ] as const).map((k) => [k, t(`carrierAccounts.${k}`)])),
        'path.carrier': t('carrierAccounts.carrier'), 'sender.name': t('carrierAccounts.senderName'), 'sender.phone': t('carrierAccounts.senderPhone'), 'sender.address': t('carrierAccounts.senderAddress'),
      }) });
    }
  };
  const test = async (a: CarrierAccount) => {
    try {
      const code = codeOf(a.warehouseId);
      const r = await call('testCarrierAccount', { params: { carrier: a.carrier }, query: code ? { warehouse: code } : {} });
      setMsg({ ok: r.ok, text: r.ok ? t('carrierAccounts.testOk', { message: saidText(r), ms: r.ms }) : t('carrierAccounts.testFailed', { message: saidText(r) }) });
      list.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e) });
    }
  };
  const items = list.data?.items ?? [];
  const k100 = form.source === 'kuaidi100';
  return (
    <section data-testid="carrier-accounts">
      <h2>{t('carrierAccounts.title')}</h2>
      <p className="muted small">{t('carrierAccounts.help')} {t('carrierAccounts.warehouseHelp')}</p>
      <WarehousePicker value={warehouse} onChange={(code) => (setWarehouse(code), setForm({ ...form, warehouse: code }))} />
      {list.error && <div className="alert error">{list.error}</div>}
      {items.length === 0 && !list.loading ? <p className="muted">{t('carrierAccounts.none')}</p> : (
        <table className="table compact">
          <thead><tr><th>{t('carrierAccounts.carrier')}</th><th>{t('carrierAccounts.warehouse')}</th><th>{t('carrierAccounts.source')}</th><th>{t('carrierAccounts.template')}</th><th>{t('carrierAccounts.partnerId')}</th><th>{t('carrierAccounts.test')}</th><th /></tr></thead>
          <tbody>
            {items.map((a) => (
              <tr key={`${a.warehouseId ?? ''}:${a.carrier}`} data-carrier={a.carrier} data-warehouse={codeOf(a.warehouseId)}>
                <td className="mono">{a.carrier}</td>
                <td className="small">{nameOf(a.warehouseId)}</td>
                <td>{t(`carrierAccounts.sources.${a.source}`)}</td>
                <td className="small">{t(`carrierAccounts.templates.${a.template}`)}</td>
                <td className="mono small">{a.partnerId}</td>
                <td className="small">{a.lastTest ? <span className={`badge ${a.lastTest.ok ? 's-shipped' : 's-cancelled'}`} title={a.lastTest.message}>{t('carrierAccounts.lastTest', { at: formatTime(a.lastTest.at) })}</span> : '—'}</td>
                <td>
                  {admin && <button className="secondary" onClick={() => void test(a)} data-test={a.carrier}>{t('carrierAccounts.test')}</button>}
                  {admin && <button className="ghost" onClick={() => (setStored(a), setForm(formOf(a, codeOf)))}>{t('carrierAccounts.edit')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {msg && <div className={msg.ok ? 'alert ok' : 'alert error'} role="status">{msg.text}</div>}
      {!admin ? <p className="muted small">{t('carrierAccounts.onlyAdmin')}</p> : (
        <form className="form range-form" onSubmit={(e) => (e.preventDefault(), void save())} data-testid="carrier-account-form">
          <h3>{t('carrierAccounts.add')}</h3>
          <label>{t('carrierAccounts.warehouse')}<select name="accountWarehouse" value={form.warehouse} onChange={set('warehouse')}>
            <option value="">{t('carrierAccounts.shopWide')}</option>
            {warehouses.filter((w) => w.active || w.code === form.warehouse).map((w) => <option key={w.id} value={w.code}>{w.name} ({w.code})</option>)}
          </select></label>
          <label>{t('carrierAccounts.carrier')}<input name="carrier" value={form.carrier} onChange={set('carrier')} placeholder="zto" required /></label>
          <label>{t('carrierAccounts.source')}<select name="source" value={form.source} onChange={set('source')}>{WAYBILL_SOURCES.map((s) => <option key={s} value={s}>{t(`carrierAccounts.sources.${s}`)}</option>)}</select></label>
          <label>{t('carrierAccounts.template')}<select name="template" value={form.template} onChange={set('template')}>{WAYBILL_TEMPLATES.map((s) => <option key={s} value={s}>{t(`carrierAccounts.templates.${s}`)}</option>)}</select></label>
          {k100 && <>
            <label>{t('carrierAccounts.key')}<input name="key" value={form.key} onChange={set('key')} /></label>
            <label>{t('carrierAccounts.secret')}<input name="secret" type="password" value={form.secret} onChange={set('secret')} placeholder={stored?.secretSet && stored.carrier === form.carrier && codeOf(stored.warehouseId) === form.warehouse ? t('carrierAccounts.secretKept') : ''} /></label>
            <label>{t('carrierAccounts.customer')}<input name="customer" value={form.customer} onChange={set('customer')} /></label>
            <label>{t('carrierAccounts.partnerId')}<input name="partnerId" value={form.partnerId} onChange={set('partnerId')} /></label>
            <label>{t('carrierAccounts.partnerKey')}<input name="partnerKey" type="password" value={form.partnerKey} onChange={set('partnerKey')} placeholder={stored?.partnerKeySet && stored.carrier === form.carrier && codeOf(stored.warehouseId) === form.warehouse ? t('carrierAccounts.secretKept') : ''} /></label>
            <label>{t('carrierAccounts.net')}<input name="net" value={form.net} onChange={set('net')} /></label>
            <label>{t('carrierAccounts.service')}<input name="service" value={form.service} onChange={set('service')} placeholder="标准快递" /></label>
            <label>{t('carrierAccounts.payType')}<select name="payType" value={form.payType} onChange={set('payType')}>{PAY_TYPES.map((p) => <option key={p} value={p}>{t(`carrierAccounts.payTypes.${p}`)}</option>)}</select></label>
            <label>{t('carrierAccounts.insuredYuan')}<input name="insuredYuan" type="number" min="0" value={form.insuredYuan} onChange={set('insuredYuan')} /></label>
            <label>{t('carrierAccounts.timeoutMs')}<input name="timeoutMs" type="number" min="500" max="60000" value={form.timeoutMs} onChange={set('timeoutMs')} /></label>
            <label>{t('carrierAccounts.apiBase')}<input name="apiBase" value={form.apiBase} onChange={set('apiBase')} placeholder="https://api.kuaidi100.com" /></label>
            <label>{t('carrierAccounts.pollBase')}<input name="pollBase" value={form.pollBase} onChange={set('pollBase')} placeholder="https://poll.kuaidi100.com" /></label>
            <label>{t('carrierAccounts.callbackUrl')}<input name="callbackUrl" value={form.callbackUrl} onChange={set('callbackUrl')} placeholder="https://…/api/tracking/kuaidi100/push" /></label>
          </>}
          <label>{t('carrierAccounts.senderName')}<input name="senderName" value={form.senderName} onChange={set('senderName')} /></label>
          <label>{t('carrierAccounts.senderPhone')}<input name="senderPhone" value={form.senderPhone} onChange={set('senderPhone')} /></label>
          <label>{t('carrierAccounts.senderAddress')}<input name="senderAddress" value={form.senderAddress} onChange={set('senderAddress')} title={t('carrierAccounts.senderHelp')} /></label>
          <p className="muted small">{t('carrierAccounts.senderHelp')}</p>
          <div><button className="primary" type="submit">{t('carrierAccounts.save')}</button></div>
        </form>
      )}
    </section>
  );
}

function StallRules() {
  const { t } = useTranslation();
  const rules = useLoad(() => call('listStallRules'), []);
  const [form, setForm] = useState({ carrier: '*', pickupHours: '2', transitHours: '24', deliveryHours: '48' });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const save = async () => {
    try {
      const r = await call('putStallRule', { params: { carrier: form.carrier.trim() }, body: { pickupHours: Number(form.pickupHours), transitHours: Number(form.transitHours), deliveryHours: Number(form.deliveryHours) } });
      setMsg({ ok: true, text: t('tracking.ruleSaved', { carrier: r.carrier }) });
      rules.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, {
        'path.carrier': t('tracking.carrier'), pickupHours: t('tracking.pickupHours'), transitHours: t('tracking.transitHours'), deliveryHours: t('tracking.deliveryHours'),
      }) });
    }
  };
  return (
    <section data-testid="stall-rules">
      <h2>{t('tracking.rules')}</h2>
      <p className="muted small">{t('tracking.rulesHelp')}</p>
      <table className="table compact">
        <thead><tr><th>{t('tracking.carrier')}</th><th className="num">{t('tracking.pickupHours')}</th><th className="num">{t('tracking.transitHours')}</th><th className="num">{t('tracking.deliveryHours')}</th></tr></thead>
        <tbody>
          {(rules.data?.items ?? []).map((r) => (
            <tr key={r.carrier} onClick={() => setForm({ carrier: r.carrier, pickupHours: String(r.pickupHours), transitHours: String(r.transitHours), deliveryHours: String(r.deliveryHours) })}>
              <td className="mono">{r.carrier}</td><td className="num">{r.pickupHours}</td><td className="num">{r.transitHours}</td><td className="num">{r.deliveryHours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form range-form" onSubmit={(e) => (e.preventDefault(), void save())}>
        <label>{t('tracking.carrier')}<input name="ruleCarrier" value={form.carrier} onChange={set('carrier')} required /></label>
        <label>{t('tracking.pickupHours')}<input type="number" min="1" max="720" value={form.pickupHours} onChange={set('pickupHours')} /></label>
        <label>{t('tracking.transitHours')}<input type="number" min="1" max="720" value={form.transitHours} onChange={set('transitHours')} /></label>
        <label>{t('tracking.deliveryHours')}<input type="number" min="1" max="720" value={form.deliveryHours} onChange={set('deliveryHours')} /></label>
        <div><button className="primary" type="submit">{t('tracking.saveRule')}</button></div>
      </form>
      {msg && <div className={msg.ok ? 'alert ok' : 'alert error'} role="status">{msg.text}</div>}
    </section>
  );
}
