import type { WaveRule, WaveRuleInput } from '../../../src-main/contract/waves';

// The rule editor works on strings (what the inputs hold); these turn them into a rule and back.

export interface RuleDraft {
  allocated: boolean;
  ready: boolean;
  channels: string;
  carriers: string;
  zones: string;
  withinHours: string;
  /** datetime-local value, local time */
  shipByBefore: string;
  minPriority: string;
  singleUnit: boolean;
  containsSku: string;
  group: WaveRule['group'];
  capOrders: string;
  capUnits: string;
  capWeightKg: string;
  capSlots: string;
}

export const EMPTY_DRAFT: RuleDraft = {
  allocated: true, ready: false, channels: '', carriers: '', zones: '', withinHours: '', shipByBefore: '', minPriority: '', singleUnit: false, containsSku: '',
  group: 'none', capOrders: '', capUnits: '', capWeightKg: '', capSlots: '24',
};

const list = (s: string) => s.split(/[\s,，]+/).map((x) => x.trim()).filter(Boolean);
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function ruleOf(d: RuleDraft): WaveRuleInput {
  const states = [...(d.ready ? (['ready'] as const) : []), ...(d.allocated ? (['allocated'] as const) : [])];
  const kg = num(d.capWeightKg);
  return {
    filter: {
      states: states.length ? states : ['allocated'],
      ...(list(d.channels).length ? { channels: list(d.channels) } : {}),
      ...(list(d.carriers).length ? { carriers: list(d.carriers) } : {}),
      ...(list(d.zones).length ? { zones: list(d.zones) } : {}),
      ...(num(d.withinHours) !== undefined ? { shipByWithinHours: num(d.withinHours) } : {}),
      ...(d.shipByBefore && !Number.isNaN(Date.parse(d.shipByBefore)) ? { shipByBefore: new Date(d.shipByBefore).toISOString() } : {}),
      ...(num(d.minPriority) !== undefined ? { minPriority: num(d.minPriority) } : {}),
      ...(d.singleUnit ? { singleUnit: true } : {}),
      ...(d.containsSku.trim() ? { containsSku: d.containsSku.trim() } : {}),
    },
    group: d.group,
    caps: {
      ...(num(d.capOrders) !== undefined ? { orders: num(d.capOrders) } : {}),
      ...(num(d.capUnits) !== undefined ? { units: num(d.capUnits) } : {}),
      ...(kg !== undefined ? { weightG: Math.round(kg * 1000) } : {}),
      ...(num(d.capSlots) !== undefined ? { slots: num(d.capSlots) } : {}),
    },
  };
}

export function draftOf(r: WaveRule): RuleDraft {
  const f = r.filter;
  const s = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    allocated: f.states.includes('allocated'), ready: f.states.includes('ready'),
    channels: (f.channels ?? []).join(', '), carriers: (f.carriers ?? []).join(', '), zones: (f.zones ?? []).join(', '),
    withinHours: s(f.shipByWithinHours), shipByBefore: f.shipByBefore ? localInput(f.shipByBefore) : '', minPriority: s(f.minPriority), singleUnit: !!f.singleUnit, containsSku: f.containsSku ?? '',
    group: r.group, capOrders: s(r.caps.orders), capUnits: s(r.caps.units), capWeightKg: r.caps.weightG === undefined ? '' : String(r.caps.weightG / 1000), capSlots: s(r.caps.slots),
  };
}

/** ISO time -> the value of a datetime-local input (local wall time, minutes). */
function localInput(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
