import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedWaveRule, WavePreview, WaveRule } from '../../../src-main/contract/waves';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import { EMPTY_DRAFT, draftOf, ruleOf, type RuleDraft } from './rule-form';
import { useWarehouses } from '../dispatch/WarehousePicker';

/** Build a wave by rule: pick or edit a rule, save it under a name, preview, release to a bench. */
export function Planner({ benches, warehouse }: { benches: string[]; warehouse?: string }) {
  const { t } = useTranslation();
  const rules = useLoad(() => call('listWaveRules'), []);
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_DRAFT);
  const [saved, setSaved] = useState<SavedWaveRule | null>(null);
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<WavePreview | null>(null);
  const [bench, setBench] = useState('');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string; skipped?: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  // "All warehouses" shows every warehouse's waves, but a wave is planned in one.
  const warehouses = useWarehouses();
  const mustPick = !warehouse && (warehouses.data?.items.filter((w) => w.active).length ?? 0) > 1;

  // A preview belongs to the rule it was made for: any change to the rule clears it.
  useEffect(() => setPreview(null), [draft]);

  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const pick = (r: SavedWaveRule | null) => {
    setSaved(r);
    setName(r?.name ?? '');
    setDraft(r ? draftOf(r.rule) : EMPTY_DRAFT);
    setMsg(null);
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setMsg(null);
    try {
      await fn();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e, {
        name: t('waves.ruleName'), 'rule.group': t('waves.groupBy'),
        'rule.filter.channels': t('waves.channels'), 'rule.filter.carriers': t('waves.carriers'), 'rule.filter.zones': t('waves.zones'),
        'rule.filter.shipByWithinHours': t('waves.withinHours'), 'rule.filter.shipByBefore': t('waves.shipByBefore'), 'rule.filter.minPriority': t('waves.minPriority'),
        'rule.filter.containsSku': t('waves.containsSku'), 'rule.caps.orders': t('waves.capOrders'), 'rule.caps.slots': t('waves.capSlots'),
        'rule.caps.units': t('waves.capUnits'), 'rule.caps.weightG': t('waves.capWeight'),
      }) });
    } finally {
      setBusy(false);
    }
  };
  // A wave is in one warehouse: the one picked on the console.
  const rule = () => {
    const r = ruleOf(draft) as WaveRule;
    return warehouse ? { ...r, filter: { ...r.filter, warehouse } } : r;
  };

  const doPreview = () => run(async () => setPreview(await call('previewWaves', { body: { rule: rule() } })));
  const save = () => run(async () => {
    const body = { name: name.trim(), rule: rule() };
    const r = saved && saved.name === body.name ? await call('updateWaveRule', { params: { id: saved.id }, body }) : await call('createWaveRule', { body });
    setSaved(r);
    rules.reload();
    setMsg({ kind: 'ok', text: t('waves.ruleSaved', { name: r.name }) });
  });
  const remove = () => run(async () => {
    if (!saved) return;
    await call('deleteWaveRule', { params: { id: saved.id } });
    pick(null);
    rules.reload();
  });
  const release = () => run(async () => {
    if (!preview) return;
    const r = await call('releaseWaves', {
      body: {
        rule: rule(), ruleId: saved?.id, name: name.trim() || undefined, benchId: bench.trim() || undefined,
        waves: preview.waves.map((w) => ({ orderIds: w.orderIds })),
      },
    });
    setPreview(null);
    setMsg({
      kind: 'ok',
      text: t('waves.released', { count: r.waves.length, numbers: r.waves.map((w) => w.number).join(', ') }),
      skipped: r.skipped.map((s) => `${s.number ?? s.orderId}: ${s.reason}`),
    });
    if (r.waves[0] && r.skipped.length === 0) window.location.hash = `#/waves/${r.waves[0].id}`;
  });

  const total = preview?.waves.reduce((a, w) => ({ orders: a.orders + w.orders, units: a.units + w.units }), { orders: 0, units: 0 });
  return (
    <div className="planner" data-testid="planner">
      <h2>{t('waves.build')}</h2>
      <div className="chips" role="group" aria-label={t('waves.savedRules')}>
        <button className={saved === null ? 'chip on' : 'chip'} onClick={() => pick(null)}>{t('waves.newRule')}</button>
        {(rules.data?.items ?? []).map((r) => (
          <button key={r.id} className={saved?.id === r.id ? 'chip on' : 'chip'} onClick={() => pick(r)} data-rule={r.name}>{r.name}</button>
        ))}
      </div>

      {mustPick && <div className="alert warning" data-testid="planner-pick-warehouse">{t('waves.pickWarehouse')}</div>}
      <form className="rule-form" onSubmit={(e) => (e.preventDefault(), void doPreview())}>
        <fieldset>
          <legend>{t('waves.take')}</legend>
          <label className="check"><input type="checkbox" checked={draft.allocated} onChange={(e) => set('allocated', e.target.checked)} /> {t('states.allocated')}</label>
          <label className="check"><input type="checkbox" checked={draft.ready} onChange={(e) => set('ready', e.target.checked)} /> {t('waves.readyToo')}</label>
          <label>{t('waves.carriers')}<input name="carriers" value={draft.carriers} onChange={(e) => set('carriers', e.target.value)} placeholder="sf, zto" /></label>
          <label>{t('waves.channels')}<input name="channels" value={draft.channels} onChange={(e) => set('channels', e.target.value)} placeholder="taobao, jd" /></label>
          <label>{t('waves.zones')}<input name="zones" value={draft.zones} onChange={(e) => set('zones', e.target.value)} placeholder="A, B" /></label>
          <label>{t('waves.withinHours')}<input name="withinHours" type="number" min="0" step="1" value={draft.withinHours} onChange={(e) => set('withinHours', e.target.value)} /></label>
          <label>{t('waves.shipByBefore')}<input name="shipByBefore" type="datetime-local" value={draft.shipByBefore} onChange={(e) => set('shipByBefore', e.target.value)} /></label>
          <label>{t('waves.minPriority')}<input name="minPriority" type="number" min="0" max="9" value={draft.minPriority} onChange={(e) => set('minPriority', e.target.value)} /></label>
          <label>{t('waves.containsSku')}<input name="containsSku" value={draft.containsSku} onChange={(e) => set('containsSku', e.target.value)} /></label>
          <label className="check"><input type="checkbox" name="singleUnit" checked={draft.singleUnit} onChange={(e) => set('singleUnit', e.target.checked)} /> {t('waves.singleUnit')}</label>
        </fieldset>
        <fieldset>
          <legend>{t('waves.groupAndCaps')}</legend>
          <label>{t('waves.groupBy')}
            <select name="group" value={draft.group} onChange={(e) => set('group', e.target.value as RuleDraft['group'])}>
              <option value="none">{t('waves.group.none')}</option>
              <option value="carrier">{t('waves.group.carrier')}</option>
              <option value="zone">{t('waves.group.zone')}</option>
            </select>
          </label>
          <label>{t('waves.capOrders')}<input name="capOrders" type="number" min="1" value={draft.capOrders} onChange={(e) => set('capOrders', e.target.value)} /></label>
          <label>{t('waves.capSlots')}<input name="capSlots" type="number" min="1" value={draft.capSlots} onChange={(e) => set('capSlots', e.target.value)} /></label>
          <label>{t('waves.capUnits')}<input name="capUnits" type="number" min="1" value={draft.capUnits} onChange={(e) => set('capUnits', e.target.value)} /></label>
          <label>{t('waves.capWeight')}<input name="capWeightKg" type="number" min="0.1" step="0.1" value={draft.capWeightKg} onChange={(e) => set('capWeightKg', e.target.value)} /></label>
        </fieldset>
        <div className="actions">
          <button className="primary" type="submit" disabled={busy || mustPick}>{t('waves.preview')}</button>
          <input name="ruleName" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('waves.ruleName')} />
          <button type="button" className="secondary" disabled={busy || !name.trim()} onClick={() => void save()}>{t('waves.saveRule')}</button>
          {saved && <button type="button" className="ghost" disabled={busy} onClick={() => void remove()}>{t('waves.deleteRule')}</button>}
        </div>
      </form>

      {msg && (
        <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>
          {msg.text}
          {msg.skipped && msg.skipped.length > 0 && (
            <><div>{t('waves.skipped', { count: msg.skipped.length })}</div><ul className="small">{msg.skipped.map((s) => <li key={s}>{s}</li>)}</ul></>
          )}
        </div>
      )}

      {preview && (
        <div className="preview" data-testid="wave-preview">
          <h3>{t('waves.previewTitle')}</h3>
          <div className="muted small">{t('waves.poolLine', { pool: preview.pool, eligible: preview.eligible, leftOver: preview.leftOver })}</div>
          {preview.waves.length === 0 ? <div className="empty">{t('waves.nothing')}</div> : (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('waves.groupCol')}</th><th className="num">{t('waves.orders')}</th><th className="num">{t('waves.units')}</th><th className="num">{t('waves.pickLines')}</th>
                  <th className="num">{t('waves.walking')}</th><th className="num">{t('waves.weight')}</th><th>{t('waves.earliest')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.waves.map((w, i) => (
                  <tr key={i}>
                    <td>{w.group === null ? '—' : w.group === '*' ? t('waves.severalZones') : w.group}{w.singleUnit ? <span className="badge tag">{t('waves.singles')}</span> : null}</td>
                    <td className="num">{w.orders}</td><td className="num">{w.units}</td><td className="num">{w.pickLines}</td>
                    <td className="num">{Math.round(w.walkingM)} m</td>
                    <td className="num">{(w.weightG / 1000).toFixed(1)} kg{w.weightUnknown ? '*' : ''}</td>
                    <td className="nowrap">{formatTime(w.earliestShipBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.waves.length > 0 && (
            <div className="actions release">
              <label>{t('waves.bench')}
                <input name="bench" list="bench-ids" value={bench} onChange={(e) => setBench(e.target.value)} placeholder={t('waves.anyBench')} />
                <datalist id="bench-ids">{benches.map((b) => <option key={b} value={b} />)}</datalist>
              </label>
              <button className="primary big" disabled={busy} onClick={() => void release()} data-testid="release">
                {t('waves.release', { count: preview.waves.length, orders: total!.orders, units: total!.units })}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
