import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../src-main/contract/people';
import { call, setToken, hasToken } from './lib/api';
import { useRoute, useFeedOnline, closeChangeFeed } from './lib/hooks';
import { closeStation, getStation } from './lib/station';
import { useWedge, configureWedge } from './lib/wedge';
import { Login } from './features/people/Login';
import { ImeWarning } from './features/devices/ImeWarning';
import { HOME_ROUTE, screensFor } from './features';
import { Setup, SETUP_CHANGED } from './features/setup/Setup';
import { Wall } from './features/board/Wall';

export function App() {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [route, go] = useRoute();

  useEffect(() => {
    if (!hasToken()) return setChecked(true);
    call('me').then((r) => setUser(r.user), () => setToken(null)).finally(() => setChecked(true));
  }, []);
  useEffect(() => {
    const out = () => {
      setToken(null);
      setUser(null);
      closeChangeFeed();
      closeStation();
    };
    window.addEventListener('pl:logged-out', out);
    return () => window.removeEventListener('pl:logged-out', out);
  }, []);

  // A wall TV: a view-only link, no login (its token reads the floor and nothing else).
  if (route[0] === 'wall' && route[1]) return <Wall token={route[1]} warehouse={route[2]} />;
  if (!checked) return null;
  if (!user) return <Login onLogin={(u, token) => (setToken(token), setUser(u), go(route.length ? route.map(encodeURIComponent).join('/') : HOME_ROUTE))} />;

  return <Shell user={user} route={route} />;
}

function Shell({ user, route }: { user: User; route: string[] }) {
  const { t } = useTranslation();
  useWedge();
  useEffect(() => {
    // the keyboard wedge's timing comes from the bench's device settings, when the user may read them
    if (user.role === 'operator' || user.role === 'lead' || user.role === 'admin') getStation().call('devices.settings', {}).then((s) => configureWedge(s.wedge), () => undefined);
  }, [user.role]);
  const screens = screensFor(user.role);
  const current = screens.find((s) => s.route === route[0]) ?? screens.find((s) => s.route === HOME_ROUTE)!;
  const setupOpen = useSetupOpen(user.role === 'admin');
  const inSetup = user.role === 'admin' && route[0] === 'setup';
  const logout = () => call('logout').finally(() => window.dispatchEvent(new Event('pl:logged-out')));
  return (
    <div className="shell">
      <nav className="nav" aria-label="main">
        <div className="brand">Packline</div>
        {screens.filter((s) => !s.more).map((s) => (
          <a key={s.route} href={`#/${s.route}`} className={s === current && !inSetup ? 'active' : ''} aria-current={s === current && !inSetup ? 'page' : undefined}>
            {t(s.label)}
            {s.badge && <s.badge />}
          </a>
        ))}
        <MoreScreens screens={screens.filter((s) => s.more)} current={inSetup ? undefined : current} />
        <div className="spacer" />
        <FeedStatus />
        {/* A name too long for the bar is cut short (whole on hover) rather than pushing Log out off the window. */}
        <div className="who" title={`${user.name} (${t(`users.roles.${user.role}`)})`}>
          <span className="who-name">{user.name}</span>
          <span className="role" data-role={user.role}>{t(`users.roles.${user.role}`)}</span>
        </div>
        <button className="ghost" onClick={logout}>{t('nav.logout')}</button>
      </nav>
      <ImeWarning />
      {setupOpen && !inSetup && (
        <div className="alert warning setup-banner" data-testid="setup-banner">
          {t('setup.banner')} <a href="#/setup">{t('setup.continue')}</a>
        </div>
      )}
      <main className="main">
        {inSetup ? <Setup /> : <current.screen role={user.role} path={route.slice(1)} />}
      </main>
    </div>
  );
}

type NavScreen = ReturnType<typeof screensFor>[number];

/**
 * The screens opened now and then, behind "More": a menu under the bar (fixed, since the bar itself
 * scrolls sideways on a narrow window and would clip it). Closes on a pick or a click elsewhere.
 */
function MoreScreens({ screens, current }: { screens: NavScreen[]; current: NavScreen | undefined }) {
  const { t } = useTranslation();
  const [at, setAt] = useState<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (at === null) return;
    const close = () => setAt(null);
    window.addEventListener('click', close);
    window.addEventListener('hashchange', close);
    return () => (window.removeEventListener('click', close), window.removeEventListener('hashchange', close));
  }, [at]);
  if (screens.length === 0) return null;
  const inside = current && screens.includes(current);
  const open = (e: React.MouseEvent) => {
    e.stopPropagation();
    setAt(at === null ? button.current!.getBoundingClientRect().left : null);
  };
  return (
    <>
      <button ref={button} type="button" className={`nav-more${inside ? ' active' : ''}`} aria-expanded={at !== null} aria-haspopup="menu" onClick={open} data-testid="nav-more">
        {inside ? t(current.label) : t('nav.more')} ▾
      </button>
      {at !== null && (
        <div className="nav-more-menu" role="menu" style={{ left: at }}>
          {screens.map((s) => (
            <a key={s.route} role="menuitem" href={`#/${s.route}`} className={s === current ? 'active' : ''} aria-current={s === current ? 'page' : undefined}>
              {t(s.label)}
              {s.badge && <s.badge />}
            </a>
          ))}
        </div>
      )}
    </>
  );
}

/** An admin of a shop not set up yet: the first-run setup is open (it opens itself once per login). */
function useSetupOpen(admin: boolean): boolean {
  const [open, setOpen] = useState(false);
  const sent = useRef(false);
  useEffect(() => {
    if (!admin) return;
    const check = () => call('getSettings').then((s) => {
      setOpen(s.setup.open);
      if (s.setup.open && !sent.current) {
        sent.current = true;
        location.hash = '#/setup';
      }
    }, () => undefined);
    void check();
    window.addEventListener(SETUP_CHANGED, check);
    return () => window.removeEventListener(SETUP_CHANGED, check);
  }, [admin]);
  return open;
}

function FeedStatus() {
  const { t } = useTranslation();
  const online = useFeedOnline();
  return <span className={`feed ${online ? 'on' : 'off'}`}>{online ? t('common.live') : t('common.offline')}</span>;
}
