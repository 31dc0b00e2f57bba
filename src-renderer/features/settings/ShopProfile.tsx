import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-main/contract/settings';
import type { RouteInput } from '../../../src-main/contract/api';
import { call, failureText } from '../../lib/api';

// The shop's profile as the label needs it (name, sender, time zone, currency) and its warehouse:
// Settings -> General and the first-run setup use the same forms.

const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];
const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'GBP', 'JPY'];

interface FormProps { settings: Settings; disabled?: boolean; submit: string; onSaved: (s: Settings) => void }

/** Saves only its own keys, so two forms on one page never undo each other; a refusal names the fields by their `labels`. */
function useSave(onSaved: (s: Settings) => void, labels: Record<string, string>) {
  const { t } = useTranslation();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (body: RouteInput<'putSettings'>['body']) => {
    try {
      const s = await call('putSettings', { body });
      setMsg({ ok: true, text: t('common.saved') });
      onSaved(s);
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, labels) });
    }
  };
  return { msg, save };
}

export function ShopProfileForm({ settings, disabled, submit, onSaved }: FormProps) {
  const { t } = useTranslation();
  const [f, setF] = useState({ shopName: settings.shopName, ...settings.sender, timeZone: settings.timeZone, currency: settings.currency });
  const { msg, save } = useSave(onSaved, {
    shopName: t('settings.shopName'), 'sender.name': t('settings.senderName'), 'sender.phone': t('settings.senderPhone'),
    'sender.address': t('settings.senderAddress'), timeZone: t('settings.timeZone'), currency: t('settings.currency'),
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form className="shop-profile" onSubmit={(e) => (e.preventDefault(), void save({ shopName: f.shopName, sender: { name: f.name, phone: f.phone, address: f.address }, timeZone: f.timeZone, currency: f.currency }))}>
      <fieldset disabled={disabled} className="form">
        <label>{t('settings.shopName')}<input name="shopName" value={f.shopName} onChange={set('shopName')} required /></label>
        <label>{t('settings.senderName')}<input name="senderName" value={f.name} onChange={set('name')} required /></label>
        <label>{t('settings.senderPhone')}<input name="senderPhone" value={f.phone} onChange={set('phone')} required /></label>
        <label className="wide">{t('settings.senderAddress')}<input name="senderAddress" value={f.address} onChange={set('address')} required /></label>
        <label>{t('settings.timeZone')}<input name="timeZone" list="pl-time-zones" value={f.timeZone} onChange={set('timeZone')} required /></label>
        <label>{t('settings.currency')}<input name="currency" list="pl-currencies" value={f.currency} onChange={set('currency')} required maxLength={3} /></label>
        <datalist id="pl-time-zones">{TIME_ZONES.map((z) => <option key={z} value={z} />)}</datalist>
        <datalist id="pl-currencies">{CURRENCIES.map((c) => <option key={c} value={c} />)}</datalist>
        {!disabled && <div><button className="primary" type="submit">{submit}</button>{msg && <span className={msg.ok ? 'muted' : 'bad'} role="status"> {msg.text}</span>}</div>}
      </fieldset>
    </form>
  );
}

export function WarehouseForm({ settings, disabled, submit, onSaved }: FormProps) {
  const { t } = useTranslation();
  const [f, setF] = useState(settings.warehouse);
  const { msg, save } = useSave(onSaved, { 'warehouse.name': t('settings.warehouseName'), 'warehouse.address': t('settings.warehouseAddress') });
  return (
    <form className="warehouse" onSubmit={(e) => (e.preventDefault(), void save({ warehouse: f }))}>
      <fieldset disabled={disabled} className="form">
        <label>{t('settings.warehouseName')}<input name="warehouseName" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required /></label>
        <label className="wide">{t('settings.warehouseAddress')}<input name="warehouseAddress" value={f.address} onChange={(e) => setF({ ...f, address: e.target.value })} required /></label>
        {!disabled && <div><button className="primary" type="submit">{submit}</button>{msg && <span className={msg.ok ? 'muted' : 'bad'} role="status"> {msg.text}</span>}</div>}
      </fieldset>
    </form>
  );
}
