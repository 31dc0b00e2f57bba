import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftBoard, WaveSummary } from '../../../src-main/contract/waves';
import { formatTime } from '../../lib/ui';

/** Minutes until today's "HH:MM" in local time (negative once it has passed). */
export function minutesUntil(hhmm: string, now: Date): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m);
  return Math.floor((at.getTime() - now.getTime()) / 60_000);
}

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Each carrier's cut-off with the time left and the work still open for it. */
export function Cutoffs({ board }: { board: ShiftBoard }) {
  const { t } = useTranslation();
  const now = useNow(20_000);
  if (board.carriers.length === 0) return null;
  return (
    <div className="cutoffs" data-testid="cutoffs">
      {board.carriers.map((c) => {
        const left = c.cutoff ? minutesUntil(c.cutoff, now) : null;
        const open = c.pool + c.inWave + c.packing;
        const level = left === null ? 'none' : left < 0 ? 'late' : left <= 60 && open > 0 ? 'soon' : 'ok';
        return (
          <div key={c.carrier} className={`cutoff ${level}`} data-carrier={c.carrier}>
            <div className="carrier">{c.carrier === '-' ? t('waves.noCarrier') : c.carrier.toUpperCase()}</div>
            <div className="when">
              {left === null ? t('waves.noCutoff') : left < 0 ? t('waves.cutoffPassed', { time: c.cutoff, h: Math.floor(-left / 60), m: -left % 60 })
                : t('waves.cutoffLeft', { time: c.cutoff, h: Math.floor(left / 60), m: left % 60 })}
            </div>
            <div className="small">{t('waves.carrierWork', { pool: c.pool, inWave: c.inWave, packing: c.packing, packed: c.packed })}</div>
            {c.exceptions > 0 && <div className="small warn">{t('waves.exceptionsCount', { count: c.exceptions })}</div>}
          </div>
        );
      })}
    </div>
  );
}

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

export function Benches({ board }: { board: ShiftBoard }) {
  const { t } = useTranslation();
  if (board.benches.length === 0) return <div className="muted small">{t('waves.noBenches')}</div>;
  return (
    <table className="table compact" data-testid="benches">
      <thead><tr><th>{t('waves.bench')}</th><th className="num">{t('waves.onBench')}</th><th className="num">{t('waves.parcelsToday')}</th><th>{t('waves.lastParcel')}</th></tr></thead>
      <tbody>{board.benches.map((b) => <tr key={b.bench}><td className="mono">{b.bench}</td><td className="num">{b.packing}</td><td className="num">{b.parcelsToday}</td><td>{formatTime(b.lastParcelAt)}</td></tr>)}</tbody>
    </table>
  );
}
