// One rule on screen: name, conditions (kind, comparison, values) and actions, edited without code.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ADDRESS_CHECKS, CONDITION_KINDS, HOLD_TYPES, LIST_KINDS, NUMERIC_KINDS, OPS, type Condition, type ConditionKind, type HoldType, type Rule, type RuleBody,
} from '../../../src-main/contract/rules';
import { useWarehouses } from '../dispatch/WarehousePicker';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { useCarrierName } from '../carriers/Carriers';

const words = (s: string) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);

/** A new condition of a kind, with what that kind needs filled in. */
function blank(kind: ConditionKind): Condition {
  if (NUMERIC_KINDS.includes(kind)) return { kind, op: 'gt', number: 0 };
  if (kind === 'sku') return { kind, values: [], lines: 'any' };
  if (kind === 'address') return { kind, check: 'pickup_point' };
  return LIST_KINDS.includes(kind) ? { kind, values: [] } : { kind };
}

function ConditionRow({ c, onChange, onRemove }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="rule-condition" data-testid="condition">
      <select name="kind" value={c.kind} onChange={(e) => onChange(blank(e.target.value as ConditionKind))}>
        {CONDITION_KINDS.map((k) => <option key={k} value={k}>{t(`rules.kinds.${k}`)}</option>)}
      </select>
      {NUMERIC_KINDS.includes(c.kind) && (
        <>
          <select name="op" value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as Condition['op'] })}>
            {OPS.map((o) => <option key={o} value={o}>{t(`rules.ops.${o}`)}</option>)}
          </select>
          <input name="number" type="number" min={0} step="any" value={c.number ?? 0} onChange={(e) => onChange({ ...c, number: Number(e.target.value) })} aria-label={t('rules.number')} />
        </>
      )}
      {c.kind === 'address' && (
        <select name="check" value={c.check} onChange={(e) => onChange({ ...c, check: e.target.value as Condition['check'] })}>
          {ADDRESS_CHECKS.map((k) => <option key={k} value={k}>{t(`rules.checks.${k}`)}</option>)}
        </select>
      )}
      {c.kind === 'sku' && (
        <select name="lines" value={c.lines} onChange={(e) => onChange({ ...c, lines: e.target.value as 'any' | 'all' })}>
          <option value="any">{t('rules.anyLine')}</option>
          <option value="all">{t('rules.allLines')}</option>
        </select>
      )}
      {(LIST_KINDS.includes(c.kind) || (c.kind === 'address' && c.check === 'pickup_point')) && (
        <input name="values" defaultValue={(c.values ?? []).join(', ')} placeholder={t('rules.values')} aria-label={t('rules.values')}
          onChange={(e) => onChange({ ...c, values: words(e.target.value).length ? words(e.target.value) : undefined })} />
      )}
      <button type="button" className="ghost" onClick={onRemove}>{t('rules.remove')}</button>
    </div>
  );
}

/**
 * `onSave` rejects with the core's refusal: the editor says it beside Save, each field called by its
 * label here, and drops it as soon as a field is edited (it is about what was there then).
 */
