import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-main/contract/people';
import { call, ApiFailure } from '../../lib/api';
import { LANGUAGES, setLanguage } from '../../lib/i18n';

/** The core's refusal in the screen's language (the core answers every failed login the same way). */
function refusal(e: unknown, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (!(e instanceof ApiFailure)) return (e as Error).message;
  if (e.body.code === 'unauthenticated') return t('login.refused');
  if (e.body.code === 'rate_limited') return t('login.throttled');
  return e.message;
}

/** Badge login: a scanner types the badge and Enter, so the field is focused and submits on Enter. */
export function Login({ onLogin }: { onLogin: (u: User, token: string) => void }) {
  const { t, i18n } = useTranslation();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [demo, setDemo] = useState<{ name: string; role: string; badge: string }[]>([]);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    call('health').then((h) => setDemo(h.demoBadges ?? []), () => {});
    ref.current?.focus();
  }, []);

  const submit = async (b = badge) => {
    setError(null);
    try {
      const r = await call('login', { body: { badge: b.trim(), pin: pin || undefined } });
      onLogin(r.user, r.token!);
    } catch (e) {
      setError(refusal(e, t));
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <h1>Packline</h1>
        <h2>{t('login.title')}</h2>
        <p className="muted">{t('login.hint')}</p>
        <label>
          {t('login.badge')}
          <input ref={ref} name="badge" value={badge} onChange={(e) => setBadge(e.target.value)} autoComplete="off" className="big" />
        </label>
        {/* Always offered: the core answers every refusal alike, so it cannot say which badges need a PIN. */}
        <label>
          {t('login.pin')} <span className="muted">{t('login.pinOptional')}</span>
          <input name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} className="big" />
        </label>
        {error && <div className="alert error" role="alert">{error}</div>}
        <button type="submit" className="primary big">{t('login.submit')}</button>
        <div className="langs">
          {LANGUAGES.map((l) => (
            <button type="button" key={l.code} className={i18n.language === l.code ? 'chip on' : 'chip'} onClick={() => setLanguage(l.code)}>{l.label}</button>
          ))}
        </div>
        {demo.length > 0 && (
          <div className="demo">
            <div className="muted">{t('login.demo')}</div>
            {demo.map((d) => (
              <button type="button" key={d.badge} className="chip" onClick={() => (setBadge(d.badge), void submit(d.badge))}>
                {d.badge} · {d.role}
              </button>
            ))}
          </div>
        )}
      </form>
    </div>
  );
}
