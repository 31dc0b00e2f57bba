import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickPathSettings } from '../../../src-main/contract/locations';
import type { Role } from '../../../src-main/contract/people';
import type { Settings as ShopSettings } from '../../../src-main/contract/settings';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** Settings -> Waves: carrier cut-off times, how bin codes are read, and the walking order of the bins. */
export function SettingsWaves({ role }: { role: Role }) {
  const { t } = useTranslation();
  const settings = useLoad(() => call('getSettings'), []);
  const admin = role === 'admin';
  const [cutoffs, setCutoffs] = useState<[string, string][]>([]);
  const [path, setPath] = useState<PickPathSettings | null>(null);
  // Each form answers beside its own Save button, the fields called as the form labels them.
  const [msg, setMsg] = useState<{ form: 'cutoffs' | 'path'; kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setCutoffs(Object.entries(settings.data.carrierCutoffs).sort((a, b) => a[1].localeCompare(b[1])));
    setPath(settings.data.pickPath);
  }, [settings.data]);

  const labels = {
    carrierCutoffs: t('waves.settings.cutoffs'),
    'pickPath.pattern': t('waves.settings.pattern'),
    'pickPath.aisleSpacingM': t('waves.settings.aisleSpacing'),
    'pickPath.bayWidthM': t('waves.settings.bayWidth'),
    'pickPath.zoneGapM': t('waves.settings.zoneGap'),
  };
  const save = async (form: 'cutoffs' | 'path', body: Partial<ShopSettings>) => {
    setMsg(null);
    try {
      await call('putSettings', { body });
      setMsg({ form, kind: 'ok', text: t('common.saved') });
      settings.reload();
    } catch (e) {
      setMsg({ form, kind: 'error', text: failureText(e, labels) });
    }
  };
  const answer = (form: 'cutoffs' | 'path') => msg?.form === form && (
    <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid={`${form}-answer`}>{msg.text}</div>
  );
  const setRow = (i: number, k: 0 | 1, v: string) => setCutoffs((rows) => rows.map((r, j) => (j === i ? (k === 0 ? [v, r[1]] : [r[0], v]) : r)));

  return (
    <div className="settings-waves">
      <h2>{t('waves.settings.cutoffs')}</h2>
      <p className="muted small">{t('waves.settings.cutoffsHint')}</p>
      <fieldset disabled={!admin} className="cutoff-form" data-testid="cutoff-form">
        {cutoffs.map(([carrier, time], i) => (
          <div key={i} className="row">
            <input name={`carrier-${i}`} value={carrier} onChange={(e) => setRow(i, 0, e.target.value.trim().toLowerCase())} placeholder="sf" />
            <input name={`time-${i}`} type="time" value={time} onChange={(e) => setRow(i, 1, e.target.value)} />
            <button type="button" className="ghost" onClick={() => setCutoffs((rows) => rows.filter((_r, j) => j !== i))}>{t('waves.settings.remove')}</button>
          </div>
        ))}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setCutoffs((rows) => [...rows, ['', '17:00']])}>{t('waves.settings.addCarrier')}</button>
          {admin && <button type="button" className="primary" onClick={() => void save('cutoffs', { carrierCutoffs: Object.fromEntries(cutoffs.filter(([c]) => c)) })}>{t('common.save')}</button>}
        </div>
        {answer('cutoffs')}
      </fieldset>

      {path && (
        <>
          <h2>{t('waves.settings.walkingPath')}</h2>
          <p className="muted small">{t('waves.settings.patternHint')}</p>
          <fieldset disabled={!admin} className="form">
            <label className="wide">{t('waves.settings.pattern')}<input className="mono" name="pattern" value={path.pattern} onChange={(e) => setPath({ ...path, pattern: e.target.value })} /></label>
            <label>{t('waves.settings.aisleSpacing')}<input type="number" step="0.1" value={path.aisleSpacingM} onChange={(e) => setPath({ ...path, aisleSpacingM: Number(e.target.value) })} /></label>
            <label>{t('waves.settings.bayWidth')}<input type="number" step="0.1" value={path.bayWidthM} onChange={(e) => setPath({ ...path, bayWidthM: Number(e.target.value) })} /></label>
            <label>{t('waves.settings.zoneGap')}<input type="number" step="1" value={path.zoneGapM} onChange={(e) => setPath({ ...path, zoneGapM: Number(e.target.value) })} /></label>
            <div className="form-answer-line">
              {admin && <button className="primary" onClick={(e) => (e.preventDefault(), void save('path', { pickPath: path }))}>{t('common.save')}</button>}
              {answer('path')}
            </div>
          </fieldset>
        </>
      )}
      <WalkingOrder canEdit={role === 'admin' || role === 'lead'} />
    </div>
  );
}

/** Every bin in walking order; a lead gives a bin a custom sequence to walk it elsewhere. */
function WalkingOrder({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const stops = useLoad(() => call('walkingOrder'), []);
  const [q, setQ] = useState('');
  const [edit, setEdit] = useState<{ code: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = async (code: string, sequence: number | null) => {
    setError(null);
    try {
      await call('setLocationSequence', { params: { code }, body: { sequence } });
      setEdit(null);
      stops.reload();
    } catch (e) {
      setError(failureText(e, { sequence: `${t('waves.settings.sequence')} (${code})` }));
    }
  };
  const all = stops.data?.items ?? [];
  const shown = all.filter((s) => !q || s.code.toLowerCase().includes(q.toLowerCase())).slice(0, 200);
  return (
    <>
      <h2>{t('waves.settings.walkingOrder')}</h2>
      <p className="muted small">{t('waves.settings.walkingOrderHint', { count: all.length })}</p>
      <input name="binFilter" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('waves.settings.findBin')} />
      {error && <div className="alert error" role="alert">{error}</div>}
      <table className="table compact walking" data-testid="walking-order">
        <thead><tr><th className="num">{t('waves.settings.sequence')}</th><th>{t('orders.location')}</th><th>{t('waves.settings.zone')}</th><th>{t('waves.settings.aisle')}</th><th>{t('waves.settings.bay')}</th><th>{t('waves.settings.level')}</th><th /></tr></thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.code} className={s.custom ? 'custom' : ''}>
              <td className="num">{s.sequence}{s.custom ? ' *' : ''}</td><td className="mono">{s.code}</td><td>{s.zone ?? ''}</td><td>{s.aisle ?? ''}</td><td>{s.bay ?? ''}</td><td>{s.level ?? ''}</td>
              <td>
                {canEdit && (edit?.code === s.code ? (
                  <form className="reason" onSubmit={(e) => (e.preventDefault(), void set(s.code, Number(edit.value)))}>
                    <input autoFocus type="number" min="0" name="sequence" value={edit.value} onChange={(e) => setEdit({ code: s.code, value: e.target.value })} />
                    <button className="primary" type="submit" disabled={edit.value === ''}>{t('common.save')}</button>
                    <button type="button" className="ghost" onClick={() => setEdit(null)}>{t('common.cancel')}</button>
                  </form>
                ) : (
                  <>
                    <button className="ghost" onClick={() => setEdit({ code: s.code, value: String(s.sequence) })}>{t('waves.settings.setSequence')}</button>
                    {s.custom && <button className="ghost" onClick={() => void set(s.code, null)}>{t('waves.settings.clearSequence')}</button>}
                  </>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
