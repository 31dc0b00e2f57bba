import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Floor, WallLink } from '../../../src-main/contract/board';
import { requestFor } from '../../../src-main/contract/client';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { LANGUAGES, setLanguage } from '../../lib/i18n';
import { formatTime } from '../../lib/ui';
import { FloorView } from './Floor';
import { WarehousePicker, useWarehouseChoice } from '../dispatch/WarehousePicker';
import './board.css';

// The wall screen (#/wall/<token>): the live floor in large type on a TV, with no login. The link's
// token reads the floor and nothing else; each read waits at the core for the next change on the
// feed (GET /api/wall/<token>/floor?after=<event id>), so a parcel packed shows within a second.

/** `warehouse`: a warehouse code from the link (#/wall/<token>/<code>): that warehouse's floor; none: every warehouse. */
export function Wall({ token, warehouse }: { token: string; warehouse?: string }) {
  const { t, i18n } = useTranslation();
  const [floor, setFloor] = useState<Floor | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    let live = true;
    (async () => {
      let after: number | undefined;
      while (live) {
        const { url } = requestFor('wallFloor', { params: { token }, query: { ...(warehouse ? { warehouse } : {}), ...(after === undefined ? {} : { after }) } }, null);
        const res = await fetch(url).catch(() => null);
        if (!live) return;
        if (res?.status === 401 || res?.status === 404) return setRefused(true);
        if (!res?.ok) {
          await new Promise((r) => setTimeout(r, 2000)); // the core restarting: try again shortly
          continue;
        }
        const f = (await res.json()) as Floor;
        setFloor(f);
        after = f.eventId;
      }
    })();
    return () => {
      live = false;
    };
  }, [token, warehouse]);
  return (
    <div className="wall" data-testid="wall">
      <header className="wall-head">
        <b>Packline</b>{warehouse && <span className="wall-warehouse" data-testid="wall-warehouse">{warehouse}</span>}
        <span className="langs">{LANGUAGES.map((l) => <button type="button" key={l.code} className={i18n.language === l.code ? 'chip on' : 'chip'} onClick={() => setLanguage(l.code)}>{l.label}</button>)}</span>
      </header>
      {refused ? <div className="alert error big-note">{t('centre.wallRefused')}</div> : floor && <FloorView floor={floor} wall />}
    </div>
  );
}

/** Leads make and revoke the wall links (Command centre -> Wall screens). */
export function WallLinks() {
  const { t } = useTranslation();
  const links = useLoad(() => call('listWallLinks'), []);
  const [name, setName] = useState('');
  const [made, setMade] = useState<WallLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the TV's address carries the warehouse it shows ("" every warehouse)
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const create = async () => {
    setError(null);
    try {
      setMade(await call('createWallLink', { body: { name } }));
      setName('');
      links.reload();
    } catch (e) {
      setError(failureText(e, { name: t('centre.wallName') }));
    }
  };
  const url = made?.token ? `${location.origin}/#/wall/${made.token}${warehouse ? `/${encodeURIComponent(warehouse)}` : ''}` : null;
  return (
    <section className="pane wall-links" data-testid="wall-links">
      <p className="muted">{t('centre.wallIntro')}</p>
      <WarehousePicker value={warehouse} onChange={setWarehouse} />
      <form className="reason" onSubmit={(e) => (e.preventDefault(), void create())}>
        <input name="wall-name" placeholder={t('centre.wallName')} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={!name.trim()}>{t('centre.wallCreate')}</button>
      </form>
      {error && <div className="alert error">{error}</div>}
      {url && <div className="alert ok"><div>{t('centre.wallUrlOnce')}</div><a className="mono" href={url} data-testid="wall-url">{url}</a></div>}
      {links.data && links.data.items.length === 0 && <div className="empty">{t('centre.wallNone')}</div>}
      {links.data && links.data.items.length > 0 && (
        <table className="table compact">
          <thead><tr><th>{t('centre.name')}</th><th>{t('centre.createdAt')}</th><th /></tr></thead>
          <tbody>{links.data.items.map((l) => (
            <tr key={l.id}><td>{l.name}</td><td className="nowrap">{formatTime(l.createdAt)}</td>
              <td>{l.revokedAt ? <span className="muted">{t('centre.wallRevoked')}</span>
                : <button type="button" className="secondary" onClick={() => void call('revokeWallLink', { params: { id: l.id } }).then(links.reload)}>{t('centre.wallRevoke')}</button>}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
