import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ShiftBoard } from '../../../src-main/contract/board';
import { nextPickup, shopMidnight } from '../../../src-main/contract/shop-time';
import { formatTime } from '../../lib/ui';

// The shift board (GET /api/shift-board): carrier cut-offs rolling to the next pickup, and benches (Waves console, floor, wall).

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Each carrier's next pickup (the shop's today's until it passes, then the next day's) with the time left and its open work. */
export function Cutoffs({ board }: { board: ShiftBoard }) {
  const { t } = useTranslation();
  const now = useNow(20_000);
  if (board.carriers.length === 0) return null;
  const nextMidnight = shopMidnight(shopMidnight(now.getTime(), board.timeZone) + 36 * 3_600_000, board.timeZone);
  return (
    <div className="cutoffs" data-testid="cutoffs">
      {board.carriers.map((c) => {
        const at = c.cutoff ? nextPickup(c.cutoff, now.getTime(), board.timeZone) : null;
        const left = at === null ? null : Math.floor((at - now.getTime()) / 60_000);
        const today = at !== null && at < nextMidnight; // the shop's today, wherever the screen is
        const open = c.pool + c.inWave + c.packing;
        const level = left === null ? 'none' : left <= 60 && open > 0 ? 'soon' : 'ok';
        const args = { time: c.cutoff, h: Math.floor((left ?? 0) / 60), m: (left ?? 0) % 60 };
        return (
          <div key={c.carrier} className={`cutoff ${level}`} data-carrier={c.carrier}>
            <div className="carrier">{c.carrier === '-' ? t('board.noCarrier') : c.carrier.toUpperCase()}</div>
            <div className="when">{left === null ? t('board.noCutoff') : today ? t('board.pickupToday', args) : t('board.pickupTomorrow', args)}</div>
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
      <tbody>{board.benches.map((b) => <tr key={b.bench}><td className="mono">{b.bench}</td><td className="num">{b.packing}</td><td className="num">{b.parcelsToday}</td><td className="nowrap">{formatTime(b.lastParcelAt)}</td></tr>)}</tbody>
    </table>
  );
}
