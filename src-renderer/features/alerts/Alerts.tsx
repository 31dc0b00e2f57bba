// The Alerts screen (leads and admins): what is firing now and what to do about it, the thresholds
// a lead sets on any metric, and the delivery log: what each robot or mailbox received.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, ThresholdInput } from '../../../src-main/contract/alerts';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

export function Alerts({ role }: { role: Role }) {
  const { t } = useTranslation();
  const alerts = useLoad(() => call('listAlerts'), []);
  const deliveries = useLoad(() => call('listDeliveries', { query: { limit: 50 } }), []);
  useLiveReload((e) => e.type.startsWith('alert.') || e.type.startsWith('stock.'), () => (alerts.reload(), deliveries.reload()), 1000);
  return (
    <div className="alerts-screen" data-testid="alerts">
      <h2>{t('alerts.open')}</h2>
      {alerts.error && <div className="alert error">{alerts.error}</div>}
      {alerts.data && alerts.data.open.length === 0 && <div className="empty">{t('alerts.none')}</div>}
      {alerts.data?.open.map((a) => <AlertCard key={a.id} a={a} />)}
      <Thresholds onChange={() => (alerts.reload(), deliveries.reload())} />
      <h2>{t('alerts.log')}</h2>
      <p className="muted small">{t('alerts.logHint')}</p>
      <DeliveryLog items={deliveries.data?.items ?? []} canRetry={role === 'admin'} reload={deliveries.reload} />
    </div>
  );
}

function AlertCard({ a }: { a: Alert }) {
  const { t } = useTranslation();
  return (
    <div className={`alert ${a.level === 'critical' ? 'error' : 'warning'}`} role="alert" data-testid="alert-card" data-key={a.key}>
      <strong>{a.title}</strong> <span className="small">· {t('alerts.count', { count: a.count })} · {t('alerts.since', { at: formatTime(a.firstAt) })}</span>
      {a.firstValue !== null && a.value !== null && a.firstValue !== a.value && (
        <div data-testid="alert-values">{t('alerts.raisedNow', { first: a.firstValue, at: formatTime(a.firstAt), now: a.value })}</div>
      )}
      <div className="small">{a.detail}</div>
      <div><strong>{t('alerts.todo')}:</strong> {a.todo}</div>
    </div>
  );
}

const EMPTY: ThresholdInput = { metric: '', op: 'above', value: 0, level: 'warning', windowMinutes: 60, todo: '' };

