import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAUSES, type Cause, type Difference } from '../../../src-main/contract/payouts';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime, money } from '../../lib/ui';
import { CauseBadge } from './Money';
import { OrderProfitLines } from './Profit';

/** One order's money: what it brings, what arrived, its profit after fees, each difference with its cause, and the statement rows behind them. */
export function OrderMoneyDetail({ id, canWrite, onChange }: { id: string; canWrite: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const m = useLoad(() => call('getOrderMoney', { params: { id } }), [id]);
  if (m.error) return <div className="alert error">{m.error}</div>;
  const o = m.data;
  if (!o) return <div className="muted">{t('common.loading')}</div>;
  return (
    <div className="detail" data-testid="order-money">
      <header className="detail-head">
        <h2 className="mono">{o.orderNumber}</h2>
        <span className={`badge big pay-${o.status}`}>{t(`money.status.${o.status}`)}</span>
        <span className="spacer" />
        <a className="button" href={`#/orders/${o.orderId}`}>{t('money.detail.openOrder')}</a>
      </header>
      <div className="muted">{o.channel} · <span className="mono">{o.externalId}</span> · {formatTime(o.createdAt)}{o.dueAt ? ` → ${t('money.cols.due')} ${formatTime(o.dueAt)}` : ''}</div>
      <div className="money-figures">
        <Figure label={t('money.cols.expected')} value={money(o.expectedFen, o.currency)} />
        <Figure label={t('money.cols.received')} value={money(o.receivedFen, o.currency)} />
        <Figure label={t('money.cols.fee')} value={money(o.feeFen, o.currency)} />
        <Figure label={t('money.cols.gap')} value={money(o.gapFen, o.currency)} />
        <Figure label={t('money.cols.unexplained')} value={money(o.unexplainedFen, o.currency)} bad={o.unexplainedFen !== 0} />
      </div>
      <h3>{t('money.profit.orderTitle')}</h3>
      <OrderProfitLines p={o.profit} />
      <h3>{t('money.detail.differences')}</h3>
      <table className="table compact" data-testid="order-differences">
        <tbody>
          {o.differences.map((d) => <DifferenceLine key={d.id} d={d} canWrite={canWrite} onDone={() => (m.reload(), onChange())} />)}
        </tbody>
      </table>
      {o.differences.length === 0 && <div className="muted small">{t('money.none')}</div>}
      <h3>{t('money.detail.rows')}</h3>
      {o.rows.length === 0 ? <div className="muted small">{t('money.detail.noRows')}</div> : (
        <table className="table compact" data-testid="order-rows">
          <thead><tr><th>{t('money.cols.kind')}</th><th>{t('money.cols.time')}</th><th className="num">{t('money.cols.fee')}</th><th className="num">{t('money.cols.net')}</th><th>{t('money.cols.matchedBy')}</th></tr></thead>
          <tbody>
            {o.rows.map((r) => [
              <tr key={r.id}>
                <td>{t(`money.kind.${r.kind}`)}</td>
                <td className="nowrap">{formatTime(r.occurredAt)}{r.settledOn ? <div className="muted small">{t('money.cols.settled')} {r.settledOn} {r.payoutRef ?? ''}</div> : null}</td>
                <td className="num">{money(r.feeFen, r.currency)}</td><td className="num">{money(r.netFen, r.currency)}</td>
                <td className="small">{r.matchedBy ? t(`money.matchedBy.${r.matchedBy}`) : ''}</td>
              </tr>,
              <tr key={`${r.id}-raw`} className="raw"><td colSpan={5} className="mono" title={t('money.cols.raw')}>{r.raw}</td></tr>,
            ])}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Figure({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return <div className={bad ? 'figure bad' : 'figure'}><div className="muted small">{label}</div><div className="value">{value}</div></div>;
}

function DifferenceLine({ d, canWrite, onDone }: { d: Difference; canWrite: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [cause, setCause] = useState<Cause>(d.cause);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    try {
      await call('confirmDifference', { params: { id: String(d.id) }, body: { cause, note: note.trim() || undefined } });
      setAsking(false);
      onDone();
    } catch (e) {
      setError(failureText(e, { cause: t('money.confirm.as'), note: t('money.confirm.note') }));
    }
  };
  return (
    <tr data-cause={d.cause}>
      <td><CauseBadge d={d} /> <span className="muted small">{t(`money.diffState.${d.state}`)}{d.note ? ` · ${d.note}` : ''}</span>
        {asking && (
          <form className="reason" onSubmit={(e) => (e.preventDefault(), void confirm())}>
            <select value={cause} onChange={(e) => setCause(e.target.value as Cause)} aria-label={t('money.confirm.as')}>
              {CAUSES.map((c) => <option key={c} value={c}>{t(`money.cause.${c}`)}</option>)}
            </select>
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('money.confirm.note')} />
            <button className="primary" type="submit">{t('money.confirm.go')}</button>
            <button type="button" className="ghost" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
          </form>
        )}
        {error && <div className="alert error">{error}</div>}
      </td>
      <td className="num">{money(d.amountFen, d.currency)}</td>
      <td>{canWrite && !asking && d.state !== 'confirmed' && <button className="secondary" onClick={() => setAsking(true)}>{t('money.confirm.open')}</button>}</td>
    </tr>
  );
}
