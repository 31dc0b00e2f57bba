import { useTranslation } from 'react-i18next';
import type { Floor as FloorData } from '../../../src-main/contract/board';
import { call } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import { Benches, Cutoffs } from './Board';
import { Chart } from './Chart';
import { KpiTile, OrderList } from './CommandCentre';
import { WarehousePicker, useWarehouseChoice } from '../dispatch/WarehousePicker';

// The lead's live floor: late and at-risk orders first, then the numbers of the shift, cut-offs
// rolling to the next pickup, benches and waves. It reloads on every order, parcel or wave change
// of the change feed (at most every 150 ms), so a parcel packed shows within a second.

const STRIP = ['parcels_today', 'parcels_per_hour', 'units_per_hour', 'on_time_rate_today', 'shipped_today', 'backlog', 'holds', 'exceptions_open'];

export function FloorScreen() {
  // one warehouse's floor, or every warehouse's (the owner's "All"); the choice the other lead screens share
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const floor = useLoad(() => call('floor', { query: warehouse ? { warehouse } : {} }), [warehouse]);
  useLiveReload((e) => e.entity === 'order' || e.entity === 'wave' || e.entity === 'exception' || e.entity === 'settings', floor.reload, 150);
  return (
    <>
      <div className="floor-filter"><WarehousePicker value={warehouse} onChange={setWarehouse} /></div>
      {floor.error ? <div className="alert error">{floor.error}</div> : floor.data ? <FloorView floor={floor.data} /> : null}
    </>
  );
}

/** The floor's content; the wall screen shows the same, larger. */
export function FloorView({ floor, wall }: { floor: FloorData; wall?: boolean }) {
  const { t } = useTranslation();
  const benches = floor.board.benches;
  const benchOption = {
    grid: { left: 50, right: 20, top: 30, bottom: 24 }, tooltip: {},
    xAxis: { type: 'category', data: benches.map((b) => b.bench), axisLabel: { fontSize: wall ? 18 : 12 } },
    yAxis: { type: 'value', axisLabel: { fontSize: wall ? 16 : 12 } },
    series: [{ type: 'bar', data: benches.map((b) => b.parcelsToday), itemStyle: { color: '#2563eb' }, label: { show: true, position: 'top', fontSize: wall ? 20 : 12 } }],
  };
  return (
    <div className={wall ? 'floor wall-floor' : 'floor'} data-testid="floor" data-event={floor.eventId}>
      <div className="floor-lists">
        <section className="pane late-list">
          <h2>{t('centre.late')} <span className="count bad" data-testid="late-total">{floor.lateTotal}</span></h2>
          {floor.late.length ? <OrderList items={floor.late} testId="late" /> : <div className="empty">{t('centre.nothingLate')}</div>}
        </section>
        <section className="pane risk-list">
          <h2>{t('centre.atRisk')} <span className="count warn" data-testid="risk-total">{floor.atRiskTotal}</span></h2>
          {floor.atRisk.length ? <OrderList items={floor.atRisk} testId="at-risk" /> : <div className="empty">{t('centre.nothingAtRisk')}</div>}
        </section>
      </div>
      <div className="tiles strip">{STRIP.map((k) => <KpiTile key={k} k={k} v={floor.kpis[k]} />)}</div>
      <h2>{t('centre.cutoffs')}</h2>
      <Cutoffs board={floor.board} />
      <div className="floor-bottom">
        <section className="pane">
          <h2>{t('centre.parcelsPerBench')}</h2>
          {benches.length ? <Chart option={benchOption} height={wall ? 260 : 200} testId="bench-chart" /> : null}
          <Benches board={floor.board} />
        </section>
        <section className="pane">
          <h2>{t('centre.waves')}</h2>
          {floor.waves.length === 0 && <div className="empty">{t('centre.noWaves')}</div>}
          {floor.waves.map((w) => (
            <div key={w.id} className="progress-row wave-progress">
              <span className="mono">{w.number}</span>
              <progress max={Math.max(1, w.orders)} value={w.packed} />
              <span>{t('centre.wavePacked', { packed: w.packed, orders: w.orders })}</span>
            </div>
          ))}
        </section>
      </div>
      <div className="small muted">{t('centre.updated', { time: formatTime(floor.asOf) })}</div>
    </div>
  );
}
