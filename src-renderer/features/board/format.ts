import type { TFunction } from 'i18next';

// How a KPI value is written: its unit comes from its key.
export function kpiValue(key: string, v: number | undefined, t: TFunction): string {
  const n = v ?? 0;
  const base = key.split(':')[0]!;
  if (base.includes('rate')) return `${n}${t('units.pct')}`;
  if (base.endsWith('_min')) return `${n} ${t('units.min')}`;
  if (base.endsWith('_s')) return `${n} ${t('units.s')}`;
  if (base.includes('per_hour') || base.endsWith('_pph')) return `${n}${t('units.perHour')}`;
  return n.toLocaleString();
}

/** The label of a key: a dimension (a hold or return reason) after its KPI's name. */
export function kpiLabel(key: string, t: TFunction): string {
  const i = key.indexOf(':');
  return i < 0 ? t(`kpi.${key}`) : `${t(`kpi.${key.slice(0, i)}`)} · ${key.slice(i + 1)}`;
}

export const kpiHref = (key: string) => `#/centre/kpi/${encodeURIComponent(key)}`;
