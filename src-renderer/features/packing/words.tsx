import { useTranslation } from 'react-i18next';
import { packMessageText, type PackMessage } from '../../../src-main/contract/pack-messages';
import { useReasonWords } from '../../lib/ui';

// The bench station says message keys with parameters (contract/pack-messages.ts); this is where
// the screen puts them into its own language. The English words are the fallback of a key this
// screen's locale does not have yet (a station newer than the screen).

/** A message in the screen's language, without its detail (for speech: the detail is in another language). */
export function useSay(): (m: PackMessage) => string {
  const { t } = useTranslation();
  return (m) => t(`pack.msg.${m.key}`, { ...m.params, defaultValue: packMessageText({ ...m, detail: undefined }) });
}

/** A message, and below it the words that came untranslated (a core's message, a device's or a lead's reason). */
export function Said({ m, className }: { m: PackMessage; className?: string }) {
  const say = useSay();
  const reasonWords = useReasonWords();
  return (
    <span className={className} data-key={m.key}>
      {say(m)}
      {m.detail && <span className="said-detail"> — {reasonWords(m.detail)}</span>}
    </span>
  );
}