function Thresholds({ onChange }: { onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const metrics = useLoad(() => call('listMetrics'), []);
  const thresholds = useLoad(() => call('listThresholds'), []);
  const [form, setForm] = useState<ThresholdInput>(EMPTY);
  // the metric shown selected: the one picked, else the first (a blank one cannot be set)
  const metric = form.metric || metrics.data?.items[0]?.key || '';
  const labels = { metric: t('alerts.metric'), op: t('alerts.op'), value: t('alerts.value'), level: t('alerts.level'), windowMinutes: t('alerts.window'), todo: t('alerts.todo') };
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const zh = i18n.language.startsWith('zh');
  const labelOf = (key: string) => {
    const m = metrics.data?.items.find((x) => x.key === key);
    return m ? (zh ? m.label.zh : m.label.en) : key;
  };
  const act = async (what: () => Promise<unknown>, ok: string) => {
    setMsg(null);
    try {
      await what();
      setMsg({ kind: 'ok', text: ok });
      thresholds.reload();
      metrics.reload();
      onChange();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e, labels) });
    }
  };
  return (
    <section data-testid="thresholds">
      <h2>{t('alerts.thresholds')}</h2>
      <p className="muted small">{t('alerts.thresholdsHint')}</p>
      {msg && <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>{msg.text}</div>}
      {/* an edit drops the answer: it was about what the form held then */}
      <form className="filters" onChange={() => setMsg(null)} onSubmit={(e) => (e.preventDefault(), void act(() => call('createThreshold', { body: { ...form, metric } }).then(() => setForm(EMPTY)), t('common.saved')))}>
        <label>{t('alerts.metric')}{' '}
          <select style={{ font: "inherit" }} name="metric" value={metric} onChange={(e) => setForm({ ...form, metric: e.target.value })}>
            {metrics.data?.items.map((m) => <option key={m.key} value={m.key}>{zh ? m.label.zh : m.label.en} ({t('alerts.now')} {m.value ?? '–'})</option>)}
          </select>
        </label>
        <label>{t('alerts.op')}{' '}
          <select style={{ font: "inherit" }} name="op" value={form.op} onChange={(e) => setForm({ ...form, op: e.target.value as ThresholdInput['op'] })}>
            <option value="above">{t('alerts.above')}</option><option value="below">{t('alerts.below')}</option>
          </select>
        </label>
        <label>{t('alerts.value')} <input name="value" type="number" value={form.value} onChange={(e) => setForm({ ...form, value: Number(e.target.value) })} style={{ width: '6em' }} /></label>
        <label>{t('alerts.level')}{' '}
          <select style={{ font: "inherit" }} name="level" value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value as ThresholdInput['level'] })}>
            <option value="warning">{t('alerts.warning')}</option><option value="critical">{t('alerts.critical')}</option>
          </select>
        </label>
        <label>{t('alerts.window')} <input name="windowMinutes" type="number" min={1} max={1440} value={form.windowMinutes} onChange={(e) => setForm({ ...form, windowMinutes: Number(e.target.value) })} style={{ width: '5em' }} /></label>
        <label>{t('alerts.todo')} <input name="todo" value={form.todo} onChange={(e) => setForm({ ...form, todo: e.target.value })} size={40} /></label>
        <button className="primary" type="submit">{t('alerts.addThreshold')}</button>
        <button className="secondary" type="button" data-action="evaluate" onClick={() => void act(async () => { const r = await call('evaluateAlerts'); setMsg({ kind: 'ok', text: t('alerts.checked', { count: r.fired }) }); }, t('alerts.checked', { count: 0 }))}>{t('alerts.evaluate')}</button>
      </form>
      <table className="table compact">
        <thead><tr><th>{t('alerts.metric')}</th><th>{t('alerts.op')}</th><th>{t('alerts.level')}</th><th>{t('alerts.window')}</th><th>{t('alerts.todo')}</th><th>{t('alerts.state')}</th><th /></tr></thead>
        <tbody>
          {thresholds.data?.items.map((th) => (
            <tr key={th.id} data-id={th.id}>
              <td>{labelOf(th.metric)}</td><td>{t(`alerts.${th.op}`)} {th.value}</td><td>{t(`alerts.${th.level}`)}</td><td className="num">{th.windowMinutes}</td><td>{th.todo}</td>
              <td>{th.firing ? <strong className="danger-text">{t('alerts.firing')}</strong> : t('alerts.ok')}</td>
              <td><button className="ghost" onClick={() => void act(() => call('deleteThreshold', { params: { id: th.id } }), t('common.saved'))}>{t('alerts.remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {thresholds.data?.items.length === 0 && <div className="empty">{t('alerts.noThresholds')}</div>}
    </section>
  );
}

type Delivery = Awaited<ReturnType<typeof call<'listDeliveries'>>>['items'][number];

function DeliveryLog({ items, canRetry, reload }: { items: Delivery[]; canRetry: boolean; reload: () => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <div className="empty">{t('alerts.noLog')}</div>;
  return (
    <table className="table compact" data-testid="delivery-log">
      <thead><tr><th>{t('alerts.at')}</th><th>{t('alerts.channel')}</th><th>{t('alerts.what')}</th><th>{t('alerts.title')}</th><th>{t('alerts.state')}</th><th className="num">{t('alerts.attempts')}</th></tr></thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} data-state={d.state} data-channel={d.channelName}>
            <td className="nowrap">{formatTime(d.sentAt ?? d.createdAt)}</td><td>{d.channelName}</td><td>{t(`alerts.kinds.${d.what}`)}</td>
            <td><div>{d.title}</div>{d.text && <pre className="small" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.text}</pre>}{d.hasImage && <span className="muted small">{t('alerts.image')}</span>}</td>
            <td>{t(`alerts.states.${d.state}`)}{d.lastError && <div className="muted small">{d.lastError}</div>}
              {canRetry && (d.state === 'dead' || d.state === 'unsure') && <button className="ghost" onClick={() => void call('retryDelivery', { params: { id: d.id } }).finally(reload)}>{t('alerts.retry')}</button>}
            </td>
            <td className="num">{d.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Alerts navigation's badge: how many alerts fire now (a lead sees it on every screen). */
export function AlertsBadge() {
  const { t } = useTranslation();
  const alerts = useLoad(() => call('listAlerts'), []);
  useLiveReload((e) => e.type.startsWith('alert.'), alerts.reload, 2000);
  const n = alerts.data?.open.length ?? 0;
  if (n === 0) return null;
  return <span className="nav-badge" title={t('alerts.badge', { count: n })} data-testid="alerts-badge">{n}</span>;
}
