import { useTranslation } from 'react-i18next';
import type { WaveSummary } from '../../../src-main/contract/waves';
import { formatTime } from '../../lib/ui';

export function WaveStateBadge({ wave, big }: { wave: WaveSummary; big?: boolean }) {
  const { t } = useTranslation();
  const s = wave.done ? 'done' : wave.state;
  return <span className={`badge w-${s}${big ? ' big' : ''}`}>{t(`waves.state.${s}`)}</span>;
}

/** Picked and packed of the wave's orders, as one bar with words beside it. */
export function Progress({ wave }: { wave: WaveSummary }) {
  const { t } = useTranslation();
  const p = wave.progress;
  const live = Math.max(1, p.orders - p.cancelled);
  const pct = (n: number) => `${Math.round((100 * n) / live)}%`;
  return (
    <div className="progress-row">
      <div className="bar" role="img" aria-label={t('waves.progressLine', { picked: p.picked, packed: p.packed, orders: live })}>
        <div className="picked" style={{ width: pct(p.picked) }} />
        <div className="packed" style={{ width: pct(p.packed) }} />
      </div>
      <div className="small">
        {t('waves.progressLine', { picked: p.picked, packed: p.packed, orders: live })}
        {p.sortedUnits > 0 && <> · {t('waves.sortedLine', { sorted: p.sortedUnits, units: p.units })}</>}
        {p.exceptions + p.onHold > 0 && <span className="warn"> · {t('waves.troubleLine', { exceptions: p.exceptions, onHold: p.onHold })}</span>}
        {p.cancelled > 0 && <span className="bad"> · {t('waves.cancelledLine', { count: p.cancelled })}</span>}
        {p.pulled > 0 && <span className="muted"> · {t('waves.pulledLine', { count: p.pulled })}</span>}
      </div>
    </div>
  );
}

export function WaveList({ waves, selected }: { waves: WaveSummary[]; selected?: string }) {
  const { t } = useTranslation();
  if (waves.length === 0) return <div className="empty">{t('waves.noWaves')}</div>;
  return (
    <ul className="wave-list" data-testid="wave-list">
      {waves.map((w) => (
        <li key={w.id} className={`${w.id === selected ? 'selected' : ''} ${w.done ? 'done' : ''}`} onClick={() => (window.location.hash = `#/waves/${w.id}`)} data-wave={w.number}>
          <div className="line1">
            <b className="mono">{w.number}</b> <WaveStateBadge wave={w} /> <span className="name">{w.name}</span>
            <span className="spacer" />
            <span className="muted small">{w.benchId ?? ''}</span>
          </div>
          <Progress wave={w} />
          <div className="muted small">{w.carriers.join(', ')}{w.earliestShipBy ? ` · ${t('orders.shipBy')} ${formatTime(w.earliestShipBy)}` : ''}</div>
        </li>
      ))}
    </ul>
  );
}
