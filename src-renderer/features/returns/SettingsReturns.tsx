import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { ReturnSettings } from '../../../src-main/contract/returns';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** Settings -> Returns: the approval amount (in the shop's money, edited in whole units), the return window, the returns bin. */
export function SettingsReturns({ role }: { role: Role }) {
  const { t } = useTranslation();
  const s = useLoad(() => call('getReturnSettings'), []);
  const [form, setForm] = useState<ReturnSettings | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setForm(s.data), [s.data]);
  const canEdit = role === 'lead' || role === 'admin';
  if (!form) return <p className="empty">{s.error ?? t('common.loading')}</p>;
  const save = async () => {
    try {
      setForm(await call('putReturnSettings', { body: form }));
      setMsg({ ok: true, text: t('common.saved') });
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, { approvalLimit: t('returns.s.approvalLimit'), windowDays: t('returns.s.windowDays'), returnsBin: t('returns.s.returnsBin') }) });
    }
  };
  return (
    <form className="settings" data-testid="settings-returns" onSubmit={(e) => (e.preventDefault(), void save())}>
      <p><label>{t('returns.s.approvalLimit')} <input name="approvalLimit" type="number" min={0} step="0.01" disabled={!canEdit} value={form.approvalLimit / 100} onChange={(e) => setForm({ ...form, approvalLimit: Math.round(Number(e.target.value) * 100) })} /></label></p>
      <p><label>{t('returns.s.windowDays')} <input name="windowDays" type="number" min={0} max={365} disabled={!canEdit} value={form.windowDays} onChange={(e) => setForm({ ...form, windowDays: Number(e.target.value) })} /></label></p>
      <p><label>{t('returns.s.returnsBin')} <input name="returnsBin" disabled={!canEdit} value={form.returnsBin} onChange={(e) => setForm({ ...form, returnsBin: e.target.value })} /></label></p>
      {canEdit ? <button className="primary" type="submit">{t('common.save')}</button> : <p className="muted">{t('returns.s.leadsOnly')}</p>}
      {msg && <div className={msg.ok ? 'alert' : 'alert error'}>{msg.text}</div>}
    </form>
  );
}
