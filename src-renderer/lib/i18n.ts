import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { FeatureLocales, Messages } from './feature';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

// Follows the OS language (navigator.language) until the person picks one; the pick is remembered.
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

const shared: FeatureLocales = { en, 'zh-CN': zhCN };

/**
 * One namespace for the whole UI: the shared words plus each feature's groups, so a key reads the
 * same wherever it is used (`t('orders.sku')` on the Pack screen too). Two files defining the same
 * group would silently hide one another's words, so that stops the start.
 */
function merge(parts: Messages[]): Messages {
  const all: Messages = {};
  for (const part of parts) {
    for (const [group, words] of Object.entries(part)) {
      if (group in all) throw new Error(`two locale files define the group "${group}"`);
      all[group] = words;
    }
  }
  return all;
}

/** Starts i18next with the shared words and every feature's; call once before the first render. */
export function initI18n(features: readonly { locales: FeatureLocales }[]) {
  const locales = [shared, ...features.map((f) => f.locales)];
  const saved = localStorage.getItem('pl_lang');
  const system = navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  void i18n.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map(({ code }) => [code, { translation: merge(locales.map((l) => l[code])) }])),
    lng: saved ?? system,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
}

export function setLanguage(code: string) {
  localStorage.setItem('pl_lang', code);
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18n;
