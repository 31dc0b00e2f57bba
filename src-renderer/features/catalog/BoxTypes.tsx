// Box types with their tare (counted in every parcel's expected weight): listed for everyone,
// added and changed by a lead or an admin.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { MANAGE } from '../../../src-main/contract/routing';
import type { Role } from '../../../src-main/contract/people';
import type { BoxType } from '../../../src-main/contract/catalog';

const EMPTY = { code: '', name: '', tareG: '', lengthMm: '', widthMm: '', heightMm: '', maxWeightG: '' };
const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

export function BoxTypes({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listBoxTypes'), []);
  const manage = MANAGE.includes(role);
  const [d, setD] = useState(EMPTY);
  const [editing, setEditing] = useState<BoxType | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const body = () => ({ code: d.code.trim(), name: d.name.trim(), tareG: Number(d.tareG), lengthMm: num(d.lengthMm), widthMm: num(d.widthMm), heightMm: num(d.heightMm), maxWeightG: num(d.maxWeightG) });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const b = editing ? await call('updateBoxType', { params: { id: editing.id }, body: body() }) : await call('createBoxType', { body: body() });
      setMsg({ ok: true, text: editing ? t('products.saved') : t('products.boxAdded', { code: b.code }) });
      setD(EMPTY);
      setEditing(null);
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, {
        code: t('products.boxCode'), name: t('products.boxName'), tareG: t('products.tareG'), maxWeightG: t('products.maxWeightG'),
        lengthMm: `${t('products.lengthMm')} (mm)`, widthMm: `${t('products.widthMm')} (mm)`, heightMm: `${t('products.heightMm')} (mm)`,
      }) });
    }
  };
  const edit = (b: BoxType) => {
    setEditing(b);
    setD({ code: b.code, name: b.name, tareG: String(b.tareG), lengthMm: b.lengthMm?.toString() ?? '', widthMm: b.widthMm?.toString() ?? '', heightMm: b.heightMm?.toString() ?? '', maxWeightG: b.maxWeightG?.toString() ?? '' });
  };
  const input = (k: keyof typeof EMPTY, label: string) => <label>{label}<input name={k} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} autoComplete="off" /></label>;
  return (
    <section className="pane" data-testid="box-types">
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table">
        <thead><tr><th>{t('products.boxCode')}</th><th>{t('products.boxName')}</th><th className="num">{t('products.tareG')}</th><th>{t('products.dimensions')}</th><th className="num">{t('products.maxWeightG')}</th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((b) => (
            <tr key={b.id} className={editing?.id === b.id ? 'selected' : ''} onClick={() => manage && edit(b)}>
              <td className="mono">{b.code}</td><td>{b.name}</td><td className="num">{b.tareG}</td>
              <td>{b.lengthMm ? `${b.lengthMm} × ${b.widthMm} × ${b.heightMm}` : ''}</td><td className="num">{b.maxWeightG ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {manage && (
        <form className="product-form" onSubmit={save}>
          <h3>{editing ? `${t('products.edit')} ${editing.code}` : t('products.addBox')}</h3>
          <div className="form-row">{input('code', t('products.boxCode'))}{input('name', t('products.boxName'))}{input('tareG', t('products.tareG'))}{input('maxWeightG', t('products.maxWeightG'))}</div>
          <div className="form-row">{input('lengthMm', `${t('products.lengthMm')} (mm)`)}{input('widthMm', `${t('products.widthMm')} (mm)`)}{input('heightMm', `${t('products.heightMm')} (mm)`)}</div>
          <div className="actions">
            <button className="primary" type="submit">{editing ? t('common.save') : t('products.addBox')}</button>
            {editing && <button type="button" onClick={() => (setEditing(null), setD(EMPTY))}>{t('common.cancel')}</button>}
          </div>
        </form>
      )}
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="status">{msg.text}</div>}
    </section>
  );
}
