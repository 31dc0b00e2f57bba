import { useTranslation } from 'react-i18next';
import { useImeWarning } from '../../lib/wedge';

/** An input method is composing the scanner's keys: say so, in words, until the next good scan. */
export function ImeWarning() {
  const { t } = useTranslation();
  const ime = useImeWarning();
  if (!ime.active) return null;
  return (
    <div className="ime-warning" role="alert" data-testid="ime-warning">
      <strong>{t('devices.ime.title')}</strong> {t('devices.ime.body')}
      <button onClick={ime.dismiss}>{t('devices.ime.dismiss')}</button>
    </div>
  );
}
