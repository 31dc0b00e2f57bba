import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSettings } from '../../../src-main/contract/backup';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Settings -> Backups (admins): where and how often, a backup now, the backups kept, a checked restore. */
export function SettingsBackups({ role }: { role: Role }) {
  const { t } = useTranslation();
  if (role !== 'admin') return <div className="muted">{t('backup.adminOnly')}</div>;
  return <Backups />;
}

function Backups() {
  const { t } = useTranslation();
  const status = useLoad(() => call('backupStatus'), []);
  const [form, setForm] = useState<BackupSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => setForm((f) => f ?? status.data?.settings ?? null), [status.data]);

  const act = async (what: () => Promise<unknown>, ok: string) => {
    setMsg(null);
    setBusy(true);
    try {
      await what();
      setMsg({ kind: 'ok', text: ok });
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e, { folder: t('backup.folder'), everyHours: t('backup.everyHours'), keep: t('backup.keep') }) });
    } finally {
      setBusy(false);
      status.reload();
    }
  };
  const s = status.data;
  if (status.error) return <div className="alert error">{status.error}</div>;
  if (!s || !form) return <div className="muted">{t('common.loading')}</div>;

  return (
    <div className="settings-backups" data-testid="backups">
      {msg && <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>{msg.text}</div>}
      {s.pendingRestore && <div className="alert warning" role="status" data-testid="pending-restore">{t('backup.pending')}</div>}
      <h2>{t('backup.title')}</h2>
      <p className="muted small">{t('backup.hint')}</p>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), void act(() => call('putBackupSettings', { body: form }), t('common.saved')))}>
        <label>{t('backup.folder')} <input name="folder" value={form.folder} placeholder={s.folder} onChange={(e) => setForm({ ...form, folder: e.target.value })} size={40} /></label>
        <label>{t('backup.everyHours')} <input name="everyHours" type="number" min={0} max={168} value={form.everyHours} onChange={(e) => setForm({ ...form, everyHours: Number(e.target.value) })} /></label>
        <label>{t('backup.keep')} <input name="keep" type="number" min={1} max={365} value={form.keep} onChange={(e) => setForm({ ...form, keep: Number(e.target.value) })} /></label>
        <button className="primary" type="submit" disabled={busy}>{t('common.save')}</button>
      </form>
      <p className="small">
        {t('backup.inUse', { folder: s.folder })} · {s.nextAt ? t('backup.next', { at: formatTime(s.nextAt) }) : t('backup.off')}
        {s.last && <> · {s.last.error ? <span className="alert error">{t('backup.lastFailed', { at: formatTime(s.last.at), error: s.last.error })}</span> : t('backup.last', { at: formatTime(s.last.at) })}</>}
      </p>
      <button className="primary" data-testid="backup-now" disabled={busy || s.running} onClick={() => void act(() => call('createBackup'), t('backup.taken'))}>
        {busy || s.running ? t('backup.running') : t('backup.now')}
      </button>
      <h3>{t('backup.files')}</h3>
      <table className="table compact" data-testid="backup-files">
        <thead><tr><th>{t('backup.file')}</th><th>{t('backup.at')}</th><th className="num">{t('backup.size')}</th><th /></tr></thead>
        <tbody>
          {s.files.map((f) => (
            <tr key={f.name} data-name={f.name}>
              <td className="mono">{f.name}</td><td className="nowrap">{formatTime(f.at)}</td><td className="num">{mib(f.bytes)}</td>
              <td>
                {restoring === f.name ? (
                  <>
                    <span className="small">{t('backup.confirmRestore')}</span>{' '}
                    <button className="danger" data-action="confirm-restore" onClick={() => void act(() => call('restoreBackup', { body: { name: f.name } }), t('backup.pending')).then(() => setRestoring(null))}>{t('backup.restore')}</button>{' '}
                    <button className="ghost" onClick={() => setRestoring(null)}>{t('common.cancel')}</button>
                  </>
                ) : (
                  <button className="secondary" data-action="restore" onClick={() => setRestoring(f.name)}>{t('backup.restore')}…</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.files.length === 0 && <div className="empty">{t('backup.none')}</div>}
    </div>
  );
}
