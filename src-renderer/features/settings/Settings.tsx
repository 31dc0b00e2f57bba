import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, UserListed } from '../../../src-main/contract/people';
import type { Settings as ShopSettings } from '../../../src-main/contract/settings';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { LANGUAGES, setLanguage } from '../../lib/i18n';
import type { ScreenProps, SettingsTab } from '../../lib/feature';

/**
 * Settings and its pages, brought by the features (features.ts): #/settings (shop, language, users),
 * #/settings/labels[/<template>], #/settings/waves.
 */
export function Settings({ role, path, tabs }: ScreenProps & { tabs: readonly SettingsTab[] }) {
  const { t } = useTranslation();
  const page = tabs.find((tab) => tab.path !== '' && tab.path === path[0]) ?? tabs.find((tab) => tab.path === '')!;
  return (
    <section className="pane settings">
      <nav className="tabs" aria-label={t('nav.settings')}>
        {tabs.map((tab) => (
          <a key={tab.path} href={tab.path ? `#/settings/${tab.path}` : '#/settings'} className={tab === page ? 'active' : ''} aria-current={tab === page ? 'page' : undefined}>{t(tab.label)}</a>
        ))}
      </nav>
      <page.screen role={role} path={page.path ? path.slice(1) : []} />
    </section>
  );
}

/** #/settings: language for this person; shop settings (admins change them); users (leads and admins: unlock badges). */
export function GeneralSettings({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const settings = useLoad(() => call('getSettings'), []);
  const [draft, setDraft] = useState<ShopSettings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => setDraft(settings.data), [settings.data]);
  const admin = role === 'admin';
  const save = async () => {
    if (!draft) return;
    try {
      const { shopName, weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePin } = draft;
      setDraft(await call('putSettings', { body: { shopName, weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePin } }));
      setMsg(t('common.saved'));
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
            {admin && <button className="primary" onClick={(e) => (e.preventDefault(), void save())}>{t('common.save')}</button>}
            {msg && <span className="muted"> {msg}</span>}
          </fieldset>
        </>
      )}
      {(role === 'admin' || role === 'lead') && <Users />}
    </>
  );
}

/** Who may log in, and whose badge is locked after too many wrong PINs (a lead or admin unlocks it).
 *  Badge codes are never shown: the core keeps only their hashes. */
function Users() {
  const { t } = useTranslation();
  const users = useLoad(() => call('listUsers'), []);
  const [msg, setMsg] = useState<string | null>(null);
  const unlock = async (u: UserListed) => {
    try {
      await call('unlockUser', { params: { id: u.id } });
      setMsg(t('settings.unlocked', { name: u.name }));
    } catch (e) {
      setMsg((e as Error).message);
    }
    users.reload();
  };
  const status = (u: UserListed) => (u.locked ? t('settings.locked') : u.active ? t('settings.active') : t('settings.inactive'));
  return (
    <>
      <h2>{t('settings.users')}</h2>
      {msg && <div className="muted" role="status">{msg}</div>}
      <table className="table compact users">
        <thead><tr><th>{t('orders.name')}</th><th>{t('settings.role')}</th><th>{t('settings.status')}</th><th /></tr></thead>
        <tbody>
          {(users.data?.items ?? []).map((u) => (
            <tr key={u.id} data-user={u.id}>
              <td>{u.name}</td>
              <td>{u.role}</td>
              <td className={u.locked ? 'bad' : undefined}>{status(u)}</td>
              <td>{u.locked && <button onClick={() => void unlock(u)}>{t('settings.unlock')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