export function RuleEditor({ rule, onSave, onCancel }: { rule: Rule | null; onSave: (r: RuleBody) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(rule?.name ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [match, setMatch] = useState<'all' | 'any'>(rule?.match ?? 'all');
  const [conditions, setConditions] = useState<Condition[]>(rule?.conditions ?? [blank('channel')]);
  const a = rule?.actions;
  const [hold, setHold] = useState<HoldType | ''>(a?.hold?.type ?? '');
  const [releaseAfter, setReleaseAfter] = useState(a?.hold?.releaseAfterMinutes ? String(a.hold.releaseAfterMinutes) : '');
  const [whenClear, setWhenClear] = useState(a?.hold?.releaseWhenClear ?? false);
  const [warehouse, setWarehouse] = useState(a?.warehouse ?? '');
  const warehouses = useWarehouses().data?.items ?? [];
  const [carrier, setCarrier] = useState(a?.carrier ?? '');
  // the shop's active carriers: a rule can only set one the shop has (the core refuses any other)
  const carriers = useLoad(() => call('listCarriers', { query: {} }), []).data?.items ?? [];
  const carrierName = useCarrierName();
  const [service, setService] = useState(a?.service ?? '');
  const [priority, setPriority] = useState(a?.priority === undefined ? '' : String(a.priority));
  const [tags, setTags] = useState((a?.tags ?? []).join(', '));
  const [note, setNote] = useState(a?.packerNote ?? '');
  const [stop, setStop] = useState(a?.stop ?? false);

  // The API's paths as this form labels them ("conditions.1.values" is Condition 2's values).
  const labels: Record<string, string> = {
    name: t('rules.name'), match: t('rules.match'), conditions: t('rules.conditions'), actions: t('rules.actions'),
    'actions.hold': t('rules.hold'), 'actions.hold.releaseAfterMinutes': t('rules.releaseAfter'), 'actions.warehouse': t('rules.warehouse'),
    'actions.carrier': t('rules.carrier'), 'actions.service': t('rules.service'), 'actions.priority': t('rules.priority'), 'actions.tags': t('rules.tags'),
    'actions.packerNote': t('rules.packerNote'),
    ...Object.fromEntries(conditions.flatMap((_, i) => {
      const n = t('rules.conditionN', { n: i + 1 });
      return [[`conditions.${i}`, n], [`conditions.${i}.values`, `${n}: ${t('rules.values')}`], [`conditions.${i}.number`, `${n}: ${t('rules.number')}`], [`conditions.${i}.check`, `${n}: ${t('rules.check')}`]];
    })),
  };
  const save = () => {
    setError(null);
    // A rule without a name is refused here, in the person's language (the core's words are zod's).
    if (!name.trim()) return setError(`${t('rules.name')}: ${t('rules.nameNeeded')}`);
    onSave(body()).catch((e: unknown) => setError(failureText(e, labels)));
  };
  const body = (): RuleBody => ({
    name, enabled, match, conditions, expectedVersion: rule?.version,
    actions: {
      hold: hold ? { type: hold, releaseAfterMinutes: releaseAfter ? Number(releaseAfter) : undefined, releaseWhenClear: whenClear || undefined } : undefined,
      warehouse: warehouse || undefined, carrier: carrier.trim() || undefined, service: service.trim() || undefined, priority: priority === '' ? undefined : Number(priority),
      tags: words(tags).length ? words(tags) : undefined, packerNote: note.trim() || undefined, stop: stop || undefined,
    },
  });

  return (
    <form className="rule-editor card" data-testid="rule-editor" onSubmit={(e) => (e.preventDefault(), save())} onChange={() => setError(null)}>
      <div className="row">
        <label>{t('rules.name')}<input name="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus /></label>
        <label className="check"><input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('rules.enabled')}</label>
        <label>{t('rules.match')}
          <select name="match" value={match} onChange={(e) => setMatch(e.target.value as 'all' | 'any')}>
            <option value="all">{t('rules.matchAll')}</option>
            <option value="any">{t('rules.matchAny')}</option>
          </select>
        </label>
      </div>
      <h4>{t('rules.conditions')}</h4>
      {conditions.map((c, i) => (
        <ConditionRow key={i} c={c} onChange={(n) => setConditions(conditions.map((x, j) => (j === i ? n : x)))} onRemove={() => (setError(null), setConditions(conditions.filter((_, j) => j !== i)))} />
      ))}
      <button type="button" className="secondary" onClick={() => (setError(null), setConditions([...conditions, blank('amount')]))}>{t('rules.addCondition')}</button>
      <h4>{t('rules.actions')}</h4>
      <div className="row wrap">
        <label>{t('rules.hold')}
          <select name="hold" value={hold} onChange={(e) => setHold(e.target.value as HoldType | '')}>
            <option value="">{t('rules.noHold')}</option>
            {HOLD_TYPES.map((h) => <option key={h} value={h}>{t(`rules.holdTypes.${h}`)}</option>)}
          </select>
        </label>
        {hold && <label>{t('rules.releaseAfter')}<input name="releaseAfter" type="number" min={1} value={releaseAfter} onChange={(e) => setReleaseAfter(e.target.value)} /></label>}
        {hold && <label className="check"><input type="checkbox" name="releaseWhenClear" checked={whenClear} onChange={(e) => setWhenClear(e.target.checked)} /> {t('rules.releaseWhenClear')}</label>}
        <label>{t('rules.warehouse')}
          <select className="wh-select" name="warehouse" value={warehouse} onChange={(e) => setWarehouse(e.target.value)}>
            <option value="">{t('rules.routingDecides')}</option>
            {warehouses.filter((w) => w.active || w.code === warehouse).map((w) => <option key={w.id} value={w.code}>{w.name} ({w.code})</option>)}
          </select>
        </label>
        <label>{t('rules.carrier')}
          <select name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)}>
            <option value="">{t('rules.keepCarrier')}</option>
            {carriers.filter((c) => c.active || c.code === carrier).map((c) => <option key={c.code} value={c.code}>{carrierName(c)} ({c.code})</option>)}
            {carrier && !carriers.some((c) => c.code === carrier) && <option value={carrier}>{carrier}</option>}
          </select>
        </label>
        <label>{t('rules.service')}<input name="service" value={service} onChange={(e) => setService(e.target.value)} /></label>
        <label>{t('rules.priority')}<input name="priority" type="number" min={0} max={9} value={priority} onChange={(e) => setPriority(e.target.value)} /></label>
        <label>{t('rules.tags')}<input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} /></label>
        <label className="wide">{t('rules.packerNote')}<input name="packerNote" value={note} onChange={(e) => setNote(e.target.value)} /></label>
        <label className="check"><input type="checkbox" name="stop" checked={stop} onChange={(e) => setStop(e.target.checked)} /> {t('rules.stop')}</label>
      </div>
      {error && <div className="alert error" role="alert" data-testid="rule-error">{error}</div>}
      <div className="actions">
        <button className="primary" type="submit">{t('rules.save')}</button>
        <button type="button" className="ghost" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
