import { formatDateTime } from '../../lib/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, type Channel, type ChannelKind } from '../../../src-main/contract/channels';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { UnmappedSkus } from './UnmappedSkus';

type Msg = { kind: 'ok' | 'error'; text: string } | null;
/** Label and value side by side (the shared stylesheet has no rule for a fact list). */
const FACTS = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25em 1.5em', margin: 0 } as const;

/** Settings -> Channels: connections with their webhook URL and sync health, the inbox, the write-backs. */
export function SettingsChannels({ role }: { role: Role }) {
  const { t } = useTranslation();
  const admin = role === 'admin';
  const list = useLoad(() => (role === 'admin' || role === 'lead' ? call('listChannels') : Promise.resolve({ items: [] })), [role]);
  const [selected, setSelected] = useState<string | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  useLiveReload((e) => e.type.startsWith('channel.') || e.type === 'parcel.labelled', list.reload, 1500);
  if (role !== 'admin' && role !== 'lead') return <p className="muted">{t('channels.onlyManagers')}</p>;
  const items = list.data?.items ?? [];
  const current = items.find((c) => c.id === selected) ?? null;
  return (
    <div className="settings-channels">
      <p className="muted small">{t('channels.intro')}</p>
      {msg && <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>{msg.text}</div>}
      {list.error && <div className="alert error" role="alert">{list.error}</div>}
      {items.length === 0 && !list.loading && <p className="muted">{t('channels.none')}</p>}
      {items.map((c) => <ChannelCard key={c.id} c={c} admin={admin} open={selected === c.id} onOpen={() => setSelected(selected === c.id ? null : c.id)} setMsg={setMsg} reload={list.reload} />)}
      {current && <Inbox channel={current} admin={admin} setMsg={setMsg} />}
      <UnmappedSkus role={role} />
      <WriteBacks setMsg={setMsg} />
      {admin && <ConnectForm onDone={(c) => (setMsg({ kind: 'ok', text: t('channels.connected', { name: c.name }) }), setSelected(c.id), list.reload())} setMsg={setMsg} />}
    </div>
  );
}

