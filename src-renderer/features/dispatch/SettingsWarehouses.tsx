// Settings -> Warehouses: every warehouse with its address, benches and bins; an admin creates and
// changes them (a warehouse is never deleted: it is made inactive). Which bench works where is set
// on Settings -> Benches (one list of benches); here it is shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { Warehouse } from '../../../src-main/contract/locations';
import { call, failureText } from '../../lib/api';
import { useWarehouses } from './WarehousePicker';

interface Draft { code: string; name: string; province: string; city: string; address: string; active: boolean; isDefault: boolean; cutoffs: string }
const EMPTY: Draft = { code: '', name: '', province: '', city: '', address: '', active: true, isDefault: false, cutoffs: '' };
/** A warehouse's own cut-offs as typed: "sf 15:00, zto 16:30". */
const cutoffsText = (c: Record<string, string>) => Object.entries(c).map(([carrier, time]) => `${carrier} ${time}`).join(', ');
/** "sf 15:00, zto=16:30" -> {sf: '15:00', zto: '16:30'}; the core checks each time. */
const parseCutoffs = (text: string): Record<string, string> =>
  Object.fromEntries(text.split(/[,，;\n]+/).map((p) => p.trim().split(/[\s=]+/)).filter((p) => p[0]).map(([carrier, time]) => [carrier!.toLowerCase(), time ?? '']));
const draftOf = (w: Warehouse): Draft => ({ code: w.code, name: w.name, province: w.province ?? '', city: w.city ?? '', address: w.address ?? '', active: w.active, isDefault: w.isDefault, cutoffs: cutoffsText(w.carrierCutoffs) });

export function SettingsWarehouses({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useWarehouses();
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  const [d, setD] = useState<Draft>(EMPTY);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const admin = role === 'admin';
  const open = (w: Warehouse | 'new') => (setEditing(w), setD(w === 'new' ? EMPTY : draftOf(w)), setMsg(null));
  const save = async () => {
    const body = {
      name: d.name, province: d.province, city: d.city, address: d.address, active: d.active, isDefault: d.isDefault || undefined, carrierCutoffs: parseCutoffs(d.cutoffs),
    };
    try {
      if (editing === 'new') await call('createWarehouse', { body: { ...body, code: d.code } });
      else if (editing) await call('updateWarehouse', { params: { id: editing.id }, body });
      setMsg({ ok: true, text: t('common.saved') });
      setEditing(null);
      list.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, {
        ...Object.fromEntries((['code', 'name', 'province', 'city', 'address', 'active', 'isDefault'] as const).map((k) => [k, t(`warehouses.${k}`)])),
        carrierCutoffs: t('warehouses.cutoffs'),
      }) });
    }
  };
  const field = (k: keyof Draft, label: string, extra: Record<string, unknown> = {}) => (
    <p><label>{label} <input name={k} value={d[k] as string} disabled={!admin} onChange={(e) => setD({ ...d, [k]: e.target.value })} {...extra} /></label></p>
  );
  return (
    <div className="settings" data-testid="settings-warehouses">
      <table className="table">
        <thead><tr><th>{t('warehouses.code')}</th><th>{t('warehouses.name')}</th><th>{t('warehouses.province')}</th><th>{t('warehouses.city')}</th><th>{t('warehouses.benches')}</th><th>{t('warehouses.cutoffs')}</th><th className="num">{t('warehouses.bins')}</th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((w) => (
            <tr key={w.id} onClick={() => open(w)} className={editing !== 'new' && editing?.id === w.id ? 'selected' : ''} data-warehouse={w.code}>
              <td className="mono">{w.code}</td>
              <td>{w.name} {w.isDefault && <span className="badge">{t('warehouses.defaultBadge')}</span>} {!w.active && <span className="badge muted">{t('warehouses.inactive')}</span>}</td>
              <td>{w.province}</td><td>{w.city}</td><td className="small">{w.benches.join(', ')}</td><td className="small" data-col="cutoffs">{cutoffsText(w.carrierCutoffs) ? <span className="mono">{cutoffsText(w.carrierCutoffs)}</span> : <span className="muted">{t('warehouses.shopCutoffs')}</span>}</td><td className="num">{w.bins}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? <button onClick={() => open('new')}>{t('warehouses.add')}</button> : <p className="muted">{t('warehouses.adminsOnly')}</p>}
      {editing && (
        <form className="card" onSubmit={(e) => (e.preventDefault(), void save())}>
          <h3>{editing === 'new' ? t('warehouses.add') : t('warehouses.edit', { code: editing.code })}</h3>
          {editing === 'new' && field('code', t('warehouses.code'), { placeholder: 'CD' })}
          {field('name', t('warehouses.name'), { placeholder: '成都仓 Chengdu' })}
          {field('province', t('warehouses.province'))}
          {field('city', t('warehouses.city'))}
          {field('address', t('warehouses.address'))}
          {field('cutoffs', t('warehouses.cutoffs'), { placeholder: 'sf 15:00, zto 16:30' })}
          <p className="muted small">{t('warehouses.cutoffsHelp')}</p>
          {editing !== 'new' && <p className="muted small" data-testid="warehouse-benches">{t('warehouses.benches')}: {editing.benches.join(', ') || '—'} · {t('warehouses.benchesHelp')}</p>}
          <p><label className="check"><input type="checkbox" name="active" checked={d.active} disabled={!admin} onChange={(e) => setD({ ...d, active: e.target.checked })} /> {t('warehouses.active')}</label>{' '}
            <label className="check"><input type="checkbox" name="isDefault" checked={d.isDefault} disabled={!admin} onChange={(e) => setD({ ...d, isDefault: e.target.checked })} /> {t('warehouses.isDefault')}</label></p>
          {admin && <button className="primary" type="submit">{t('common.save')}</button>}
        </form>
      )}
      {msg && <div className={msg.ok ? 'alert' : 'alert error'}>{msg.text}</div>}
    </div>
  );
}
