import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WAYBILL_SOURCES, type Carrier } from '../../../src-main/contract/carriers';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

// Settings -> Carriers: the carriers the shop ships with. Everyone reads the list; an admin adds and
// changes carriers and stops using one (a carrier is never deleted: orders keep naming its code).

const EMPTY = { code: '', nameEn: '', nameZh: '', trackingUrl: '', labelTemplate: 'shipping-4x6', waybillSource: 'range' as Carrier['waybillSource'], services: '', active: true };
type Draft = typeof EMPTY;

const toDraft = (c: Carrier): Draft => ({ ...c, services: c.services.join(', ') });
const servicesOf = (text: string) => text.split(/[,，]/).map((s) => s.trim()).filter(Boolean);

/** Carriers in the shop's language. */
export function useCarrierName(): (c: Pick<Carrier, 'nameEn' | 'nameZh'>) => string {
  const { i18n } = useTranslation();
  return (c) => (i18n.language.startsWith('zh') ? c.nameZh : c.nameEn);
}

export function SettingsCarriers({ role }: { role: Role }) {
  const { t } = useTranslation();
  const admin = role === 'admin';
  const carriers = useLoad(() => call('listCarriers', { query: {} }), []);
  const templates = useLoad(() => call('listLabelTemplates'), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // the answer to the form (beside its Save, or where it was once saved) or to a row's Use / Stop using (above the table)
  const [msg, setMsg] = useState<{ ok: boolean; text: string; at: 'form' | 'list' } | null>(null);
  const name = useCarrierName();
  const answer = (at: 'form' | 'list') => msg?.at === at && (
    <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'} data-testid={`carriers-${at}-answer`}>{msg.text}</div>
  );
  // Edit / Add bring the form into view with its first field focused: the form is at the bottom of the page,
  // below every carrier, and an Edit on a row of the table otherwise seemed to do nothing
  const form = useRef<HTMLFormElement>(null);
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (!opened || !form.current) return;
    form.current.scrollIntoView({ block: 'nearest' });
    form.current.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])')?.focus({ preventScroll: true });
  }, [opened]);
  const open = (code: string | null, d: Draft) => (setMsg(null), setEditing(code), setDraft(d), setOpened((n) => n + 1));

  const save = async () => {
    const d = draft!;
    const body = { nameEn: d.nameEn, nameZh: d.nameZh, trackingUrl: d.trackingUrl, labelTemplate: d.labelTemplate, waybillSource: d.waybillSource, services: servicesOf(d.services), active: d.active };
    try {
      if (editing) await call('updateCarrier', { params: { code: editing }, body });
      else await call('createCarrier', { body: { code: d.code, ...body } });
      setMsg({ ok: true, text: t(editing ? 'carriers.saved' : 'carriers.added', { code: editing ?? d.code }), at: 'form' });
      setDraft(null);
      setEditing(null);
      carriers.reload();
    } catch (e) {
      setMsg({ ok: false, at: 'form', text: failureText(e, {
        code: t('carriers.code'), nameEn: t('carriers.nameEn'), nameZh: t('carriers.nameZh'), trackingUrl: t('carriers.trackingUrl'),
        labelTemplate: t('carriers.labelTemplate'), waybillSource: t('carriers.waybillSource'), services: t('carriers.services'), active: t('carriers.active'),
      }) });
    }
  };
  const setActive = async (c: Carrier, active: boolean) => {
    setMsg(null);
    try {
      await call('updateCarrier', { params: { code: c.code }, body: { active } });
      carriers.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e), at: 'list' });
    }
  };
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft!, [k]: e.target.value });

  return (
    <section className="carriers" data-testid="carriers">
      <h2>{t('carriers.title')}</h2>
      <p className="muted">{t('carriers.intro')} {!admin && t('carriers.adminOnly')}</p>
      {answer('list')}
      <table className="table compact">
        <thead><tr><th>{t('carriers.code')}</th><th>{t('carriers.nameEn')}</th><th>{t('carriers.nameZh')}</th><th>{t('carriers.services')}</th><th>{t('carriers.waybillSource')}</th><th>{t('carriers.labelTemplate')}</th><th /></tr></thead>
        <tbody>
          {(carriers.data?.items ?? []).map((c) => (
            <tr key={c.code} data-carrier={c.code} className={c.active ? undefined : 'muted'}>
              <td className="mono">{c.code}</td><td>{c.nameEn}</td><td>{c.nameZh}</td><td>{c.services.join(', ')}</td>
              <td>{t(`carriers.sources.${c.waybillSource}`)}</td><td className="mono small">{c.labelTemplate}</td>
              <td className="row-actions">
                {c.active ? <span className="badge s-packed">{t('carriers.active')}</span> : <span className="badge">{t('carriers.inactive')}</span>}
                {admin && <button onClick={() => open(c.code, toDraft(c))}>{t('carriers.edit')}</button>}
                {admin && <button onClick={() => void setActive(c, !c.active)}>{c.active ? t('carriers.stopUsing') : t('carriers.use')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {carriers.data?.items.length === 0 && <p className="muted">{t('carriers.none')}</p>}
      {admin && !draft && <div className="form-answer-line"><button onClick={() => open(null, EMPTY)}>{t('carriers.add')}</button>{answer('form')}</div>}
      {admin && draft && (
        <form ref={form} className="form carrier-form" onSubmit={(e) => (e.preventDefault(), void save())}>
          <h3 className="wide">{editing ? `${name(draft)} (${editing})` : t('carriers.add')}</h3>
          {!editing && <label>{t('carriers.code')}<input name="code" value={draft.code} onChange={set('code')} placeholder="sf" required /></label>}
          <label>{t('carriers.nameEn')}<input name="nameEn" value={draft.nameEn} onChange={set('nameEn')} required /></label>
          <label>{t('carriers.nameZh')}<input name="nameZh" value={draft.nameZh} onChange={set('nameZh')} required /></label>
          <label className="wide">{t('carriers.trackingUrl')} <span className="muted small">{t('carriers.trackingHint')}</span><input name="trackingUrl" value={draft.trackingUrl} onChange={set('trackingUrl')} placeholder="https://example.com/track?no={number}" /></label>
          <label>{t('carriers.labelTemplate')}
            <select name="labelTemplate" value={draft.labelTemplate} onChange={set('labelTemplate')}>
              {(templates.data?.items ?? [{ name: draft.labelTemplate }]).map((tpl) => <option key={tpl.name} value={tpl.name}>{tpl.name}</option>)}
            </select>
          </label>
          <label>{t('carriers.waybillSource')}
            <select name="waybillSource" value={draft.waybillSource} onChange={set('waybillSource')}>{WAYBILL_SOURCES.map((s) => <option key={s} value={s}>{t(`carriers.sources.${s}`)}</option>)}</select>
          </label>
          <label className="wide">{t('carriers.services')} <span className="muted small">{t('carriers.servicesHint')}</span><input name="services" value={draft.services} onChange={set('services')} /></label>
          <label className="check"><input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} /> {t('carriers.active')}</label>
          <div className="form-answer-line">
            <button className="primary" type="submit">{t('common.save')}</button><button type="button" onClick={() => (setMsg(null), setDraft(null))}>{t('common.cancel')}</button>
            {answer('form')}
          </div>
        </form>
      )}
    </section>
  );
}

/** The setup's carrier step: tick the carriers the shop uses and list their services. */
export function CarrierChooser({ onDone, submit }: { onDone: (active: Carrier[]) => void; submit: string }) {
  const { t } = useTranslation();
  const carriers = useLoad(() => call('listCarriers', { query: {} }), []);
  const [picked, setPicked] = useState<Record<string, { active: boolean; services: string }> | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const name = useCarrierName();
  const items = carriers.data?.items ?? [];
  const state = picked ?? Object.fromEntries(items.map((c) => [c.code, { active: c.active, services: c.services.join(', ') }]));
  const save = async () => {
    try {
      const changed = items.filter((c) => state[c.code]!.active !== c.active || state[c.code]!.services !== c.services.join(', '));
      for (const c of changed) await call('updateCarrier', { params: { code: c.code }, body: { active: state[c.code]!.active, services: servicesOf(state[c.code]!.services) } });
      const active = (await call('listCarriers', { query: { active: 'true' } })).items;
      if (active.length === 0) return setErr(t('setup.carriersNeedOne'));
      onDone(active);
    } catch (e) {
      setErr(failureText(e, { services: t('carriers.services') }));
    }
  };
  return (
    <form className="carrier-chooser" onSubmit={(e) => (e.preventDefault(), void save())}>
      <table className="table compact">
        <tbody>
          {items.map((c) => (
            <tr key={c.code} data-carrier={c.code}>
              <td><label className="check"><input type="checkbox" name={`use-${c.code}`} checked={state[c.code]!.active} onChange={(e) => setPicked({ ...state, [c.code]: { ...state[c.code]!, active: e.target.checked } })} /> {name(c)} <span className="muted mono small">{c.code}</span></label></td>
              <td><input name={`services-${c.code}`} placeholder={t('carriers.servicesHint')} value={state[c.code]!.services} disabled={!state[c.code]!.active} onChange={(e) => setPicked({ ...state, [c.code]: { ...state[c.code]!, services: e.target.value } })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small"><a href="#/settings/carriers">{t('carriers.add')}</a></p>
      <button className="primary" type="submit">{submit}</button>
      {err && <div className="alert error">{err}</div>}
    </form>
  );
}
