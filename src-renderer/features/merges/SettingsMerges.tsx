import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** Settings -> Merging: the shop's switch (off by default) and the merged shipments now. */
export function SettingsMerges({ role }: { role: Role }) {
  const { t } = useTranslation();
  const s = useLoad(() => call('mergeSettings'), []);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const list = useLoad(() => call('listMerges'), [enabled]);
  useEffect(() => setEnabled(s.data?.enabled ?? null), [s.data]);
  const canEdit = role === 'lead' || role === 'admin';
  if (enabled === null) return <p className="empty">{s.error ?? t('common.loading')}</p>;
  const save = async (next: boolean) => {
    try {
      setEnabled((await call('putMergeSettings', { body: { enabled: next } })).enabled);
      setMsg({ ok: true, text: t('common.saved') });
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  };
  const items = list.data?.items ?? [];
  return (
    <div className="settings" data-testid="settings-merges">
      <p><label><input type="checkbox" name="mergeEnabled" checked={enabled} disabled={!canEdit} onChange={(e) => void save(e.target.checked)} /> {t('merges.enabled')}</label></p>
      <p className="muted small">{t('merges.hint')}</p>
      {!canEdit && <p className="muted">{t('merges.leadsOnly')}</p>}
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
