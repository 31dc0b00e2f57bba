// Settings -> Routing: a lead edits which warehouse gets which orders without code: region rules
// (province and city lists, first match wins), the priority list, on/off; and sees the transfer
// suggestions of orders whose warehouse is short.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { useWarehouses } from './WarehousePicker';

interface RuleDraft { name: string; warehouse: string; provinces: string; cities: string; active: boolean }
const places = (s: string) => s.split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean);

export function SettingsRouting({ role }: { role: Role }) {
  const { t } = useTranslation();
  const routing = useLoad(() => call('getRouting'), []);
  const warehouses = useWarehouses();
  const [enabled, setEnabled] = useState(true);
  const [split, setSplit] = useState(false);
  const [priority, setPriority] = useState<string[]>([]);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const canEdit = role === 'lead' || role === 'admin';
  const all = (warehouses.data?.items ?? []).filter((w) => w.active);
  const codeOf = (id: string) => warehouses.data?.items.find((w) => w.id === id)?.code ?? id;
  useEffect(() => {
    if (!routing.data || !warehouses.data) return;
    setEnabled(routing.data.enabled);
    setSplit(routing.data.split);
    const listed = routing.data.priority.map(codeOf);
    setPriority([...listed, ...all.map((w) => w.code).filter((c) => !listed.includes(c))]);
    setRules(routing.data.rules.map((r) => ({ name: r.name, warehouse: r.warehouse, provinces: r.provinces.join(' '), cities: r.cities.join(' '), active: r.active })));
  }, [routing.data, warehouses.data]);
  const move = (i: number, by: number) => {
    const p = [...priority];
    [p[i], p[i + by]] = [p[i + by]!, p[i]!];
    setPriority(p);
  };
  const setRule = (i: number, patch: Partial<RuleDraft>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      await call('setRouting', { body: { enabled, split, priority, rules: rules.map((r) => ({ name: r.name, warehouse: r.warehouse, provinces: places(r.provinces), cities: places(r.cities), active: r.active })) } });
      setMsg({ ok: true, text: t('common.saved') });
      routing.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, { enabled: t('routing.enabled'), split: t('routing.split'), priority: t('routing.priority'), ...ruleLabels() }) });
    }
  };
  /** A rule's fields by the rule's name (its number when it has none), a refused place by the place itself. */
  const ruleLabels = () => Object.fromEntries(rules.flatMap((r, i) => {
    const rule = r.name.trim() || `${i + 1}`;
    const field = (f: 'ruleName' | 'warehouse' | 'provinces' | 'cities' | 'active') => `${t(`routing.${f}`)} (${rule})`;
    return [
      [`rules.${i}.name`, field('ruleName')], [`rules.${i}.warehouse`, field('warehouse')], [`rules.${i}.active`, field('active')],
      [`rules.${i}.provinces`, field('provinces')], [`rules.${i}.cities`, field('cities')],
      ...(['provinces', 'cities'] as const).flatMap((f) => places(r[f]).map((p, j) => [`rules.${i}.${f}.${j}`, `${t(`routing.${f}`)} (${rule}: ${p})`])),
    ];
  }));
  const nameOf = (code: string) => warehouses.data?.items.find((w) => w.code === code)?.name ?? code;
  return (
    <div className="settings" data-testid="settings-routing">
      <p className="muted">{t('routing.help')}</p>
      <form onSubmit={(e) => (e.preventDefault(), void save())}>
        <p><label className="check"><input type="checkbox" name="enabled" checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} /> {t('routing.enabled')}</label></p>
        <p><label className="check"><input type="checkbox" name="split" checked={split} disabled={!canEdit} onChange={(e) => setSplit(e.target.checked)} /> {t('routing.split')}</label>
          <br /><span className="small muted">{t('routing.splitHelp')}</span></p>
        <h3>{t('routing.priority')}</h3>
        <ol data-testid="routing-priority">
          {priority.map((code, i) => (
            <li key={code}>{nameOf(code)} <span className="mono small">{code}</span>{' '}
              {canEdit && <><button type="button" className="ghost" disabled={i === 0} onClick={() => move(i, -1)}>{t('routing.up')}</button>
                <button type="button" className="ghost" disabled={i === priority.length - 1} onClick={() => move(i, 1)}>{t('routing.down')}</button></>}
            </li>
          ))}
        </ol>
        <h3>{t('routing.rules')}</h3>
        <table className="table" data-testid="routing-rules">
          <thead><tr><th>{t('routing.ruleName')}</th><th>{t('routing.warehouse')}</th><th>{t('routing.provinces')}</th><th>{t('routing.cities')}</th><th>{t('routing.active')}</th><th /></tr></thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={i}>
                <td><input name={`rule-${i}-name`} value={r.name} disabled={!canEdit} onChange={(e) => setRule(i, { name: e.target.value })} /></td>
                <td><select className="wh-select" name={`rule-${i}-warehouse`} value={r.warehouse} disabled={!canEdit} onChange={(e) => setRule(i, { warehouse: e.target.value })}>
                  {all.map((w) => <option key={w.id} value={w.code}>{w.name}</option>)}
                </select></td>
                <td><input name={`rule-${i}-provinces`} value={r.provinces} placeholder={t('routing.placesHelp')} disabled={!canEdit} onChange={(e) => setRule(i, { provinces: e.target.value })} size={28} /></td>
                <td><input name={`rule-${i}-cities`} value={r.cities} disabled={!canEdit} onChange={(e) => setRule(i, { cities: e.target.value })} /></td>
                <td><input type="checkbox" checked={r.active} disabled={!canEdit} onChange={(e) => setRule(i, { active: e.target.checked })} /></td>
                <td>{canEdit && <button type="button" className="ghost" onClick={() => setRules(rules.filter((_, j) => j !== i))}>{t('routing.remove')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? <p>
          <button type="button" onClick={() => setRules([...rules, { name: '', warehouse: all[0]?.code ?? '', provinces: '', cities: '', active: true }])}>{t('routing.addRule')}</button>{' '}
          <button className="primary" type="submit">{t('common.save')}</button>
        </p> : <p className="muted">{t('routing.leadsOnly')}</p>}
        {msg && <div className={msg.ok ? 'alert' : 'alert error'}>{msg.text}</div>}
      </form>
      <Transfers />
    </div>
  );
}

/** Orders waiting for stock from another warehouse (or to buy in), newest first. */
export function Transfers() {
  const { t } = useTranslation();
  const list = useLoad(() => call('listTransfers', { query: {} }), []);
  useLiveReload((e) => e.entity === 'order', list.reload);
  const items = list.data?.items ?? [];
  return (
    <>
      <h3>{t('routing.transfers')}</h3>
      {items.length === 0 ? <p className="muted">{t('routing.noTransfers')}</p> : (
        <table className="table" data-testid="transfers">
          <thead><tr><th>{t('routing.order')}</th><th>{t('routing.sku')}</th><th className="num">{t('routing.qty')}</th><th>{t('routing.from')}</th><th>{t('routing.to')}</th></tr></thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.orderId + x.sku + (x.from ?? '')}>
                <td className="mono"><a href={`#/orders/${x.orderId}`}>{x.number}</a></td><td><span className="mono">{x.sku}</span> <span className="small muted">{x.name}</span></td>
                <td className="num">{x.qty}</td><td>{x.from ?? <span className="warn">{t('routing.buy')}</span>}</td><td>{x.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
