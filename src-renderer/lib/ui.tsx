import { useTranslation } from 'react-i18next';
import i18n from './i18n';
import type { OrderEvent, OrderState } from '../../src-main/contract/orders';
import { unmappedSkusIn } from '../../src-main/contract/channels';
import { conflictIn } from '../../src-main/contract/rules';

export function StateBadge({ state, big }: { state: OrderState; big?: boolean }) {
  const { t } = useTranslation();
  return <span className={`badge s-${state}${big ? ' big' : ''}`}>{t(`states.${state}`)}</span>;
}

/** UTC from the API, local time on screen (DESIGN.md conventions), written the way the screen's language writes it. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(i18n.language || undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** The same with the year, for records that outlive the week (the audit log, a channel's last delivery, a bench's last contact). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(i18n.language || undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A span of minutes as a person reads it: "45 min", "5 h 20 min", "6 d 12 h" (not "9360 min"). */
export function duration(t: (key: string, params: Record<string, number>) => string, minutes: number): string {
  const all = Math.max(0, Math.round(minutes));
  if (all < 60) return t('common.durMin', { m: all });
  if (all < 24 * 60) return t('common.durHours', { h: Math.floor(all / 60), m: all % 60 });
  return t('common.durDays', { d: Math.floor(all / 1440), h: Math.floor((all % 1440) / 60) });
}

export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => duration(t, minutes);
}

export function money(minor: number | null, currency: string | null): string {
  if (minor === null) return '';
  return `${(minor / 100).toFixed(2)} ${currency ?? ''}`;
}

/** An event type of the core's log in words ("order.start_packing" -> "Packing started"); an unknown one still reads as words. */
export function useEventName(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => t(`events.${type}`, { defaultValue: type.replace(/^order\./, '').replace(/[._]/g, ' ') });
}

/** Who did it: the user's name, "the system" for the core itself, the id only when nobody by it is known. */
export function useActorName(): (e: Pick<OrderEvent, 'actor' | 'actorName'>) => string {
  const { t } = useTranslation();
  return (e) => e.actorName ?? (e.actor === 'system' || e.actor.startsWith('system:') ? t('events.system') : e.actor);
}

/**
 * A reason or message as a person reads it: the words the core keeps in English for a reason it gave
 * itself (an order held for unmapped channel SKUs) said in the screen's language; a person's own words unchanged.
 */
export function useReasonWords(): (text: string) => string {
  const { t } = useTranslation();
  return (text) => {
    const conflict = conflictIn(text);
    if (conflict) {
      const [a, b] = conflict.map((x) => ({ kind: t(`queue.kinds.${x.kind}`, { defaultValue: x.kind }), time: new Date(x.at).toLocaleTimeString(i18n.language || undefined) }));
      return t('common.conflictReason', { first: a!.kind, firstAt: a!.time, second: b!.kind, secondAt: b!.time });
    }
    const u = unmappedSkusIn(text);
    return u ? `${text.slice(0, u.at)}${t('common.unmappedSkuReason', { skus: u.skus })}${text.slice(u.at + u.length)}` : text;
  };
}
