import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackException } from '../../../src-main/contract/exceptions';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

// What a lead typically did about each kind; a typed answer works as well.
const PRESETS: Record<PackException['kind'], string[]> = {
  short: ['exceptions.fix.found', 'exceptions.fix.repick'],
  weight_override: ['exceptions.fix.weightOk'],
  intercept: ['exceptions.fix.pulled'],
  other: ['exceptions.fix.done'],
};

function detailLine(e: PackException, t: (k: string, o?: Record<string, unknown>) => string): string {
  const d = e.detail as Record<string, unknown>;
  if (e.kind === 'short' && Array.isArray(d.missing)) return t('exceptions.missing', { count: (d.missing as { qty: number }[]).reduce((n, m) => n + m.qty, 0) });
  if (e.kind === 'weight_override' && typeof d.measuredG === 'number') return t('exceptions.weight', { measured: d.measuredG, expected: d.expectedG ?? '?', min: d.minG ?? '?', max: d.maxG ?? '?' });
  if (d.source === 'tracking') return `${String(d.waybill)}: ${t(`tracking.stalls.${String(d.stall)}`)} · ${t(`tracking.todo.${String(d.stall)}`)}`;
  if (e.kind === 'intercept' && Array.isArray(d.waybills)) return t('exceptions.intercept', { waybills: (d.waybills as string[]).join(', ') });
  return '';
}

/** Open exceptions from the benches (short picks, weight overrides, cancellations to intercept) for the lead to clear. */
export function ExceptionQueue({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listExceptions', { query: { state: 'open', limit: 50 } }), []);
  const [open, setOpen] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const [keep, setKeep] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useLiveReload((e) => e.entity === 'order' || e.entity === 'exception' || e.entity === 'parcel', list.reload);

  const resolve = async (e: PackException) => {
    setError(null);
    try {
      await call('resolveException', { params: { id: e.id }, body: { resolution: resolution.trim(), ...(e.kind === 'intercept' && keep ? { keepParcels: true } : {}) } });
      setOpen(null);
      setResolution('');
      setKeep(false);
      list.reload();
    } catch (x) {
      setError(failureText(x, { resolution: t('exceptions.whatDone') }));
    }
  };

  const items = list.data?.items ?? [];
  if (list.error) return <div className="alert error">{list.error}</div>;
  if (items.length === 0) return <div className="muted small">{t('exceptions.none')}</div>;
  return (
    <ul className="exceptions" data-testid="exceptions">
      {items.map((e) => (
        <li key={e.id} className={`exc k-${e.kind}`}>
          <div className="line1">
            <span className={`badge k-${e.kind}`}>{t(`exceptions.kind.${e.kind}`)}</span>
            {e.orderId && <a className="mono" href={`#/orders/${e.orderId}`}>{e.orderNumber}</a>}
            <span className="muted small">{e.bench ?? ''} · {formatTime(e.createdAt)}</span>
            <span className="spacer" />
            {canManage && open !== e.id && <button className="secondary" onClick={() => (setOpen(e.id), setResolution(''), setError(null))}>{t('exceptions.resolve')}</button>}
          </div>
          <div className="small">{detailLine(e, t)}{e.reason ? ` · “${e.reason}”` : ''}</div>
          {open === e.id && (
            <form className="resolve" onSubmit={(ev) => (ev.preventDefault(), void resolve(e))}>
              <div className="chips">
                {PRESETS[e.kind].map((k) => <button type="button" key={k} className="chip" onClick={() => setResolution(t(k))}>{t(k)}</button>)}
              </div>
              <div className="reason">
                <input autoFocus name="resolution" value={resolution} onChange={(ev) => setResolution(ev.target.value)} placeholder={t('exceptions.whatDone')} />
                <button className="primary" type="submit" disabled={!resolution.trim()}>{t('common.confirm')}</button>
                <button type="button" className="ghost" onClick={() => setOpen(null)}>{t('common.cancel')}</button>
              </div>
              {e.kind === 'intercept' && e.orderState !== 'cancelled' && e.orderState !== 'on_hold' && (
                <label className="check small"><input type="checkbox" checked={keep} onChange={(ev) => setKeep(ev.target.checked)} /> {t('exceptions.keepParcels')}</label>
              )}
              {error && <div className="alert error" role="alert">{error}</div>}
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
