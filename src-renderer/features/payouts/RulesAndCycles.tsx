import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAUSES, type Cause, type CauseRule, type ChannelCycle } from '../../../src-main/contract/payouts';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** Finance's rules that make routine differences expected, and each channel's settlement cycle. */
export function RulesAndCycles({ canWrite, onChange }: { canWrite: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const rules = useLoad(() => call('listCauseRules'), []);
  const cycles = useLoad(() => call('listChannelCycles'), []);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      rules.reload();
      cycles.reload();
      onChange();
    } catch (e) {
      setError(failureText(e, {
        channel: t('money.rules.channel'), cause: t('money.cols.cause'), maxPercent: t('money.rules.maxPercent'), maxFen: t('money.rules.maxFen'), note: t('money.rules.note'),
        'path.channel': t('money.rules.channel'), cycleDays: t('money.rules.cycleDays'), cycleLabel: t('money.rules.cycleLabel'),
      }));
    }
  };
  const limit = (r: CauseRule) => [r.maxPercent !== null ? `${r.maxPercent}%` : null, r.maxFen !== null ? `${(r.maxFen / 100).toFixed(2)}` : null].filter(Boolean).join(' / ');
  return (
    <div className="settings" data-testid="rules">
      <h3>{t('money.rules.title')}</h3>
      <ul className="history">
        {(rules.data?.items ?? []).map((r) => (
          <li key={r.id}>
            {t('money.rules.describe', { cause: t(`money.cause.${r.cause}`), limit: limit(r), channel: r.channel ?? t('money.rules.anyChannel') })}
            {r.note ? <span className="reason-text">{r.note}</span> : null}
            {canWrite && <button className="ghost" onClick={() => void run(() => call('deleteCauseRule', { params: { id: String(r.id) } }))}>{t('money.rules.remove')}</button>}
          </li>
        ))}
      </ul>
      {canWrite && <RuleForm onAdd={(body) => run(() => call('createCauseRule', { body }))} />}
      <h3>{t('money.rules.cycles')}</h3>
      <table className="table compact">
        <thead><tr><th>{t('money.rules.channel')}</th><th>{t('money.rules.cycleLabel')}</th><th className="num">{t('money.rules.cycleDays')}</th><th className="num">{t('money.rules.tolerance')}</th><th className="num">{t('money.rules.window')}</th></tr></thead>
        <tbody>
          {(cycles.data?.items ?? []).map((c) => <tr key={c.channel}><td>{c.channel}</td><td>{c.cycleLabel}</td><td className="num">{c.cycleDays}</td><td className="num">{c.toleranceFen}</td><td className="num">{c.windowHours}</td></tr>)}
        </tbody>
      </table>
      {canWrite && <CycleForm onSave={(c) => run(() => call('putChannelCycle', { params: { channel: c.channel }, body: { cycleDays: c.cycleDays, cycleLabel: c.cycleLabel } }))} />}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}

function RuleForm({ onAdd }: { onAdd: (body: { channel: string | null; cause: Cause; maxPercent: number | null; maxFen: number | null; note?: string }) => Promise<void> }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState('');
  const [cause, setCause] = useState<Cause>('fee');
  const [pct, setPct] = useState('');
  const [fen, setFen] = useState('');
  const [note, setNote] = useState('');
  return (
    <form className="form range-form" onSubmit={(e) => (e.preventDefault(), void onAdd({ channel: channel.trim() || null, cause, maxPercent: pct ? Number(pct) : null, maxFen: fen ? Number(fen) : null, note: note.trim() || undefined }))}>
      <label>{t('money.rules.channel')}<input name="channel" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder={t('money.rules.anyChannel')} /></label>
      <label>{t('money.cols.cause')}<select value={cause} onChange={(e) => setCause(e.target.value as Cause)}>{CAUSES.map((c) => <option key={c} value={c}>{t(`money.cause.${c}`)}</option>)}</select></label>
      <label>{t('money.rules.maxPercent')}<input name="maxPercent" inputMode="decimal" value={pct} onChange={(e) => setPct(e.target.value)} /></label>
      <label>{t('money.rules.maxFen')}<input name="maxFen" inputMode="numeric" value={fen} onChange={(e) => setFen(e.target.value)} /></label>
      <label>{t('money.rules.note')}<input name="note" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('money.rules.example')} /></label>
      <button className="primary" type="submit">{t('money.rules.add')}</button>
    </form>
  );
}

function CycleForm({ onSave }: { onSave: (c: Pick<ChannelCycle, 'channel' | 'cycleDays' | 'cycleLabel'>) => Promise<void> }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState('');
  const [days, setDays] = useState('3');
  const [label, setLabel] = useState('');
  return (
    <form className="form range-form" onSubmit={(e) => (e.preventDefault(), void onSave({ channel: channel.trim(), cycleDays: Number(days), cycleLabel: label.trim() || `T+${days}` }))}>
      <label>{t('money.rules.channel')}<input name="cycleChannel" value={channel} onChange={(e) => setChannel(e.target.value)} /></label>
      <label>{t('money.rules.cycleDays')}<input name="cycleDays" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} /></label>
      <label>{t('money.rules.cycleLabel')}<input name="cycleLabel" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={`T+${days}`} /></label>
      <button className="primary" type="submit">{t('money.rules.save')}</button>
    </form>
  );
}
