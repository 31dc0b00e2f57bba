// Settings -> Notifications (admins): the channels alerts and the daily brief go to (WeCom and
// DingTalk group robots, SMTP, a signed webhook), a test message each, and the brief's time.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFY_KINDS, type BriefSettings, type NotifyKind } from '../../../src-main/contract/alerts';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

export function SettingsNotifications({ role }: { role: Role }) {
  const { t } = useTranslation();
  if (role !== 'admin') return <div className="muted">{t('notify.adminOnly')}</div>;
  return <Notifications />;
}

interface Form { kind: NotifyKind; name: string; url: string; secret: string; host: string; port: number; secure: boolean; user: string; password: string; from: string; to: string; alerts: boolean; brief: boolean }
const EMPTY: Form = { kind: 'wecom', name: '', url: '', secret: '', host: '', port: 465, secure: true, user: '', password: '', from: '', to: '', alerts: true, brief: true };

function Notifications() {
  const { t } = useTranslation();
  const channels = useLoad(() => call('listNotifyChannels'), []);
  const brief = useLoad(() => call('getBrief'), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [briefForm, setBriefForm] = useState<BriefSettings | null>(null);
  // the answer to the add-a-channel form or the brief's form (beside its button), or to a row's Send a test / Remove (above the table)
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string; at: 'add' | 'brief' | 'list' } | null>(null);
  const answer = (at: 'add' | 'brief' | 'list') => msg?.at === at && (
    <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid={`notify-${at}-answer`}>{msg.text}</div>
  );
  useEffect(() => setBriefForm((f) => f ?? (brief.data ? { time: brief.data.time, enabled: brief.data.enabled } : null)), [brief.data]);
  // the add-a-channel form's and the brief's fields, as a refusal names them
  const labels = {
    kind: t('notify.kind'), name: t('notify.name'), url: t('notify.url'), secret: t('notify.secret'), smtp: t('notify.kinds.email'),
    'smtp.host': t('notify.smtpHost'), 'smtp.port': t('notify.smtpPort'), 'smtp.user': t('notify.smtpUser'), 'smtp.password': t('notify.smtpPassword'),
    'smtp.from': t('notify.from'), 'smtp.to': t('notify.to'), time: t('notify.briefTime'), enabled: t('notify.briefOn'),
  };
  const act = async (at: 'add' | 'brief' | 'list', what: () => Promise<string>) => {
    setMsg(null);
    try {
      setMsg({ kind: 'ok', text: await what(), at });
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e, labels), at });
    } finally {
      channels.reload();
      brief.reload();
    }
  };
  const add = () => act('add', async () => {
    const smtp = form.kind === 'email' ? { host: form.host, port: form.port, secure: form.secure, user: form.user, password: form.password, from: form.from, to: form.to.split(/[,，\s]+/).filter(Boolean) } : undefined;
    await call('createNotifyChannel', { body: { kind: form.kind, name: form.name, url: form.url, secret: form.secret, smtp, alerts: form.alerts, brief: form.brief } });
    setForm(EMPTY);
    return t('notify.added');
  });
  const test = (id: string) => act('list', async () => {
    const d = await call('testNotifyChannel', { params: { id } });
    if (d.state !== 'sent') throw new Error(t('notify.testFailed', { detail: d.lastError ?? d.state }));
    return t('notify.tested', { detail: d.title });
  });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  return (
    <div className="settings-notifications" data-testid="notifications">
      <h2>{t('notify.channels')}</h2>
      <p className="muted small">{t('notify.hint')}</p>
      {answer('list')}
      <table className="table compact" data-testid="notify-channels">
        <thead><tr><th>{t('notify.name')}</th><th>{t('notify.kind')}</th><th>{t('notify.url')}</th><th /><th /></tr></thead>
        <tbody>
          {channels.data?.items.map((c) => (
            <tr key={c.id} data-name={c.name}>
              <td>{c.name}</td><td>{t(`notify.kinds.${c.kind}`)}</td>
              <td className="mono small">{c.url || (c.smtp ? `${c.smtp.host}:${c.smtp.port} -> ${c.smtp.to.join(', ')}` : '')}</td>
              <td className="small">{[c.alerts && t('notify.sendAlerts'), c.brief && t('notify.sendBrief')].filter(Boolean).join(' · ')}<div className="muted">{t('notify.sent24h', { sent: c.sent24h, failed: c.failed24h })}</div></td>
              <td>
                <button className="secondary" data-action="test" onClick={() => void test(c.id)}>{t('notify.test')}</button>{' '}
                <button className="ghost" onClick={() => void act('list', async () => (await call('deleteNotifyChannel', { params: { id: c.id } }), t('common.saved')))}>{t('notify.remove')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {channels.data?.items.length === 0 && <div className="empty">{t('notify.none')}</div>}
      <h3>{t('notify.add')}</h3>
      <form className="filters" data-testid="add-channel" onSubmit={(e) => (e.preventDefault(), void add())}>
        <label>{t('notify.kind')}{' '}
          <select style={{ font: "inherit" }} name="kind" value={form.kind} onChange={(e) => set('kind', e.target.value as NotifyKind)}>
            {NOTIFY_KINDS.map((k) => <option key={k} value={k}>{t(`notify.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('notify.name')} <input name="name" value={form.name} onChange={(e) => set('name', e.target.value)} /></label>
        {form.kind !== 'email' && <label>{t('notify.url')} <input name="url" value={form.url} onChange={(e) => set('url', e.target.value)} size={50} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" /></label>}
        {(form.kind === 'dingtalk' || form.kind === 'webhook') && <label title={t('notify.secretHint')}>{t('notify.secret')} <input name="secret" type="password" value={form.secret} onChange={(e) => set('secret', e.target.value)} /></label>}
        {form.kind === 'email' && (
          <>
            <label>{t('notify.smtpHost')} <input name="host" value={form.host} onChange={(e) => set('host', e.target.value)} /></label>
            <label>{t('notify.smtpPort')} <input name="port" type="number" value={form.port} onChange={(e) => set('port', Number(e.target.value))} style={{ width: '5em' }} /></label>
            <label><input name="secure" type="checkbox" checked={form.secure} onChange={(e) => set('secure', e.target.checked)} /> {t('notify.smtpSecure')}</label>
            <label>{t('notify.smtpUser')} <input name="user" value={form.user} onChange={(e) => set('user', e.target.value)} /></label>
            <label>{t('notify.smtpPassword')} <input name="password" type="password" value={form.password} onChange={(e) => set('password', e.target.value)} /></label>
            <label>{t('notify.from')} <input name="from" value={form.from} onChange={(e) => set('from', e.target.value)} /></label>
            <label>{t('notify.to')} <input name="to" value={form.to} onChange={(e) => set('to', e.target.value)} size={30} /></label>
          </>
        )}
        <label><input name="alerts" type="checkbox" checked={form.alerts} onChange={(e) => set('alerts', e.target.checked)} /> {t('notify.sendAlerts')}</label>
        <label><input name="brief" type="checkbox" checked={form.brief} onChange={(e) => set('brief', e.target.checked)} /> {t('notify.sendBrief')}</label>
        <div className="form-answer-line">
          <button className="primary" type="submit">{t('notify.add')}</button>
          {answer('add')}
        </div>
      </form>
      <h2>{t('notify.brief')}</h2>
      <p className="muted small">{t('notify.briefHint')}{brief.data?.lastDay && <> · {t('notify.lastBrief', { day: brief.data.lastDay })}</>}</p>
      {briefForm && (
        <form className="filters" data-testid="brief" onSubmit={(e) => (e.preventDefault(), void act('brief', async () => (await call('putBrief', { body: briefForm }), t('common.saved'))))}>
          <label>{t('notify.briefTime')} <input name="time" type="time" value={briefForm.time} onChange={(e) => setBriefForm({ ...briefForm, time: e.target.value })} /></label>
          <label><input name="enabled" type="checkbox" checked={briefForm.enabled} onChange={(e) => setBriefForm({ ...briefForm, enabled: e.target.checked })} /> {t('notify.briefOn')}</label>
          <div className="form-answer-line">
            <button className="primary" type="submit">{t('common.save')}</button>
            {answer('brief')}
          </div>
        </form>
      )}
    </div>
  );
}
