import { useTranslation } from 'react-i18next';
import { call } from '../lib/api';
import { useLoad } from '../lib/hooks';

// Wave planning arrives with issue 6; until then the lead sees the pool that is waiting.
export function Waves() {
  const { t } = useTranslation();
  const counts = useLoad(() => call('stateCounts'), []);
  return (
    <section className="pane"><h2>{t('waves.title')}</h2><p className="big-note">{t('waves.soon', { count: (counts.data?.counts.allocated ?? '…') as number })}</p></section>
  );
}
