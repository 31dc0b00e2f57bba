import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { OperatorStats } from '../../../src-main/contract/board';
import { call } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import { Chart } from './Chart';

// Parcels and units per hour per packer and bench, from the pack scans and labels of a day. The core
// answers an operator with their own row only; a lead or admin sees everyone.

export function Operators({ role }: { role: Role }) {
  const { t } = useTranslation();
  // no day chosen: the core answers the shop's today (its time zone, not this screen's) and names it
  const [day, setDay] = useState<string | null>(null);
  const stats = useLoad(() => call('operatorStats', { query: day ? { day } : {} }), [day]);
  useLiveReload((e) => e.type === 'parcel.labelled' || e.type === 'order.start_packing', stats.reload, 1000);
  const rows = stats.data?.items ?? [];
  const option = {
    tooltip: {}, legend: { top: 0 }, grid: { left: 140, right: 30, top: 30, bottom: 20 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: rows.map((r) => r.name ?? r.packer), inverse: true },
    series: [
      { name: t('centre.pph'), type: 'bar', data: rows.map((r) => r.parcelsPerHour), itemStyle: { color: '#2563eb' }, label: { show: true, position: 'right' } },
      { name: t('centre.uph'), type: 'bar', data: rows.map((r) => r.unitsPerHour), itemStyle: { color: '#93c5fd' }, label: { show: true, position: 'right' } },
    ],
  };
  return (
    <section className="pane operators" data-testid="operators">
      <div className="filters">
        <label>{t('centre.day')} <input type="date" value={day ?? stats.data?.day ?? ''} onChange={(e) => e.target.value && setDay(e.target.value)} /></label>
        {role === 'operator' && <span className="muted">{t('centre.ownOnly')}</span>}
      </div>
      {stats.error && <div className="alert error">{stats.error}</div>}
      {stats.data && rows.length === 0 && <div className="empty">{t('centre.noPacking')}</div>}
      {rows.length > 0 && <Chart option={option} height={Math.max(140, 60 + rows.length * 50)} testId="pph-chart" />}
      {rows.length > 0 && <StatTable rows={rows} who={t('centre.packer')} testId="packer-stats" />}
      {(stats.data?.benches.length ?? 0) > 0 && (<><h2>{t('centre.benches')}</h2><StatTable rows={stats.data!.benches} who={t('board.bench')} testId="bench-stats" /></>)}
    </section>
  );
}

function StatTable({ rows, who, testId }: { rows: OperatorStats['items']; who: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="table compact" data-testid={testId}>
      <thead><tr><th>{who}</th><th className="num">{t('centre.parcels')}</th><th className="num">{t('centre.units')}</th><th className="num">{t('centre.hours')}</th>
        <th className="num">{t('centre.pph')}</th><th className="num">{t('centre.uph')}</th><th className="num">{t('centre.overrides')}</th><th>{t('centre.firstScan')}</th><th>{t('centre.lastLabel')}</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.packer}><td>{r.name ?? r.packer}</td><td className="num">{r.parcels}</td><td className="num">{r.units}</td><td className="num">{r.hours}</td>
          <td className="num big-num">{r.parcelsPerHour}</td><td className="num">{r.unitsPerHour}</td><td className="num">{r.weightOverrides}</td>
          <td className="nowrap">{formatTime(r.firstScanAt)}</td><td className="nowrap">{formatTime(r.lastLabelAt)}</td></tr>
      ))}</tbody>
    </table>
  );
}
