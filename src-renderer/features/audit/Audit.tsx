// The audit log: who did what, when and why across the shop, filtered by person, order, kind and
// day, newest first, and exported as the filter shows it (CSV or Excel).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_KINDS, type AuditEntry, type AuditQuery } from '../../../src-main/contract/audit';
import { routeUrl } from '../../../src-main/contract/client';
import { call } from '../../lib/api';
import { useLoad, useShopTimeZone } from '../../lib/hooks';
import { shopDayRange } from '../../../src-main/contract/shop-time';
import { formatDateTime, useActorName, useEventName } from '../../lib/ui';
import './audit.css';

const PAGE = 100;

/** The event's data in a few words: what changed, how many, which number; field names in the screen's language. */
function detail(e: AuditEntry, fieldName: (key: string) => string): string {
  if (!e.data) return '';
  return Object.entries(e.data)
    .filter(([k]) => k !== 'reason' && k !== 'version')
    .map(([k, v]) => `${fieldName(k)}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export function Audit() {
  const { t } = useTranslation();
  const orderEventName = useEventName();
  // The shop's other events by their names here; an order's as its history names them.
  const eventName = (type: string) => t(`audit.events.${type}`, { defaultValue: orderEventName(type) });
  const fieldName = (key: string) => t(`audit.fields.${key}`, { defaultValue: key });
  const actorName = useActorName();
  const people = useLoad(() => call('auditPeople'), []);
  const [actor, setActor] = useState('');
  const [order, setOrder] = useState('');
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const zone = useShopTimeZone(); // the days picked are the shop's; the day inputs wait for it
  const [applied, setApplied] = useState<AuditQuery>({});
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const list = useLoad(() => call('auditLog', { query: { ...applied, limit: PAGE } }), [JSON.stringify(applied)]);
  useEffect(() => {
    setExtra([]);
    setCursor(list.data?.nextCursor ?? null);
  }, [list.data]);

  const apply = () => setApplied({ actor: actor || undefined, order: order.trim() || undefined, kind: kind || undefined, ...(zone ? shopDayRange(from, to, zone) : {}) });
  // The person filter applies at once: it is the one people use most.
  useEffect(() => {
    apply();
  }, [actor, kind]);
  const more = async () => {
    if (!cursor) return;
    const r = await call('auditLog', { query: { ...applied, limit: PAGE, cursor } });
    setExtra((x) => [...x, ...r.items]);
    setCursor(r.nextCursor);
  };
  const file = (format: 'csv' | 'xlsx') => routeUrl('auditExport', { query: { ...applied, format } });
  const rows = [...(list.data?.items ?? []), ...extra];

  return (
    <section className="pane audit">
      <form className="audit-filters" onSubmit={(e) => (e.preventDefault(), apply())}>
        <label>{t('audit.person')}
          <select name="actor" value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(people.data?.items ?? []).map((p) => <option key={p.id} value={p.id}>{p.name} ({t(`audit.roles.${p.role}`, { defaultValue: p.role })})</option>)}
          </select>
        </label>
        <label>{t('audit.order')}<input name="order" value={order} onChange={(e) => setOrder(e.target.value)} placeholder="PL…" autoComplete="off" /></label>
        <label>{t('audit.kind')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {AUDIT_KINDS.map((k) => <option key={k} value={k}>{t(`audit.kinds.${k.replace('.', '_')}`)}</option>)}
          </select>
        </label>
        <label>{t('audit.from')}<input type="date" name="from" value={from} disabled={!zone} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>{t('audit.to')}<input type="date" name="to" value={to} disabled={!zone} onChange={(e) => setTo(e.target.value)} /></label>
        <button className="primary" type="submit">{t('common.search')}</button>
        <span className="spacer" />
        <a className="button" href={file('csv')} download data-format="csv">{t('audit.export', { format: 'CSV' })}</a>
        <a className="button" href={file('xlsx')} download data-format="xlsx">{t('audit.export', { format: 'Excel' })}</a>
      </form>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table" data-testid="audit-table">
        <thead><tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.what')}</th><th>{t('audit.on')}</th><th>{t('audit.why')}</th><th>{t('audit.detail')}</th></tr></thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} data-type={e.type} data-actor={e.actor}>
              <td className="mono nowrap">{formatDateTime(e.at)}</td>
              <td>{actorName(e)}</td>
              <td>{eventName(e.type)}</td>
              <td className="mono">{e.entity === 'order' ? <a href={`#/orders/${e.entityId}`}>{e.label ?? e.entityId}</a> : e.entity === 'import' ? <a href={`#/import/${e.entityId}`}>{e.entityId}</a> : e.entityId}</td>
              <td>{e.reason ?? ''}</td>
              <td className="small muted">{detail(e, fieldName)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && rows.length === 0 && <div className="empty">{t('common.none')}</div>}
      {cursor && <button className="ghost" onClick={() => void more()}>{t('common.more')}</button>}
    </section>
  );
}
