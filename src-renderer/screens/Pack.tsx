import { useTranslation } from 'react-i18next';
import { call } from '../lib/api';
import { useLoad } from '../lib/hooks';

// The bench flow arrives with issue 5; until then the screen tells the operator what is waiting.
export function Pack() {
  const { t } = useTranslation();
  const counts = useLoad(() => call('stateCounts'), []);
  const n = counts.data ? counts.data.counts.allocated + counts.data.counts.picked : '…';
  return (
    <section className="pane"><h2>{t('pack.title')}</h2><p className="big-note">{t('pack.soon', { count: n as number })}</p></section>
  );
}
