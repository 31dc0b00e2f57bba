import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftBoard } from '../../../src-main/contract/board';
import { formatTime } from '../../lib/ui';

// The shift board (GET /api/shift-board): carrier cut-offs and benches, shown in the Waves console.

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
            <div className="carrier">{c.carrier === '-' ? t('board.noCarrier') : c.carrier.toUpperCase()}</div>
            <div className="when">
              {left === null ? t('board.noCutoff') : left < 0 ? t('board.cutoffPassed', { time: c.cutoff, h: Math.floor(-left / 60), m: -left % 60 })
                : t('board.cutoffLeft', { time: c.cutoff, h: Math.floor(left / 60), m: left % 60 })}
            </div>
            <div className="small">{t('board.carrierWork', { pool: c.pool, inWave: c.inWave, packing: c.packing, packed: c.packed })}</div>
            {c.exceptions > 0 && <div className="small warn">{t('board.exceptionsCount', { count: c.exceptions })}</div>}
          </div>
        );
      })}
    </div>
  );
}

export function Benches({ board }: { board: ShiftBoard }) {
  const { t } = useTranslation();
  if (board.benches.length === 0) return <div className="muted small">{t('board.noBenches')}</div>;
  return (
    <table className="table compact" data-testid="benches">
      <thead><tr><th>{t('board.bench')}</th><th className="num">{t('board.onBench')}</th><th className="num">{t('board.parcelsToday')}</th><th>{t('board.lastParcel')}</th></tr></thead>
      <tbody>{board.benches.map((b) => <tr key={b.bench}><td className="mono">{b.bench}</td><td className="num">{b.packing}</td><td className="num">{b.parcelsToday}</td><td>{formatTime(b.lastParcelAt)}</td></tr>)}</tbody>
    </table>
  );
}