function ChannelCard({ c, admin, open, onOpen, setMsg, reload }: { c: Channel; admin: boolean; open: boolean; onOpen: () => void; setMsg: (m: Msg) => void; reload: () => void }) {
  const { t } = useTranslation();
  const h = c.health;
  const test = async () => {
    try {
      const r = await call('testDelivery', { params: { id: c.id } });
      setMsg(r.ok ? { kind: 'ok', text: t('channels.testOk', { status: r.status }) } : { kind: 'error', text: t('channels.testFailed', { status: r.status, message: r.message }) });
      reload();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  const poll = async () => {
    try {
      const r = await call('pollChannel', { params: { id: c.id } });
      setMsg({ kind: 'ok', text: t('channels.polled', { seen: r.seen, cursor: r.cursor ?? '—' }) });
      reload();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  return (
    <section className="card channel" data-testid={`channel-${c.code}`}>
      <h2>{c.name} <span className="muted small">{t(`channels.kinds.${c.kind}`)} · {c.code}</span></h2>
      <div className="row">
        <label className="wide">{t('channels.webhookUrl')}<input className="mono" style={{ width: '100%', minWidth: '40em' }} readOnly value={c.webhookUrl} data-testid="webhook-url" onFocus={(e) => e.target.select()} /></label>
        <span className="muted small">{t('channels.secretHint', { hint: c.secretHint })}</span>
      </div>
      <h3>{t('channels.health')}</h3>
      {h.breakerOpenUntil && <div className="alert error" role="alert">{t('channels.breaker', { until: formatDateTime(h.breakerOpenUntil) })}</div>}
      {h.lastPollError && <div className="alert error">{t('channels.pollError', { error: h.lastPollError })}</div>}
      <dl className="facts" data-testid="health" style={FACTS}>
        <dt className="muted">{t('channels.lastDelivery')}</dt><dd>{h.lastDeliveryAt ? formatDateTime(h.lastDeliveryAt) : t('channels.never')}</dd>
        <dt className="muted">{t('channels.success')}</dt><dd>{h.processed24h}{h.failed24h ? ` / ${h.failed24h} ${t('channels.states.failed')}` : ''}{h.successRate !== null ? ` (${Math.round(h.successRate * 100)}%)` : ''}</dd>
        <dt className="muted">{t('channels.delay')}</dt><dd>{h.delayP50Ms !== null ? `${h.delayP50Ms} ms / ${h.delayP95Ms} ms` : '—'}</dd>
        <dt className="muted">{t('channels.refused')}</dt><dd data-testid="refused">{h.refusedSignatures}</dd>
        <dt className="muted">{t('channels.pending')}</dt><dd>{h.pendingWriteBacks}</dd>
        <dt className="muted">{t('channels.dead')}</dt><dd data-testid="dead">{h.deadLetters}</dd>
        <dt className="muted">{t('channels.cursor')}</dt><dd className="mono">{h.pollCursor ? formatDateTime(h.pollCursor) : '—'}</dd>
      </dl>
      <div className="actions">
        <button className="secondary" onClick={onOpen}>{t('channels.inbox')}</button>
        {admin && <button className="secondary" onClick={() => void test()}>{t('channels.test')}</button>}
        {c.apiBase && <button className="secondary" onClick={() => void poll()}>{t('channels.poll')}</button>}
        {open && <span className="muted small">▼</span>}
      </div>
    </section>
  );
}

function Inbox({ channel, admin, setMsg }: { channel: Channel; admin: boolean; setMsg: (m: Msg) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState('');
  const data = useLoad(() => call('channelDeliveries', { params: { id: channel.id }, query: { ...(state ? { state: state as 'failed' } : {}), limit: 100 } }), [channel.id, state]);
  const [raw, setRaw] = useState<{ id: string; body: string } | null>(null);
  useLiveReload((e) => e.type.startsWith('order.') || e.type.startsWith('channel.'), data.reload, 1500);
  const view = async (id: string) => setRaw({ id, body: (await call('getDelivery', { params: { id } })).body });
  const replay = async (id: string) => {
    try {
      const r = await call('replayDelivery', { params: { id } });
      setMsg({ kind: r.state === 'failed' ? 'error' : 'ok', text: t('channels.replayed', { result: r.result ?? r.state }) });
      data.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  return (
    <section className="card" data-testid="inbox">
      <h2>{t('channels.inbox')}: {channel.name}</h2>
      <select name="deliveryState" value={state} onChange={(e) => setState(e.target.value)}>
        <option value="">{t('channels.allStates')}</option>
        {(['pending', 'done', 'duplicate', 'stale', 'failed', 'test'] as const).map((s) => <option key={s} value={s}>{t(`channels.states.${s}`)}</option>)}
      </select>
      <table className="table compact">
        <thead><tr><th>{t('channels.received')}</th><th>{t('channels.topic')}</th><th>{t('channels.deliveryId')}</th><th>{t('channels.state')}</th><th>{t('channels.result')}</th><th /></tr></thead>
        <tbody>
          {(data.data?.items ?? []).map((d) => (
            <tr key={d.id} className={`delivery ${d.state}`}>
              <td>{formatDateTime(d.receivedAt)}</td><td className="mono">{d.topic}</td><td className="mono small">{d.deliveryId}</td><td>{t(`channels.states.${d.state}`)}</td><td>{d.result ?? ''}</td>
              <td>
                <button className="ghost" onClick={() => void view(d.id)}>{t('channels.view')}</button>
                {admin && d.state !== 'pending' && d.state !== 'test' && <button className="ghost" onClick={() => void replay(d.id)}>{t('channels.replay')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {raw && (
        <div className="raw">
          <h3>{t('channels.raw')} <button className="ghost" onClick={() => setRaw(null)}>{t('common.close')}</button></h3>
          <pre className="mono small" data-testid="raw-delivery">{raw.body.slice(0, 20_000)}</pre>
        </div>
      )}
      {!!data.data?.refusals.length && (
        <>
          <h3>{t('channels.refusals')}</h3>
          <table className="table compact" data-testid="refusals">
            <thead><tr><th>{t('channels.received')}</th><th>{t('channels.reason')}</th><th className="num">{t('channels.bytes')}</th></tr></thead>
            <tbody>{data.data.refusals.map((r, i) => <tr key={i}><td>{formatDateTime(r.at)}</td><td>{r.reason}</td><td className="num">{r.bytes}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </section>
  );
}

function WriteBacks({ setMsg }: { setMsg: (m: Msg) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState('');
  const data = useLoad(() => call('listWriteBacks', { query: { ...(state ? { state: state as 'dead' } : {}), limit: 100 } }), [state]);
  useLiveReload((e) => e.type.startsWith('channel.') || e.type === 'parcel.labelled', data.reload, 1500);
  const retry = async (id: string) => {
    try {
      await call('retryWriteBack', { params: { id } });
      setMsg({ kind: 'ok', text: t('channels.retried') });
      data.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  return (
    <section className="card" data-testid="write-backs">
      <h2>{t('channels.writeBacks')}</h2>
      <select name="writeBackState" value={state} onChange={(e) => setState(e.target.value)}>
        <option value="">{t('channels.allStates')}</option>
        {(['pending', 'sent', 'held', 'dead'] as const).map((s) => <option key={s} value={s}>{t(`channels.wbStates.${s}`)}</option>)}
      </select>
      <table className="table compact">
        <thead><tr><th>{t('channels.order')}</th><th>{t('channels.waybill')}</th><th>{t('channels.carrier')}</th><th>{t('channels.state')}</th><th className="num">{t('channels.attempts')}</th><th>{t('channels.lastError')}</th><th /></tr></thead>
        <tbody>
          {(data.data?.items ?? []).map((w) => (
            <tr key={w.id} className={`write-back ${w.state}`}>
              <td className="mono">{w.orderNumber}</td><td className="mono">{w.waybill}</td><td>{w.carrier}</td><td>{t(`channels.wbStates.${w.state}`)}</td><td className="num">{w.attempts}</td>
              <td className="small">{w.lastError ?? ''}{w.state === 'pending' && w.nextAt ? ` · ${t('channels.nextTry')} ${formatDateTime(w.nextAt)}` : ''}</td>
              <td>{(w.state === 'dead' || w.state === 'held') && <button className="primary" onClick={() => void retry(w.id)}>{t('channels.retry')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ConnectForm({ onDone, setMsg }: { onDone: (c: Channel) => void; setMsg: (m: Msg) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ kind: 'shopify' as ChannelKind, name: '', code: '', secret: '', appKey: '', apiBase: '', apiKey: '', apiSecret: '', writeBackUrl: '', defaultCarrier: '', pollMinutes: '10', writeBackOn: 'labelled' as 'labelled' | 'handed_over' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const submit = async () => {
    try {
      const c = await call('createChannel', { body: {
        kind: f.kind, name: f.name, code: f.code, secret: f.secret, appKey: opt(f.appKey), apiBase: opt(f.apiBase), apiKey: opt(f.apiKey), apiSecret: opt(f.apiSecret),
        writeBackUrl: opt(f.writeBackUrl), defaultCarrier: opt(f.defaultCarrier), pollMinutes: Number(f.pollMinutes) || 0, writeBackOn: f.writeBackOn, carrierNames: {}, enabled: true,
      } });
      onDone(c);
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e, Object.fromEntries(([
        'kind', 'name', 'code', 'secret', 'appKey', 'apiBase', 'apiKey', 'apiSecret', 'writeBackUrl', 'defaultCarrier', 'pollMinutes', 'writeBackOn',
      ] as const).map((k) => [k, t(`channels.${k}`)]))) });
    }
  };
  return (
    <section className="card">
      <h2>{t('channels.connect')}</h2>
      <form className="form" data-testid="connect-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label>{t('channels.kind')}<select name="kind" value={f.kind} onChange={set('kind')}>{CHANNEL_KINDS.map((k) => <option key={k} value={k}>{t(`channels.kinds.${k}`)}</option>)}</select></label>
        <label>{t('channels.name')}<input name="name" value={f.name} onChange={set('name')} /></label>
        <label>{t('channels.code')}<input name="code" value={f.code} onChange={set('code')} placeholder="shopify" /></label>
        <label>{t('channels.secret')}<input name="secret" type="password" autoComplete="off" value={f.secret} onChange={set('secret')} /></label>
        {f.kind === 'douyin' && <label>{t('channels.appKey')}<input name="appKey" value={f.appKey} onChange={set('appKey')} /></label>}
        {f.kind !== 'generic' && <label className="wide">{t('channels.apiBase')}<input name="apiBase" value={f.apiBase} onChange={set('apiBase')} placeholder="https://your-shop.myshopify.com" /></label>}
        {f.kind !== 'generic' && <label>{t('channels.apiKey')}<input name="apiKey" type="password" autoComplete="off" value={f.apiKey} onChange={set('apiKey')} /></label>}
        {f.kind === 'woocommerce' && <label>{t('channels.apiSecret')}<input name="apiSecret" type="password" autoComplete="off" value={f.apiSecret} onChange={set('apiSecret')} /></label>}
        {f.kind === 'generic' && <label className="wide">{t('channels.writeBackUrl')}<input name="writeBackUrl" value={f.writeBackUrl} onChange={set('writeBackUrl')} /></label>}
        <label>{t('channels.defaultCarrier')}<input name="defaultCarrier" value={f.defaultCarrier} onChange={set('defaultCarrier')} placeholder="sf" /></label>
        <label>{t('channels.pollMinutes')}<input name="pollMinutes" type="number" min="0" value={f.pollMinutes} onChange={set('pollMinutes')} /></label>
        <label>{t('channels.writeBackOn')}<select name="writeBackOn" value={f.writeBackOn} onChange={set('writeBackOn')}><option value="labelled">{t('channels.on.labelled')}</option><option value="handed_over">{t('channels.on.handed_over')}</option></select></label>
        <button className="primary" type="submit">{t('channels.save')}</button>
      </form>
    </section>
  );
}
