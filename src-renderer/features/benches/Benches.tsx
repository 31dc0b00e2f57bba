import { formatDateTime } from '../../lib/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toSVG } from 'bwip-js/browser';
import type { Bench, BenchIdentity, PairingCode } from '../../../src-main/contract/benches';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { getStation } from '../../lib/station';

// Settings -> Benches (lead, admin): the shop's one list of benches, each in its warehouse, with
// their last contact; a new bench (in a warehouse) and its one-time pairing code (with a QR a
// bench's scanner reads); moving a bench to another warehouse; revoke. "This bench" pairs the
// bench this screen runs on: the code typed or scanned once, the bench keeps its own token.

const qr = (text: string) => `data:image/svg+xml;utf8,${encodeURIComponent(toSVG({ bcid: 'qrcode', text }))}`;
const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

function CodeCard({ bench, code }: { bench: string; code: PairingCode }) {
  const { t } = useTranslation();
  return (
    <div className="alert warning pairing-code" data-testid="pairing-code">
      <img src={qr(code.pairing)} alt={code.pairing} height={140} />
      <div>
        <div>{t('benches.codeFor', { name: bench })}</div>
        <div className="mono big-number" data-testid="code">{code.code}</div>
        <div className="muted small">{t('benches.validUntil', { time: when(code.expiresAt) })}</div>
        <div className="muted small">{code.fingerprint ? t('benches.fingerprint', { fp: code.fingerprint }) : t('benches.noTls')}</div>
        <div className="mono small" data-testid="pairing-line">{code.pairing}</div>
      </div>
    </div>
  );
}

function ThisBench({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [me, setMe] = useState<BenchIdentity | null>(null);
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    getStation().call('bench.identity', {}).then(setMe, () => setMe(null));
  }, []);
  const pair = async () => {
    try {
      const r = await getStation().call('bench.pair', { pairing: text });
      setMe(r);
      setText('');
      setMsg({ ok: true, text: t('benches.pairedAs', { name: r.name }) });
    } catch (e) {
      setMsg({ ok: false, text: failureText(e) });
    }
  };
  return (
    <section className="pane" data-testid="this-bench">
      <h3>{t('benches.thisBench')}</h3>
      {me ? (
        <p data-testid="this-bench-identity">
          <b>{me.name}</b> · {me.paired ? t('benches.pairedWith', { url: me.coreUrl, when: when(me.pairedAt) }) : t('benches.notPaired')}
        </p>
      ) : (
        <p className="muted">{t('benches.noStation')}</p>
      )}
      {(role === 'lead' || role === 'admin') && (
        <form className="row-actions" onSubmit={(e) => (e.preventDefault(), void pair())}>
          <input name="pairing" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('benches.pairPlaceholder')} aria-label={t('benches.pairLabel')} size={40} />
          <button className="primary" type="submit" disabled={!text.trim()}>{t('benches.pair')}</button>
        </form>
      )}
      {msg && <div className={msg.ok ? 'good' : 'bad'} role="status">{msg.text}</div>}
    </section>
  );
}

export function SettingsBenches({ role }: { role: Role }) {
  const { t } = useTranslation();
  const benches = useLoad(() => call('listBenches'), []);
  const warehouses = useLoad(() => call('listWarehouses'), []);
  const usable = (warehouses.data?.items ?? []).filter((w) => w.active);
  const [form, setForm] = useState({ name: '', warehouse: '', printer: '', scale: '' });
  const [fresh, setFresh] = useState<{ bench: string; code: PairingCode } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const labels = { name: t('benches.name'), warehouse: t('benches.warehouse'), printer: t('benches.printer'), scale: t('benches.scale') };
  const act = async (f: () => Promise<void>) => {
    setMsg(null);
    try {
      await f();
    } catch (e) {
      setMsg(failureText(e, labels));
    }
    benches.reload();
  };
  const create = () =>
    act(async () => {
      const optional = { warehouse: form.warehouse, printer: form.printer, scale: form.scale };
      const r = await call('createBench', { body: { name: form.name, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)) } });
      setFresh({ bench: r.bench.name, code: r.code });
      setForm({ ...form, name: '', printer: '', scale: '' });
    });
  const move = (b: Bench, warehouse: string) => act(async () => void (await call('updateBench', { params: { id: b.id }, body: { warehouse } })));
  const newCode = (b: Bench) => act(async () => setFresh({ bench: b.name, code: await call('benchCode', { params: { id: b.id } }) }));
  const revoke = (b: Bench) => act(async () => void (await call('revokeBench', { params: { id: b.id } })));
  return (
    <div className="settings-benches">
      <section className="pane">
        <h3>{t('benches.title')}</h3>
        <p className="muted">{t('benches.intro')}</p>
        <form className="row-actions" onSubmit={(e) => (e.preventDefault(), void create())}>
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder={t('benches.name')} aria-label={t('benches.name')} />
          <select name="warehouse" value={form.warehouse} onChange={(e) => setForm({ ...form, warehouse: e.target.value })} aria-label={t('benches.warehouse')}>
            <option value="">{t('benches.defaultWarehouse')}</option>
            {usable.map((w) => <option key={w.id} value={w.code}>{w.code} · {w.name}</option>)}
          </select>
          <input name="printer" value={form.printer} onChange={(e) => setForm({ ...form, printer: e.target.value })} placeholder="tcp://192.168.1.50:9100" aria-label={t('benches.printer')} />
          <input name="scale" value={form.scale} onChange={(e) => setForm({ ...form, scale: e.target.value })} placeholder="serial:/dev/ttyUSB0" aria-label={t('benches.scale')} />
          <button className="primary" type="submit" disabled={!form.name.trim()}>{t('benches.create')}</button>
        </form>
        {msg && <div className="bad" role="alert">{msg}</div>}
        {fresh && <CodeCard bench={fresh.bench} code={fresh.code} />}
        <table className="table" data-testid="benches">
          <thead><tr><th>{t('benches.name')}</th><th>{t('benches.warehouse')}</th><th>{t('benches.status')}</th><th>{t('benches.lastContact')}</th><th>{t('benches.printer')}</th><th>{t('benches.scale')}</th><th /></tr></thead>
          <tbody>
            {(benches.data?.items ?? []).map((b) => (
              <tr key={b.id} data-testid={`bench-${b.id}`} className={b.status === 'revoked' ? 'muted' : ''}>
                <td>{b.name}<div className="mono small muted">{b.id}</div></td>
                <td>
                  {b.status === 'revoked' ? `${b.warehouseCode} · ${b.warehouseName}` : (
                    <select name="bench-warehouse" value={b.warehouseCode} onChange={(e) => void move(b, e.target.value)} aria-label={t('benches.moveTo', { name: b.name })}>
                      {!usable.some((w) => w.id === b.warehouseId) && <option value={b.warehouseCode}>{b.warehouseCode} · {b.warehouseName}</option>}
                      {usable.map((w) => <option key={w.id} value={w.code}>{w.code} · {w.name}</option>)}
                    </select>
                  )}
                </td>
                <td>{t(`benches.state.${b.status}`)}</td>
                <td>{when(b.lastContactAt)}</td>
                <td className="mono small">{b.printer ?? ''}</td>
                <td className="mono small">{b.scale ?? ''}</td>
                <td className="row-actions">
                  {b.status !== 'revoked' && <button onClick={() => void newCode(b)}>{t('benches.newCode')}</button>}
                  {b.status !== 'revoked' && <button className="danger" onClick={() => void revoke(b)}>{t('benches.revoke')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ThisBench role={role} />
    </div>
  );
}
