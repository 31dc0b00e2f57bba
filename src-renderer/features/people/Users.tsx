import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type BadgeCard, type Role, type UserListed } from '../../../src-main/contract/people';
import { pinRequiredFor } from '../../../src-main/contract/settings';
import { call, callFile, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

// Settings -> Users: who may log in. Admins create users, change name and role, deactivate, give a
// new badge or PIN; leads see the list and unlock badges locked by wrong PINs. A badge code is shown
// once, right after it was made, with its card to print: the core keeps only its hash.

/** Downloads a PDF sheet of badge cards for codes just handed out. */
export async function printBadgeCards(cards: BadgeCard[]): Promise<void> {
  const blob = await callFile('badgeCards', { body: { cards } });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'badge-cards.pdf';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** Badge codes shown this once, with their cards to print. */
export function FreshBadges({ cards, onDone }: { cards: BadgeCard[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [err, setErr] = useState<string | null>(null);
  if (cards.length === 0) return null;
  return (
    <div className="alert warning fresh-badges" data-testid="fresh-badges">
      {cards.map((c) => <div key={c.badge}><strong>{t('users.badgeOnce', { name: c.name, badge: c.badge })}</strong></div>)}
      <div className="muted small">{t('users.badgeOnceHint')}</div>
      <div className="row-actions">
        <button className="primary" onClick={() => printBadgeCards(cards).catch((e: unknown) => setErr(failureText(e)))}>{cards.length === 1 ? t('users.printCard') : t('users.printAll', { count: cards.length })}</button>
        <button onClick={onDone}>{t('users.done')}</button>
      </div>
      {err && <div className="bad">{err}</div>}
    </div>
  );
}

export function Users({ role }: { role: Role }) {
  const { t } = useTranslation();
  const admin = role === 'admin';
  const users = useLoad(() => call('listUsers'), []);
  const settings = useLoad(() => call('getSettings'), []);
  const [fresh, setFresh] = useState<BadgeCard[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string; role: Role } | null>(null);

  const act = async (f: () => Promise<string>) => {
    try {
      setMsg({ ok: true, text: await f() });
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, { name: t('users.name'), role: t('users.role'), pin: t('users.pin'), active: t('users.status') }) });
    }
    users.reload();
  };
  const unlock = (u: UserListed) => act(async () => (await call('unlockUser', { params: { id: u.id } }), t('users.unlocked', { name: u.name })));
  const setActive = (u: UserListed, active: boolean) => act(async () => (await call('updateUser', { params: { id: u.id }, body: { active } }), t('users.changed', { name: u.name })));
  const saveEdit = () => act(async () => {
    const e = editing!;
    await call('updateUser', { params: { id: e.id }, body: { name: e.name, role: e.role } });
    setEditing(null);
    return t('users.changed', { name: e.name });
  });
  const newBadge = (u: UserListed) => {
    if (!confirm(t('users.confirmReset', { name: u.name }))) return;
    void act(async () => {
      const r = await call('resetBadge', { params: { id: u.id } });
      setFresh((f) => [...f, { name: r.name, role: r.role, badge: r.badge! }]);
      return t('users.changed', { name: u.name });
    });
  };
  const setPin = (u: UserListed) => {
    const pin = prompt(t('users.newPin', { name: u.name }));
    if (pin === null) return;
    void act(async () => (await call('resetPin', { params: { id: u.id }, body: { pin: pin.trim() === '' ? null : pin.trim() } }), t('users.pinSaved', { name: u.name })));
  };
  const status = (u: UserListed) => (u.locked ? t('users.locked') : u.active ? t('users.active') : t('users.inactive'));

  return (
    <>
      <h2>{t('users.title')}</h2>
      {msg && <div className={msg.ok ? 'muted' : 'alert error'} role="status">{msg.text}</div>}
      <FreshBadges cards={fresh} onDone={() => setFresh([])} />
      <table className="table compact users">
        <thead><tr><th>{t('users.name')}</th><th>{t('users.role')}</th><th>{t('users.status')}</th><th>{t('users.pin')}</th><th /></tr></thead>
        <tbody>
          {(users.data?.items ?? []).map((u) => {
            const edit = editing?.id === u.id ? editing : null;
            return (
              <tr key={u.id} data-user={u.id} className={u.active ? undefined : 'muted'}>
                <td>{edit ? <input name="edit-name" value={edit.name} onChange={(e) => setEditing({ ...edit, name: e.target.value })} /> : u.name}</td>
                <td>{edit ? <select name="edit-role" value={edit.role} onChange={(e) => setEditing({ ...edit, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{t(`users.roles.${r}`)}</option>)}</select> : t(`users.roles.${u.role}`)}</td>
                <td className={u.locked ? 'bad' : undefined}>{status(u)}</td>
                <td className="muted small">{u.hasPin ? t('users.pinSet') : t('users.noPin')}</td>
                <td className="row-actions">
                  {u.locked && <button onClick={() => void unlock(u)}>{t('users.unlock')}</button>}
                  {admin && (edit
                    ? <><button className="primary" onClick={() => void saveEdit()}>{t('users.save')}</button><button onClick={() => setEditing(null)}>{t('common.cancel')}</button></>
                    : <>
                      <button onClick={() => setEditing({ id: u.id, name: u.name, role: u.role })}>{t('users.edit')}</button>
                      <button onClick={() => newBadge(u)}>{t('users.resetBadge')}</button>
                      <button onClick={() => setPin(u)}>{t('users.resetPin')}</button>
                      <button onClick={() => void setActive(u, !u.active)}>{u.active ? t('users.deactivate') : t('users.reactivate')}</button>
                    </>)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {admin && settings.data && <CreateUser pinRoles={ROLES.filter((r) => pinRequiredFor(settings.data!, r))} onCreated={(c) => (setFresh((f) => [...f, c]), setMsg({ ok: true, text: t('users.created', { name: c.name }) }), users.reload())} />}
    </>
  );
}

/** Name, role and (where the role needs one, or wanted) a PIN; the badge code is made by the core. */
export function CreateUser({ pinRoles, onCreated, fixedRole, submit }: { pinRoles: readonly Role[]; onCreated: (c: BadgeCard) => void; fixedRole?: Role; submit?: string }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ name: '', role: fixedRole ?? ('operator' as Role), pin: '' });
  const [err, setErr] = useState<string | null>(null);
  const create = async () => {
    try {
      const u = await call('createUser', { body: { name: f.name, role: f.role, ...(f.pin ? { pin: f.pin } : {}) } });
      setF({ ...f, name: '', pin: '' });
      setErr(null);
      onCreated({ name: u.name, role: u.role, badge: u.badge! }); // no badge was given: the core made one
    } catch (e) {
      setErr(failureText(e, { name: t('users.name'), role: t('users.role'), pin: t('users.pin') }));
    }
  };
  const needsPin = pinRoles.includes(f.role);
  return (
    <form className="form create-user" onSubmit={(e) => (e.preventDefault(), void create())}>
      <label>{t('users.name')}<input name="user-name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required /></label>
      {!fixedRole && <label>{t('users.role')}<select name="user-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{t(`users.roles.${r}`)}</option>)}</select></label>}
      <label>{t('users.pin')} <span className="muted small">{needsPin ? t('users.pinNeeded') : t('users.pinHint')}</span>
        <input name="user-pin" inputMode="numeric" pattern="\d{4,8}" value={f.pin} onChange={(e) => setF({ ...f, pin: e.target.value })} required={needsPin} />
      </label>
      <div><button className="primary" type="submit">{submit ?? t('users.create')}</button></div>
      {err && <div className="alert error wide">{err}</div>}
    </form>
  );
}
