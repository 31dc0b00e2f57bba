import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { MergeSettings } from '../../../src-main/contract/merges';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** Settings -> Merging: the shop's switch (off by default) and the merged shipments now. */
export function SettingsMerges({ role }: { role: Role }) {
  const { t } = useTranslation();
  const s = useLoad(() => call('mergeSettings'), []);
  const [form, setForm] = useState<{ enabled: boolean; channels: string } | null>(null);
  const [saved, setSaved] = useState<MergeSettings | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useLoad(() => call('listMerges'), [saved]);
  useEffect(() => setForm(s.data ? { enabled: s.data.enabled, channels: s.data.channels.join(', ') } : null), [s.data]);
  const canEdit = role === 'lead' || role === 'admin';
  if (!form) return <p className="empty">{s.error ?? t('common.loading')}</p>;
  const save = async () => {
    const channels = form.channels.split(/[,，\s]+/).filter(Boolean);
    try {
      const r = await call('putMergeSettings', { body: { enabled: form.enabled, channels } });
      setSaved(r);
      setForm({ enabled: r.enabled, channels: r.channels.join(', ') });
      setMsg({ ok: true, text: t('common.saved') });
    } catch (e) {
      // a refused channel code by the code typed ("Only these channels (Tao Bao)"), not its place in the list
      setMsg({ ok: false, text: failureText(e, { enabled: t('merges.enabled'), channels: t('merges.channels'), ...Object.fromEntries(channels.map((c, i) => [`channels.${i}`, `${t('merges.channels')} (${c})`])) }) });
    }
  };
  const items = list.data?.items ?? [];
  return (
    <div className="settings" data-testid="settings-merges">
      <form onSubmit={(e) => (e.preventDefault(), void save())}>
        <p><label><input type="checkbox" name="mergeEnabled" checked={form.enabled} disabled={!canEdit} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> {t('merges.enabled')}</label></p>
        <p><label>{t('merges.channels')} <input name="mergeChannels" disabled={!canEdit} value={form.channels} placeholder={t('merges.allChannels')} onChange={(e) => setForm({ ...form, channels: e.target.value })} /></label></p>
        <p className="muted small">{t('merges.hint')}</p>
        {canEdit ? <button className="primary" type="submit">{t('common.save')}</button> : <p className="muted">{t('merges.leadsOnly')}</p>}
      </form>
      {msg && <div className={msg.ok ? 'alert' : 'alert error'}>{msg.text}</div>}
      <h3>{t('merges.now')}</h3>
      {items.length === 0 ? <p className="muted">{t('merges.none')}</p> : (
        <table className="table" data-testid="merges-list">
          <thead><tr><th>{t('merges.orders')}</th><th>{t('merges.state')}</th><th>{t('merges.by')}</th></tr></thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.hostOrderId}>
                <td className="mono">{m.orders.map((o) => o.number).join(' + ')}</td>
                <td>{t(`merges.states.${m.state}`)}</td>
                <td>{t(`merges.byKinds.${m.by}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
