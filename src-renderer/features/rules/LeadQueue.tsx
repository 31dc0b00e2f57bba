// The lead's queue: orders nobody took, orders stuck in a state, and frozen conflicts with both
// instructions side by side; a lead clears a flag or decides which instruction stands (with a reason).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderFlag } from '../../../src-main/contract/rules';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime, useDuration } from '../../lib/ui';

function Flag({ f, reload }: { f: OrderFlag; reload: () => void }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolve = async (choose?: string) => {
    setError(null);
    try {
      await call('resolveFlag', { params: { id: f.id }, body: { choose, reason: reason.trim() } });
      reload();
    } catch (x) {
      setError(failureText(x, { reason: t('queue.reason') }));
    }
  };
  return (
    <li className={`flag k-${f.kind}`} data-testid="flag">
      <div className="line1">
        <span className={`badge k-${f.kind}`}>{t(`queue.${f.kind}`)}</span>
        <a className="mono" href={`#/orders/${f.orderId}`}>{f.orderNumber}</a>
        <span className="muted small">{f.kind === 'conflict' ? t('queue.since', { time: formatTime(f.since) }) : t('queue.minutes', { duration: duration(f.minutes), state: t(`states.${f.stateAtFlag}`) })}</span>
      </div>
      {f.instructions.map((i) => (
        <div key={i.id} className="instruction">
          <b>{t(`queue.kinds.${i.kind}`)}</b> <span className="muted small">{formatTime(i.at)} · {i.source ?? i.actor} · {t(`queue.${i.outcome === 'frozen' ? 'frozen' : 'applied'}`)}</span>
          <div className="small">“{i.reason}”{i.shipTo ? ` → ${i.shipTo.province ?? ''}${i.shipTo.city}${i.shipTo.district ?? ''} ${i.shipTo.address1}` : ''}</div>
          {f.state === 'open' && <button className="secondary" disabled={!reason.trim()} onClick={() => resolve(i.id)}>{t('queue.stands')}</button>}
        </div>
      ))}
      {f.state === 'open' && (
        <div className="reason">
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('queue.reason')} />
          {f.kind !== 'conflict' && <button className="secondary" disabled={!reason.trim()} onClick={() => resolve()}>{t('queue.dismiss')}</button>}
        </div>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </li>
  );
}

export function LeadQueue() {
  const { t } = useTranslation();
  const queue = useLoad(() => call('leadQueue', { query: { state: 'open', limit: 100 } }), []);
  useLiveReload((e) => e.entity === 'flag' || e.type === 'order.hold', queue.reload, 2000);
  const check = async () => {
    await call('sweepRules');
    queue.reload();
  };
  const c = queue.data?.counts;
  return (
    <div className="lead-queue" data-testid="lead-queue">
      <header className="row">
        <h3>{t('queue.title')}</h3>
        <span className="spacer" />
        <button className="secondary" onClick={check}>{t('queue.check')}</button>
      </header>
      {c && <div className="muted small">{[t('queue.nUnassigned', { count: c.unassigned }), t('queue.nStuck', { count: c.stuck }), t('queue.nConflicts', { count: c.conflict })].join(' · ')}</div>}
      {queue.error && <div className="alert error">{queue.error}</div>}
      {queue.data && queue.data.items.length === 0 && <div className="muted small">{t('queue.none')}</div>}
      <ul className="flags">{(queue.data?.items ?? []).map((f) => <Flag key={f.id} f={f} reload={queue.reload} />)}</ul>
    </div>
  );
}
