import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { RESOLUTIONS, RETURN_TRANSITIONS, REFUND_RECORDERS, type ReturnAction, type ReturnDetail, type Resolution } from '../../../src-main/contract/returns';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime, money, useEventName } from '../../lib/ui';
import { RmaCodes } from './codes';

/** Actions a person takes from this screen (the bench receives and grades; finishing is on both). */
const DESK_ACTIONS: ReturnAction[] = ['approve', 'decline', 'mark_in_transit', 'receive', 'finish_inspection', 'close', 'cancel'];

export function ReturnDetailView({ id, role }: { id: string; role: Role }) {
  const { t } = useTranslation();
  const r = useLoad(() => call('getReturn', { params: { id } }), [id]);
  useLiveReload((e) => e.entity === 'return' && (e.entityId === id || e.entityId === r.data?.id), r.reload, 300);
  if (r.error) return <div className="alert error">{r.error}</div>;
  if (!r.data) return <p className="empty">{t('common.loading')}</p>;
  return <Detail ret={r.data} role={role} reload={r.reload} />;
}

function Detail({ ret, role, reload }: { ret: ReturnDetail; role: Role; reload: () => void }) {
  const { t } = useTranslation();
  const eventName = useEventName();
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [resolution, setResolution] = useState<Resolution>('refund');
  const [exchangeSku, setExchangeSku] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setText('');
      reload();
    } catch (e) {
      setError(failureText(e, { reason: t('common.reason'), reference: t('returns.reference'), resolution: t('returns.resolution'), exchangeLines: t('returns.exchangeSku') }));
    }
  };
  const act = (action: ReturnAction, body: object = {}) => run(() => call('returnAction', { params: { id: ret.id, action }, body: { reason: text || undefined, ...body } }));
  const possible = DESK_ACTIONS.filter((a) => (RETURN_TRANSITIONS[a].from as readonly string[]).includes(ret.state));
  const left = ret.expectedUnits - ret.accountedUnits;
  return (
    <div className="detail" data-testid="return-detail" data-state={ret.state}>
      <div className="detail-head">
        <h2 className="mono">{ret.number}</h2>
        <span className={`badge r-${ret.state} big`} data-testid="return-state">{t(`returns.st.${ret.state}`)}</span>
        <span className="muted">{t(`returns.src.${ret.source}`)}{ret.channel ? ` · ${ret.channel}` : ''}{ret.channelRef ? ` ${ret.channelRef}` : ''}</span>
      </div>
      <div className="grid2">
        <div>
          <p>{t('returns.order')}: {ret.orderId ? <a className="mono" href={`#/orders/${ret.orderId}`}>{ret.orderNumber}</a> : <span className="warn">{t('returns.noOrder')}</span>}</p>
          <p>{t('returns.reason')}: <b>{t(`returns.rs.${ret.reason}`)}</b> · {t('returns.value')}: {money(ret.value, ret.currency)}</p>
          {ret.windowWarning && <div className="alert warn" data-testid="window-warning">{t('returns.outsideWindow')}: {ret.windowWarning}</div>}
          {ret.waybill && <p>{t('returns.waybill')}: <span className="mono">{ret.waybill}</span></p>}
          {ret.codes.length > 0 && <p>{t('returns.codes')}: <span className="mono">{ret.codes.join(', ')}</span></p>}
          {ret.note && <p>{t('returns.note')}: {ret.note}</p>}
          {ret.linkedOrderId && <p>{t('returns.linkedOrder')}: <a href={`#/orders/${ret.linkedOrderId}`}>{ret.linkedOrderId}</a></p>}
          <p className="muted small">{t('returns.approvers', { roles: ret.approvers.join(', ') })}</p>
        </div>
        <RmaCodes number={ret.number} />
      </div>

      <h3>{t('returns.refund')}</h3>
      <p data-testid="refund">
        <b>{money(ret.refund.amount, ret.currency)}</b> · <span data-testid="refund-state">{t(`returns.refundSt.${ret.refund.state}`)}</span>
        {ret.resolution && <> · {t('returns.resolution')}: {t(`returns.res.${ret.resolution}`)}</>}
        {ret.refund.reference && <> · {t('returns.reference')}: <span className="mono">{ret.refund.reference}</span></>}
      </p>

      <div className="actions">
        <input name="text" value={text} onChange={(e) => setText(e.target.value)} placeholder={ret.refund.state === 'approved' ? t('returns.reference') : t('common.reason')} aria-label={t('common.reason')} />
        {possible.map((a) => (
          <button key={a} data-action={a} onClick={() => void act(a, a === 'finish_inspection' && left > 0 ? { markRestMissing: true } : {})}>
            {a === 'finish_inspection' && left > 0 ? t('returns.b.countMissing', { count: left }) : t(`returns.action.${a}`)}
          </button>
        ))}
        {ret.state === 'inspected' && (
          <>
            <select name="resolution" value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)} aria-label={t('returns.resolution')}>
              {RESOLUTIONS.map((r) => <option key={r} value={r}>{t(`returns.res.${r}`)}</option>)}
            </select>
            {resolution === 'exchange' && <input name="exchangeSku" value={exchangeSku} onChange={(e) => setExchangeSku(e.target.value)} placeholder={t('returns.exchangeSku')} />}
            <button className="primary" data-action="resolve" onClick={() => void act('resolve', { resolution, exchangeLines: resolution === 'exchange' ? [{ sku: exchangeSku, qty: 1 }] : undefined })}>{t('returns.action.resolve')}</button>
          </>
        )}
        {ret.refund.state === 'pending' && (
          <button className="primary" data-action="approve-refund" onClick={() => void run(() => call('approveRefund', { params: { id: ret.id }, body: {} }))}>{t('returns.action.approveRefund')}</button>
        )}
        {ret.refund.state === 'approved' && REFUND_RECORDERS.includes(role) && (
          <button className="primary" data-action="record-refund" onClick={() => void run(() => call('recordRefund', { params: { id: ret.id }, body: { reference: text } }))}>{t('returns.action.recordRefund')}</button>
        )}
      </div>
      {error && <div className="alert error" data-testid="return-error">{error}</div>}

      <h3>{t('returns.lines')} <span className="muted small">{t('returns.accounted', { done: ret.accountedUnits, total: ret.expectedUnits })}</span></h3>
      <table className="table">
        <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th>{t('returns.reason')}</th><th className="num">{t('returns.unitValue')}</th><th className="num">{t('returns.value')}</th><th className="num">{t('returns.expected')}</th></tr></thead>
        <tbody>{ret.lines.map((l) => (
          <tr key={l.id}>
            <td className="mono">{l.sku}</td><td>{l.name}</td><td>{t(`returns.rs.${l.reason}`)}</td>
            {/* the share's left-over cents are on the first units: 13.27 / 13.26 */}
            <td className="num">{l.value > l.unitValue * l.qty ? `${money(l.unitValue + 1, ret.currency)} / ${money(l.unitValue, ret.currency)}` : money(l.unitValue, ret.currency)}</td>
            <td className="num" data-testid="line-value">{money(l.value, ret.currency)}</td><td className="num">{l.accounted} / {l.qty}</td>
          </tr>
        ))}</tbody>
      </table>
      <UnitsTable ret={ret} />
      <h3>{t('returns.history')}</h3>
      <ol className="history">{ret.history.map((e) => <li key={e.id}>{formatTime(e.at)} · {t(`returns.ev.${e.type.replace(/^return\./, '')}`, { defaultValue: eventName(e.type) })}{e.reason ? ` — ${e.reason}` : ''}</li>)}</ol>
    </div>
  );
}

export function UnitsTable({ ret }: { ret: ReturnDetail }) {
  const { t } = useTranslation();
  if (ret.unitsGraded.length === 0) return null;
  return (
    <>
      <h3>{t('returns.graded')}</h3>
      <table className="table" data-testid="graded-units">
        <thead><tr><th>{t('returns.item')}</th><th>{t('returns.grade')}</th><th>{t('returns.bin')}</th><th className="num">{t('returns.refund')}</th><th>{t('returns.photo')}</th></tr></thead>
        <tbody>
          {ret.unitsGraded.map((u) => (
            <tr key={u.id} data-grade={u.grade}>
              <td className="mono">{u.sku ?? u.code}{!u.lineId && <span className="warn small"> {t('returns.b.unexpected')}</span>}</td>
              <td>{t(`returns.gr.${u.grade}`)}{u.writtenOff && <span className="muted small"> ({t('returns.writtenOff')})</span>}</td>
              <td className="mono">{u.bin ?? ''}</td>
              <td className="num">{money(u.refund, ret.currency)}</td>
              <td>{u.photo && <a href={`/api/returns/photos/${u.photo}`} target="_blank" rel="noreferrer"><img src={`/api/returns/photos/${u.photo}`} alt={u.code} height={48} /></a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
