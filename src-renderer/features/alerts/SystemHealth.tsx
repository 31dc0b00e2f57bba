// Settings -> System health (admins): the core's event-loop delay, request and error rate, database
// and WAL size, disk free, live change streams, queues, and the channel and carrier peers' success.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)}%`);

export function SystemHealthPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const h = useLoad(() => (role === 'admin' ? call('systemHealth') : Promise.resolve(null)), []);
  useEffect(() => {
    const timer = window.setInterval(h.reload, 10_000);
    return () => window.clearInterval(timer);
  }, []);
  if (role !== 'admin') return <div className="muted">{t('health.adminOnly')}</div>;
  if (h.error) return <div className="alert error">{h.error}</div>;
  const s = h.data;
  if (!s) return <div className="muted">{t('common.loading')}</div>;
  const rows: [string, string][] = [
    [t('health.loop'), `${s.eventLoop.p50Ms} / ${s.eventLoop.p99Ms} / ${s.eventLoop.maxMs} ms`],
    [t('health.requests'), String(s.requests.perMinute)],
    [t('health.errors'), String(s.requests.errorsPerMinute)],
    [t('health.errorRate'), pct(s.requests.errorRate)],
    [t('health.db'), mib(s.database.bytes)],
    [t('health.wal'), mib(s.database.walBytes)],
    [t('health.disk'), s.diskFreeBytes === null ? '–' : gib(s.diskFreeBytes)],
    [t('health.feed'), String(s.feedSubscribers)],
    [t('health.labels'), String(s.labelsWaiting)],
    [t('health.outbox'), `${s.alertOutbox.pending} / ${s.alertOutbox.dead}`],
  ];
  const peers = (title: string, list: typeof s.channels) => (
    <>
      <h3>{title}</h3>
      {list.length === 0 ? <div className="empty">{t('health.nothing')}</div> : (
        <table className="table compact">
          <thead><tr><th>{t('health.peer')}</th><th className="num">{t('health.tried')}</th><th className="num">{t('health.okCount')}</th><th className="num">{t('health.rate')}</th></tr></thead>
          <tbody>{list.map((p) => <tr key={p.name}><td>{p.name}</td><td className="num">{p.tried}</td><td className="num">{p.ok}</td><td className="num">{pct(p.rate)}</td></tr>)}</tbody>
        </table>
      )}
    </>
  );
  return (
    <div className="system-health" data-testid="system-health">
      <h2>{t('health.title')} <button className="ghost" onClick={h.reload}>{t('health.refresh')}</button></h2>
      <table className="table compact" style={{ maxWidth: 640 }}>
        <tbody>{rows.map(([k, v]) => <tr key={k}><th style={{ textAlign: 'left' }}>{k}</th><td className="num">{v}</td></tr>)}</tbody>
      </table>
      {peers(t('health.channels'), s.channels)}
      {peers(t('health.carriers'), s.carriers)}
    </div>
  );
}
