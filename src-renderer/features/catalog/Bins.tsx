// Bins (locations) in walking order: listed for everyone, added by a lead or an admin.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { MANAGE } from '../../../src-main/contract/routing';
import type { Role } from '../../../src-main/contract/people';

const EMPTY = { code: '', zone: '', aisle: '', bay: '', level: '', sequence: '' };

export function Bins({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listLocations'), []);
  const manage = MANAGE.includes(role);
  const [d, setD] = useState(EMPTY);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const [zone, aisle, bay, level] = d.code.trim().split('-');
    try {
      const l = await call('createLocation', {
        body: { code: d.code.trim(), zone: d.zone.trim() || zone, aisle: d.aisle.trim() || aisle, bay: d.bay.trim() || bay, level: d.level.trim() || level, sequence: d.sequence.trim() ? Number(d.sequence) : undefined },
      });
      setMsg({ ok: true, text: t('products.binAdded', { code: l.code }) });
      setD(EMPTY);
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, {
        code: t('products.binCode'), zone: t('products.zone'), aisle: t('products.aisle'), bay: t('products.bay'), level: t('products.level'), sequence: t('products.sequence'),
      }) });
    }
  };
  const input = (k: keyof typeof EMPTY, label: string) => <label>{label}<input name={k} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} autoComplete="off" /></label>;
  return (
    <section className="pane" data-testid="bins">
      <p className="muted small">{t('products.binHint')}</p>
      {manage && (
        <form className="product-form" onSubmit={add}>
          <div className="form-row">{input('code', t('products.binCode'))}{input('zone', t('products.zone'))}{input('aisle', t('products.aisle'))}{input('bay', t('products.bay'))}{input('level', t('products.level'))}{input('sequence', t('products.sequence'))}</div>
          <div className="actions"><button className="primary" type="submit">{t('products.addBin')}</button></div>
        </form>
      )}
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="status">{msg.text}</div>}
      {list.error && <div className="alert error">{list.error}</div>}
      <div className="muted small">{list.data ? t('common.total', { count: list.data.items.length }) : t('common.loading')}</div>
      <table className="table compact">
        <thead><tr><th>{t('products.binCode')}</th><th>{t('products.zone')}</th><th>{t('products.aisle')}</th><th>{t('products.bay')}</th><th>{t('products.level')}</th><th className="num">{t('products.sequence')}</th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((l) => (
            <tr key={l.id}><td className="mono">{l.code}</td><td>{l.zone ?? ''}</td><td>{l.aisle ?? ''}</td><td>{l.bay ?? ''}</td><td>{l.level ?? ''}</td><td className="num">{l.sequence ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
