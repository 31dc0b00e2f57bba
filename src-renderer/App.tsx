import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../src-main/contract/domain';
import { call, setToken, hasToken } from './lib/api';
import { useRoute, useFeedOnline, closeChangeFeed } from './lib/hooks';
import { closeStation } from './lib/station';
import { Login } from './screens/Login';
import { Orders } from './screens/Orders';
import { Products } from './screens/Products';
import { Inventory } from './screens/Inventory';
import { Settings } from './screens/Settings';
import { Pack } from './screens/Pack';
import { Waves } from './screens/Waves';

const SCREENS = ['pack', 'waves', 'orders', 'products', 'inventory', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

export function App() {
  const { t } = useTranslation();
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
      <main className="main">
        {screen === 'orders' && <Orders id={route[1]} role={user.role} />}
        {screen === 'products' && <Products id={route[1]} />}
        {screen === 'inventory' && <Inventory />}
        {screen === 'settings' && <Settings role={user.role} sub={route.slice(1)} />}
        {screen === 'pack' && <Pack />}
        {screen === 'waves' && <Waves />}
      </main>
    </div>
  );
}

function FeedStatus() {
  const { t } = useTranslation();
  const online = useFeedOnline();
  return <span className={`feed ${online ? 'on' : 'off'}`}>{online ? t('common.live') : t('common.offline')}</span>;
}
