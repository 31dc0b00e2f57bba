import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../src-main/contract/people';
import { pinRequiredFor, type Settings as ShopSettings } from '../../../src-main/contract/settings';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { LANGUAGES, setLanguage } from '../../lib/i18n';
import type { ScreenProps, SettingsTab } from '../../lib/feature';
import { ShopProfileForm, WarehouseForm } from './ShopProfile';

/**
 * Settings and its pages, brought by the features (features.ts): #/settings (language, shop, warehouse,
 * packing, PINs), #/settings/users, #/settings/carriers, #/settings/labels[/<template>], #/settings/waves.
 */
export function Settings({ role, path, tabs }: ScreenProps & { tabs: readonly SettingsTab[] }) {
  const { t } = useTranslation();
  const visible = tabs.filter((tab) => !tab.roles || tab.roles.includes(role));
  const page = visible.find((tab) => tab.path !== '' && tab.path === path[0]) ?? visible.find((tab) => tab.path === '')!;
  return (
    <section className="pane settings">
      <nav className="tabs" aria-label={t('nav.settings')}>
        {visible.map((tab) => (
          <a key={tab.path} href={tab.path ? `#/settings/${tab.path}` : '#/settings'} className={tab === page ? 'active' : ''} aria-current={tab === page ? 'page' : undefined}>{t(tab.label)}</a>
        ))}
      </nav>
      <page.screen role={role} path={page.path ? path.slice(1) : []} />
    </section>
  );
}

/** #/settings: language for this person; the shop's profile, warehouse and packing settings (admins change them). */
export function GeneralSettings({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const settings = useLoad(() => call('getSettings'), []);
  const [current, setCurrent] = useState<ShopSettings | null>(null);
  useEffect(() => setCurrent(settings.data), [settings.data]);
  const admin = role === 'admin';
  const reopenSetup = async () => {
    await call('putSettings', { body: { setup: { open: true, done: current?.setup.done ?? [] } } });
    location.hash = '#/setup';
  };
  return (
    <>
      <h2>{t('settings.language')}</h2>
      <div className="chips">
        {LANGUAGES.map((l) => <button key={l.code} className={i18n.language === l.code ? 'chip on' : 'chip'} onClick={() => setLanguage(l.code)}>{l.label}</button>)}
      </div>
      {current && (
        <>
          <h2>{t('settings.shop')}</h2>
          <ShopProfileForm key={`shop-${current.shopName}`} settings={current} disabled={!admin} submit={t('common.save')} onSaved={setCurrent} />
          <h2>{t('settings.warehouse')}</h2>
          <p className="muted small" data-testid="default-warehouse-hint">{t('settings.warehouseHint')} <a href="#/settings/warehouses">{t('warehouses.title')}</a></p>
          <WarehouseForm key={`wh-${current.warehouse.name}`} settings={current} disabled={!admin} submit={t('common.save')} onSaved={setCurrent} />
          <h2>{t('settings.packing')}</h2>
          <PackingSettings settings={current} admin={admin} onSaved={setCurrent} />
          {admin && (
            <>
              <h2>{t('setup.title')}</h2>
              <p className="muted">{t('settings.setupHint')}</p>
              <button data-testid="reopen-setup" onClick={() => void reopenSetup()}>{t('settings.reopenSetup')}</button>
            </>
          )}
        </>
      )}
    </>
  );
}

/** Weight tolerance, stock and who types a PIN at login. */
function PackingSettings({ settings, admin, onSaved }: { settings: ShopSettings; admin: boolean; onSaved: (s: ShopSettings) => void }) {
  const { t } = useTranslation();
  // a shop that asked every role (the older single switch) shows every role ticked
  const [draft, setDraft] = useState({ ...settings, requirePinFor: ROLES.filter((r) => pinRequiredFor(settings, r)) });
  const [msg, setMsg] = useState<string | null>(null);
  const save = async () => {
    try {
      const { weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePinFor } = draft;
      onSaved(await call('putSettings', { body: { weightToleranceG, weightTolerancePct, inboundCoefficient, autoAllocate, requirePin: false, requirePinFor } }));
      setMsg(t('common.saved'));
    } catch (e) {
      setMsg(failureText(e, {
        weightToleranceG: `${t('settings.tolerance')} (g)`, weightTolerancePct: `${t('settings.tolerance')} (%)`,
        inboundCoefficient: t('settings.inbound'), requirePinFor: t('settings.pinRoles'),
      }));
    }
  };
  const togglePin = (r: Role) => setDraft({ ...draft, requirePinFor: draft.requirePinFor.includes(r) ? draft.requirePinFor.filter((x) => x !== r) : [...draft.requirePinFor, r] });
  return (
    <fieldset disabled={!admin} className="form">
      <label>{t('settings.tolerance')} (g)<input type="number" value={draft.weightToleranceG} onChange={(e) => setDraft({ ...draft, weightToleranceG: Number(e.target.value) })} /></label>
      <label>{t('settings.tolerance')} (%)<input type="number" step="0.5" value={draft.weightTolerancePct} onChange={(e) => setDraft({ ...draft, weightTolerancePct: Number(e.target.value) })} /></label>
      <label>{t('settings.inbound')}<input type="number" step="0.1" min="0" max="1" value={draft.inboundCoefficient} onChange={(e) => setDraft({ ...draft, inboundCoefficient: Number(e.target.value) })} /></label>
      <label className="check"><input type="checkbox" checked={draft.autoAllocate} onChange={(e) => setDraft({ ...draft, autoAllocate: e.target.checked })} /> {t('settings.autoAllocate')}</label>
      <div className="wide pin-roles" data-testid="pin-roles">
        {t('settings.pinRoles')}:{' '}
        {ROLES.map((r) => <label key={r} className="check inline"><input type="checkbox" name={`pin-${r}`} checked={draft.requirePinFor.includes(r)} onChange={() => togglePin(r)} /> {t(`users.roles.${r}`)}</label>)}
      </div>
      {admin && <div><button className="primary" onClick={(e) => (e.preventDefault(), void save())}>{t('common.save')}</button>{msg && <span className="muted"> {msg}</span>}</div>}
    </fieldset>
  );
}
