import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaveDetail } from '../../../src-main/contract/waves';
import { call, callFile, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { StateBadge, formatTime } from '../../lib/ui';
import { Progress, WaveStateBadge } from './WaveList';

/** One wave: its pick list (on screen and as PDF), its orders by slot, pause/resume, pull out. */
export function WaveView({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useTranslation();
  const wave = useLoad(() => call('getWave', { params: { id } }), [id]);
  const picks = useLoad(() => call('pickList', { params: { id } }), [id]);
  const [tab, setTab] = useState<'picks' | 'orders'>('picks');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pdf, setPdf] = useState<{ url: string; name: string } | null>(null);
  const [pulling, setPulling] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  useLiveReload((e) => e.entity === 'order' || (e.entity === 'wave' && e.entityId === wave.data?.id), () => {
    wave.reload();
    picks.reload();
  });
  useEffect(() => () => { if (pdf) URL.revokeObjectURL(pdf.url); }, [pdf]);
  useEffect(() => setPdf(null), [id]);

  const run = async (fn: () => Promise<string | void>) => {
    setMsg(null);
    try {
      const text = await fn();
      if (text) setMsg({ kind: 'ok', text });
      wave.reload();
      picks.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  const makePdf = () => run(async () => {
    const blob = await callFile('pickListPdf', { params: { id } });
    setPdf({ url: URL.createObjectURL(blob), name: `pick-list-${w?.number ?? id}.pdf` });
  });
  const act = (action: 'pause' | 'resume' | 'picking_done') => run(async () => void (await call('waveAction', { params: { id, action }, body: {} })));
  const pull = (orderId: string) => run(async () => {
    const r = await call('pullWaveOrder', { params: { id, orderId }, body: { reason: reason.trim() } });
    setPulling(null);
    setReason('');
    return r.sortedUnits > 0 ? t('waves.pulledWithUnits', { slot: r.slot, count: r.sortedUnits }) : t('waves.pulled', { slot: r.slot });
  });

  if (wave.error) return <div className="alert error">{wave.error}</div>;
  const w: WaveDetail | null = wave.data;
  if (!w) return <div className="muted">{t('common.loading')}</div>;
  const p = picks.data;
  return (
    <div className="wave-view" data-testid="wave-view">
      
      <header className="detail-head">
        <h2 className="mono">{w.number}</h2>
        <WaveStateBadge wave={w} big />
        <span className="muted">{w.name}</span>
      </header>
      <div className="muted small">
        {t('waves.meta', { bench: w.benchId ?? t('waves.anyBench'), carriers: w.carriers.join(', ') || '—', at: formatTime(w.createdAt) })}
        {w.singleUnit && <span className="badge tag">{t('waves.singles')}</span>}
      </div>
      <Progress wave={w} />
      <div className="actions">
        <button className="primary" onClick={() => void makePdf()} data-testid="pick-pdf">{t('waves.printPickList')}</button>
        {pdf && <>
          <a className="button" href={pdf.url} target="_blank" rel="noreferrer">{t('waves.openPdf')}</a>
          <a className="button" href={pdf.url} download={pdf.name} data-testid="pdf-download">{t('waves.downloadPdf')}</a>
        </>}
        {canManage && !w.done && (w.state === 'released'
          ? <button className="secondary" onClick={() => void act('pause')}>{t('waves.pause')}</button>
          : <button className="secondary" onClick={() => void act('resume')}>{t('waves.resume')}</button>)}
        {canManage && !w.done && <button className="secondary" onClick={() => void act('picking_done')}>{t('waves.pickingDone')}</button>}
      </div>
      {msg && <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>{msg.text}</div>}

      <div className="chips wave-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'picks'} className={tab === 'picks' ? 'chip on' : 'chip'} onClick={() => setTab('picks')}>{t('waves.pickList')}</button>
        <button role="tab" aria-selected={tab === 'orders'} className={tab === 'orders' ? 'chip on' : 'chip'} onClick={() => setTab('orders')}>{t('waves.ordersBySlot', { count: w.progress.orders })}</button>
      </div>

      {tab === 'picks' && p && (
        <>
          <div className="muted small">{t('waves.pickSummary', { lines: p.lines.length, units: p.units, walking: Math.round(p.walkingM) })}</div>
          <table className="table compact pick-table" data-testid="pick-list">
            <thead><tr><th className="num">#</th><th>{t('orders.location')}</th><th>{t('orders.sku')}</th><th>{t('orders.name')}</th><th className="num">{t('orders.qty')}</th><th>{t('waves.slots')}</th></tr></thead>
            <tbody>
              {p.lines.map((l) => (
                <tr key={`${l.location}|${l.skuId}`}>
                  <td className="num muted">{l.seq}</td><td className="mono bin">{l.location}</td><td className="mono">{l.sku}</td><td>{l.name}</td>
                  <td className="num big-num">{l.qty}</td>
                  <td className="mono">{l.slots.map((s) => <span key={s.slot} className="slot">{s.slot}<small>×{s.qty}</small></span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {tab === 'orders' && (
        <table className="table compact" data-testid="wave-orders">
          <thead><tr><th className="num">{t('waves.slot')}</th><th>{t('orders.number')}</th><th>{t('orders.state')}</th><th className="num">{t('waves.sorted')}</th><th>{t('orders.carrier')}</th><th>{t('orders.shipBy')}</th><th /></tr></thead>
          <tbody>
            {w.orders.map((o) => (
              <tr key={o.orderId} className={o.member === 'pulled' ? 'pulled' : ''}>
                <td className="num"><span className="slot">{o.slot}</span></td>
                <td className="mono"><a href={`#/orders/${o.orderId}`}>{o.number}</a></td>
                <td>{o.member === 'pulled' ? <span className="badge">{t('waves.pulledBadge')}</span> : <StateBadge state={o.state} />}</td>
                <td className="num">{o.sortedUnits}/{o.units}{o.sortedUnits > 0 && (o.member === 'pulled' || o.state === 'cancelled') && <div className="warn small">{t('waves.emptySlot', { count: o.sortedUnits })}</div>}</td>
                <td>{o.carrier ?? ''}</td><td className="nowrap">{formatTime(o.shipBy)}</td>
                <td>
                  {canManage && o.member === 'active' && (o.state === 'in_wave' || o.state === 'picked') && (
                    pulling === o.orderId ? (
                      <form className="reason" onSubmit={(e) => (e.preventDefault(), void pull(o.orderId))}>
                        <input autoFocus name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('orders.reasonNeeded')} />
                        <button className="danger" type="submit" disabled={!reason.trim()}>{t('waves.pull')}</button>
                        <button type="button" className="ghost" onClick={() => setPulling(null)}>{t('common.cancel')}</button>
                      </form>
                    ) : <button className="ghost" onClick={() => setPulling(o.orderId)} data-pull={o.number}>{t('waves.pullOut')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
