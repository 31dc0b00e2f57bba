import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../src-main/contract/people';
import { call, setToken, hasToken } from './lib/api';
import { useRoute, useFeedOnline, closeChangeFeed } from './lib/hooks';
import { closeStation, getStation } from './lib/station';
import { useWedge, configureWedge } from './lib/wedge';
import { Login } from './features/people/Login';
import { ImeWarning } from './features/devices/ImeWarning';
import { HOME_ROUTE, screensFor } from './features';

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

  if (!checked) return null;
  if (!user) return <Login onLogin={(u, token) => (setToken(token), setUser(u), go(route[0] ?? HOME_ROUTE))} />;

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
  const logout = () => call('logout').finally(() => window.dispatchEvent(new Event('pl:logged-out')));
  return (
    <div className="shell">
      <nav className="nav" aria-label="main">
        <div className="brand">Packline</div>
        {screens.map((s) => (
          <a key={s.route} href={`#/${s.route}`} className={s === current ? 'active' : ''} aria-current={s === current ? 'page' : undefined}>
            {t(s.label)}
            {s.badge && <s.badge />}
          </a>
        ))}
        <div className="spacer" />
        <FeedStatus />
        <div className="who">
          {user.name}
          <span className="role">{user.role}</span>
        </div>
        <button className="ghost" onClick={logout}>{t('nav.logout')}</button>
      </nav>
      <ImeWarning />
      <main className="main">
        <current.screen role={user.role} path={route.slice(1)} />
      </main>
    </div>
  );
}

function FeedStatus() {
  const { t } = useTranslation();
  const online = useFeedOnline();
  return <span className={`feed ${online ? 'on' : 'off'}`}>{online ? t('common.live') : t('common.offline')}</span>;
}
