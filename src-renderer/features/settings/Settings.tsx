import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, Settings as ShopSettings } from '../../../src-main/contract/domain';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { LANGUAGES, setLanguage } from '../../lib/i18n';
import { SettingsLabels } from '../labels/SettingsLabels';
import { SettingsWaves } from '../waves/SettingsWaves';

/** Settings and its pages: #/settings (shop, language, users), #/settings/labels[/<template>] and #/settings/waves. */
export function Settings({ role, sub = [] }: { role: Role; sub?: string[] }) {
  const { t } = useTranslation();
  const page = sub[0] === 'labels' || sub[0] === 'waves' ? sub[0] : 'general';
  return (
    <section className="pane settings">
      <nav className="tabs" aria-label={t('nav.settings')}>
        <a href="#/settings" className={page === 'general' ? 'active' : ''} aria-current={page === 'general' ? 'page' : undefined}>{t('settings.general')}</a>
        <a href="#/settings/labels" className={page === 'labels' ? 'active' : ''} aria-current={page === 'labels' ? 'page' : undefined}>{t('labels.title')}</a>
        <a href="#/settings/waves" className={page === 'waves' ? 'active' : ''} aria-current={page === 'waves' ? 'page' : undefined}>{t('waves.title')}</a>
      </nav>
      {page === 'labels' ? <SettingsLabels role={role} selected={sub[1]} /> : page === 'waves' ? <SettingsWaves role={role} /> : <GeneralSettings role={role} />}
    </section>
  );
}

function GeneralSettings({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const settings = useLoad(() => call('getSettings'), []);
  const users = useLoad(() => (role === 'admin' ? call('listUsers') : Promise.resolve({ items: [] })), [role]);
  const [draft, setDraft] = useState<ShopSettings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => setDraft(settings.data), [settings.data]);
  const admin = role === 'admin';
  const save = async () => {
    if (!draft) return;
    try {
      const { shopName, weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePin } = draft;
      setDraft(await call('putSettings', { body: { shopName, weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePin } }));
      setMsg(t('settings.saved'));
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <>
      <h2>{t('settings.language')}</h2>
      <div className="chips">
        {LANGUAGES.map((l) => <button key={l.code} className={i18n.language === l.code ? 'chip on' : 'chip'} onClick={() => setLanguage(l.code)}>{l.label}</button>)}
      </div>
      {draft && (
        <>
          <h2>{t('settings.shop')}</h2>
          <fieldset disabled={!admin} className="form">
            <label>{t('settings.shop')}<input value={draft.shopName} onChange={(e) => setDraft({ ...draft, shopName: e.target.value })} /></label>
            <label>{t('settings.tolerance')} (g)<input type="number" value={draft.weightToleranceG} onChange={(e) => setDraft({ ...draft, weightToleranceG: Number(e.target.value) })} /></label>
            <label>{t('settings.tolerance')} (%)<input type="number" step="0.5" value={draft.weightTolerancePct} onChange={(e) => setDraft({ ...draft, weightTolerancePct: Number(e.target.value) })} /></label>
            <label>{t('settings.inbound')}<input type="number" step="0.1" min="0" max="1" value={draft.inboundCoefficient} onChange={(e) => setDraft({ ...draft, inboundCoefficient: Number(e.target.value) })} /></label>
            <label className="check"><input type="checkbox" checked={draft.autoAllocate} onChange={(e) => setDraft({ ...draft, autoAllocate: e.target.checked })} /> {t('settings.autoAllocate')}</label>
            <label className="check"><input type="checkbox" checked={draft.requirePin} onChange={(e) => setDraft({ ...draft, requirePin: e.target.checked })} /> {t('settings.requirePin')}</label>
            {admin && <button className="primary" onClick={(e) => (e.preventDefault(), void save())}>{t('settings.save')}</button>}
            {msg && <span className="muted"> {msg}</span>}
          </fieldset>
        </>
      )}
      {admin && (
        <>
          <h2>{t('settings.users')}</h2>
          <table className="table compact">
            <thead><tr><th>{t('orders.name')}</th><th>{t('settings.role')}</th><th>{t('settings.badge')}</th></tr></thead>
            <tbody>{(users.data?.items ?? []).map((u) => <tr key={u.id}><td>{u.name}</td><td>{u.role}</td><td className="mono">{u.badge}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </>
  );
}
