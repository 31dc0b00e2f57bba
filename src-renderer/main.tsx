import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './lib/i18n';
import './styles.css';
import { App } from './App';
import { FEATURES } from './features';

initI18n(FEATURES);

// The app's CJK font is fetched once at start, not when the first Chinese word appears: fetched lazily,
// a Chinese operator name or bench name showed as boxes until the 5 MB file arrived (it is cached after).
void document.fonts?.load('1em "Packline Sans SC"', '中').catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
