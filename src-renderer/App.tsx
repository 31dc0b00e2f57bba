import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../src-main/contract/domain';
import { call, setToken, hasToken } from './lib/api';
import { useRoute, useFeedOnline, closeChangeFeed } from './lib/hooks';
import { closeStation } from './lib/station';
import { Login } from './features/people/Login';
import { Orders } from './features/orders/Orders';
import { Products } from './features/catalog/Products';
import { Inventory } from './features/inventory/Inventory';
import { Settings } from './features/settings/Settings';
import { Pack, CommandSheet } from './features/packing/Pack';
import { Waves } from './features/waves/Waves';
import { Devices } from './features/devices/Devices';
import { useWedge, useImeWarning, configureWedge } from './lib/wedge';
import { getStation } from './lib/station';

const SCREENS = ['pack', 'waves', 'orders', 'products', 'inventory', 'devices', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

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
  if (!user) return <Login onLogin={(u, token) => (setToken(token), setUser(u), go(route[0] ?? 'orders'))} />;

  return <Shell user={user} route={route} />;
}

function Shell({ user, route }: { user: User; route: string[] }) {
  const { t } = useTranslation();
  useWedge();
  useEffect(() => {
    // the keyboard wedge's timing comes from the bench's device settings, when the user may read them
    if (user.role === 'operator' || user.role === 'lead' || user.role === 'admin') getStation().call('devices.settings', {}).then((s) => configureWedge(s.wedge), () => undefined);
  }, [user.role]);
  const screen: Screen = SCREENS.includes(route[0] as Screen) ? (route[0] as Screen) : 'orders';
  const logout = () => call('logout').finally(() => window.dispatchEvent(new Event('pl:logged-out')));
  return (
    <div className="shell">
      <nav className="nav" aria-label="main">
        <div className="brand">Packline</div>
        {SCREENS.map((s) => (
          <a key={s} href={`#/${s}`} className={s === screen ? 'active' : ''} aria-current={s === screen ? 'page' : undefined}>
            {t(`nav.${s}`)}
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
        {screen === 'orders' && <Orders id={route[1]} role={user.role} />}
        {screen === 'products' && <Products id={route[1]} role={user.role} />}
        {screen === 'inventory' && <Inventory />}
        {screen === 'settings' && <Settings role={user.role} sub={route.slice(1)} />}
        {screen === 'pack' && (route[1] === 'commands' ? <CommandSheet /> : <Pack />)}
        {screen === 'waves' && <Waves id={route[1]} role={user.role} />}
        {screen === 'devices' && <Devices role={user.role} />}
      </main>
    </div>
  );
}

/** An input method is composing the scanner's keys: say so, in words, until the next good scan. */
function ImeWarning() {
  const { t } = useTranslation();
  const ime = useImeWarning();
  if (!ime.active) return null;
  return (
    <div className="ime-warning" role="alert" data-testid="ime-warning">
      <strong>{t('devices.ime.title')}</strong> {t('devices.ime.body')}
      <button onClick={ime.dismiss}>{t('devices.ime.dismiss')}</button>
    </div>
  );
}

function FeedStatus() {
  const { t } = useTranslation();
  const online = useFeedOnline();
  return <span className={`feed ${online ? 'on' : 'off'}`}>{online ? t('common.live') : t('common.offline')}</span>;
}
