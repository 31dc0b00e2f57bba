// The escalation limits and the presale products (the day each supplier promised stock).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleLimits } from '../../../src-main/contract/rules';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

export function RuleLimitsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const limits = useLoad(() => call('ruleLimits'), []);
  const presale = useLoad(() => call('presaleSkus'), []);
  const [draft, setDraft] = useState<RuleLimits | null>(null);
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(limits.data), [limits.data]);
  useEffect(() => setText((presale.data?.items ?? []).map((p) => `${p.sku} ${p.stockDate}`).join('\n')), [presale.data]);
  if (!draft) return null;

  const save = async () => {
    setMsg(null);
    // each presale line sent, with its line number in the box (blank lines are not sent)
    const lines = text.split('\n').map((l, row) => ({ l: l.trim(), row })).filter(({ l }) => l);
    try {
      const items = lines.map(({ l }) => {
        const [sku = '', stockDate = ''] = l.split(/\s+/);
        return { sku, stockDate };
      });
      await call('putRuleLimits', { body: draft });
      await call('putPresaleSkus', { body: { items } });
      setMsg({ ok: true, text: t('common.saved') });
    } catch (x) {
      setMsg({ ok: false, text: failureText(x, {
        unassignedMinutes: t('ruleLimits.unassigned'), conflictWindowSeconds: t('ruleLimits.window'),
        ...Object.fromEntries(Object.keys(draft.stuckMinutes).map((s) => [`stuckMinutes.${s}`, t('ruleLimits.stuck', { state: t(`states.${s}`) })])),
        ...Object.fromEntries(lines.map(({ row }, i) => [`items.${i}`, `${t('ruleLimits.presale')} ${row + 1}`])),
      }) });
    }
  };
  const stuck = draft.stuckMinutes;
  type Stuck = keyof typeof stuck;
  return (
    <form className="rule-limits card" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h3>{t('ruleLimits.title')}</h3>
      <div className="row wrap">
        <label>{t('ruleLimits.unassigned')}<input type="number" min={1} name="unassignedMinutes" value={draft.unassignedMinutes} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, unassignedMinutes: Number(e.target.value) })} /></label>
        {(Object.keys(stuck) as Stuck[]).map((s) => (
          <label key={s}>{t('ruleLimits.stuck', { state: t(`states.${s}`) })}<input type="number" min={1} value={stuck[s]} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, stuckMinutes: { ...stuck, [s]: Number(e.target.value) } })} /></label>
        ))}
        <label>{t('ruleLimits.window')}<input type="number" min={1} value={draft.conflictWindowSeconds} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, conflictWindowSeconds: Number(e.target.value) })} /></label>
      </div>
      <h3>{t('ruleLimits.presale')}</h3>
      <p className="muted small">{t('ruleLimits.presaleHint')}</p>
      <textarea name="presale" rows={4} value={text} disabled={!canEdit} onChange={(e) => setText(e.target.value)} />
      {canEdit && <div className="actions"><button className="primary" type="submit">{t('common.save')}</button></div>}
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="alert">{msg.text}</div>}
    </form>
  );
}
