import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { Planner } from './Planner';
import { WaveView } from './WaveView';
import { Benches, Cutoffs } from '../board/Board';
import { WaveList } from './WaveList';
import { ExceptionQueue } from '../exceptions/Exceptions';
import { Handover } from './Handover';
import { WarehousePicker, useWarehouseChoice } from '../dispatch/WarehousePicker';

// The shift lead's console: build a wave by rule and release it, look into one wave, or hand the
// day's parcels to the carriers (left);
// on the right, live: carrier cut-offs, the exception queue, waves in progress, benches.
export function Waves({ id, role }: { id?: string; role: Role }) {
  const { t } = useTranslation();
  const canManage = role === 'lead' || role === 'admin';
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const waves = useLoad(() => call('listWaves', { query: { limit: 30, warehouse: warehouse || undefined } }), [warehouse]);
  const board = useLoad(() => call('shiftBoard', { query: { warehouse: warehouse || undefined } }), [warehouse]);
  useLiveReload((e) => e.entity === 'order' || e.entity === 'wave' || e.entity === 'parcel' || e.entity === 'exception' || e.entity === 'manifest' || e.entity === 'settings', () => {
    waves.reload();
    board.reload();
  });
  const benches = [...new Set([...(board.data?.benches.map((b) => b.bench) ?? []), ...(waves.data?.items.map((w) => w.benchId).filter((b): b is string => !!b) ?? [])])].sort();
  return (
    <div className="waves-console">
      <section className="pane">
        <nav className="chips console-tabs" aria-label={t('waves.title')}>
          <a href="#/waves" className={!id ? 'chip on' : 'chip'}>{t('waves.build')}</a>
          <a href="#/waves/handover" className={id === 'handover' ? 'chip on' : 'chip'}>{t('waves.endOfDay')}</a>
          <WarehousePicker value={warehouse} onChange={setWarehouse} />
        </nav>
        {id === 'handover' ? <Handover canManage={canManage} warehouse={warehouse} />
          : id ? <WaveView id={id} canManage={canManage} />
            : canManage ? <Planner key={warehouse} benches={benches} warehouse={warehouse} /> : <div className="empty">{t('waves.leadsOnly')}</div>}
      </section>
      <section className="pane live" data-testid="live">
        {board.data && <Cutoffs board={board.data} />}
        <h2>{t('exceptions.title')}</h2>
        <ExceptionQueue canManage={canManage} />
        <h2>{t('waves.inProgress')}</h2>
        {waves.error && <div className="alert error">{waves.error}</div>}
        {waves.data && <WaveList waves={waves.data.items} selected={id} />}
        <h2>{t('waves.benches')}</h2>
        {board.data && <Benches board={board.data} />}
      </section>
    </div>
  );
}
