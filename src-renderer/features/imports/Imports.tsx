// The Import screen: a shop's order export (CSV or Excel) in three steps: the file (its encoding
// and first rows), the columns (a saved mapping, or a marketplace's preset saved once), then the
// import with a progress bar and its report, which downloads as CSV or Excel.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_FIELDS, type CsvField, type CsvMappingInput, type ImportRun } from '../../../src-main/contract/imports';
import { routeUrl } from '../../../src-main/contract/client';
import { call, failureText, saidText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import './imports.css';

type Preview = Awaited<ReturnType<typeof call<'previewCsv'>>>;
type Columns = CsvMappingInput['columns'];

/** Fields a mapping must have (the core refuses a mapping without them). */
const REQUIRED: CsvField[] = ['externalId', 'qty'];
/** How often the screen asks how far an import is. */
const POLL_MS = 300;

/** Every mapped column is in the file: the mapping fits it. */
const fits = (columns: Columns, headers: string[]) => Object.values(columns).every((c) => headers.includes(c!));

export function Imports({ id }: { id?: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved = useLoad(() => call('listCsvMappings'), []);
  const presets = useLoad(() => call('importPresets'), []);
  const runs = useLoad(() => call('listImports'), []);
  // the mapping being used: a saved one by name, or a draft (from a preset or by hand) to save first
  const [chosen, setChosen] = useState<string>('');
  const [draft, setDraft] = useState<CsvMappingInput>({ name: '', channel: '', columns: {}, defaults: {} });
  const [run, setRun] = useState<ImportRun | null>(null);

  const savedMappings = saved.data?.items ?? [];
  const isSaved = savedMappings.some((m) => m.name === chosen);

  const pick = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setRun(null);
    setError(null);
    if (!f) return;
    try {
      const p = await call('previewCsv', { body: f as unknown as string });
      setPreview(p);
      // A saved mapping that fits the file first, else a preset that does.
      const fitsSaved = savedMappings.find((m) => fits(m.columns, p.headers));
      const fitsPreset = presets.data?.items.find((m) => fits(m.columns, p.headers));
      if (fitsSaved) choose(fitsSaved.name);
      else if (fitsPreset) setDraftFrom(fitsPreset);
    } catch (e) {
      setError(failureText(e));
    }
  };
  const choose = (name: string) => {
    setChosen(name);
    const m = savedMappings.find((x) => x.name === name) ?? presets.data?.items.find((x) => x.name === name);
    if (m) setDraft({ name: m.name, channel: m.channel, columns: { ...m.columns }, defaults: { ...m.defaults } });
  };
  const setDraftFrom = (m: CsvMappingInput) => {
    setChosen('');
    setDraft({ name: savedMappings.some((x) => x.name === m.name) ? `${m.name} (2)` : m.name, channel: m.channel, columns: { ...m.columns }, defaults: { ...m.defaults } });
  };
  const setColumn = (field: CsvField, header: string) => {
    setChosen('');
    setDraft((d) => ({ ...d, columns: { ...d.columns, [field]: header || undefined } }));
  };

  const start = async () => {
    if (!file) return;
    setError(null);
    try {
      let mapping = chosen;
      if (!isSaved) {
        const m = await call('createCsvMapping', { body: draft });
        mapping = m.name;
        setChosen(m.name);
        saved.reload();
      }
      setRun(await call('startImport', { query: { mapping, filename: file.name }, body: file as unknown as string }));
    } catch (e) {
      setError(failureText(e, {
        name: t('imports.name'), channel: t('imports.channel'), 'defaults.country': t('imports.country'), columns: t('imports.columns'),
        ...Object.fromEntries(CSV_FIELDS.map((f) => [`columns.${f}`, t(`imports.fields.${f}`)])),
      }));
    }
  };

  // Polls the run while it goes on; the list of runs learns of its end.
  useEffect(() => {
    if (!run || run.state !== 'running') return;
    const timer = window.setTimeout(async () => {
      try {
        const next = await call('getImport', { params: { id: run.id } });
        setRun(next);
        if (next.state !== 'running') runs.reload();
      } catch (e) {
        setError(failureText(e));
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [run]);

  const missing = REQUIRED.filter((f) => !draft.columns[f]).concat(draft.columns.sku || draft.columns.channelSku ? [] : ['sku']);
  const absent = preview ? Object.values(draft.columns).filter((c) => c && !preview.headers.includes(c)) : [];
  const shownRun = run ?? (id ? runs.data?.items.find((r) => r.id === id) ?? null : null);

  return (
    <div className="split imports">
      <section className="pane">
        <h2>{t('imports.title')}</h2>
        <p className="muted small">{t('imports.hint')}</p>
        <h3>1 · {t('imports.file')}</h3>
        <input type="file" name="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void pick(e.target.files?.[0] ?? null)} />
        {preview && (
          <div className="preview" data-testid="import-preview">
            <div className="small">
              {t('imports.encoding')}: <b data-testid="import-encoding">{preview.encoding.toUpperCase()}</b> · {t(preview.complete ? 'imports.rows' : 'imports.rowsAtLeast', { count: preview.rows })}
            </div>
            <div className="scroll-x">
              <table className="table compact">
                <thead><tr>{preview.headers.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
                <tbody>{preview.sample.map((r, i) => <tr key={i}>{preview.headers.map((_h, j) => <td key={j}>{r[j] ?? ''}</td>)}</tr>)}</tbody>
              </table>
            </div>
          </div>
        )}
        {preview && (
          <>
            <h3>2 · {t('imports.columns')}</h3>
            <div className="mapping-pick">
              <label>
                {t('imports.mapping')}
                <select name="mapping" value={chosen || (draft.name ? `preset:${draft.name}` : '')} onChange={(e) => {
                  const v = e.target.value;
                  if (v.startsWith('preset:')) setDraftFrom(presets.data!.items.find((p) => `preset:${p.name}` === v)!);
                  else choose(v);
                }}>
                  <option value="">{t('imports.chooseMapping')}</option>
                  <optgroup label={t('imports.saved')}>
                    {savedMappings.map((m) => <option key={m.id} value={m.name}>{m.name}{fits(m.columns, preview.headers) ? ' ✓' : ''}</option>)}
                  </optgroup>
                  <optgroup label={t('imports.presets')}>
                    {(presets.data?.items ?? []).map((p) => <option key={p.name} value={`preset:${p.name}`}>{p.name}{fits(p.columns, preview.headers) ? ' ✓' : ''}</option>)}
                    {!chosen && draft.name && !presets.data?.items.some((p) => p.name === draft.name) && <option value={`preset:${draft.name}`}>{draft.name}</option>}
                  </optgroup>
                </select>
              </label>
              {!isSaved && (
                <>
                  <label>{t('imports.name')}<input name="mappingName" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
                  <label>{t('imports.channel')}<input name="channel" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value })} placeholder="taobao" /></label>
                  <label>{t('imports.country')}<input name="country" value={draft.defaults.country ?? ''} onChange={(e) => setDraft({ ...draft, defaults: { ...draft.defaults, country: e.target.value || undefined } })} placeholder="CN" /></label>
                </>
              )}
            </div>
            <div className="mapping-grid" data-testid="import-mapping">
              {CSV_FIELDS.map((f) => (
                <label key={f} data-field={f} className={draft.columns[f] ? 'mapped' : ''}>
                  <span>{t(`imports.fields.${f}`)}{REQUIRED.includes(f) ? ' *' : ''}</span>
                  <select value={draft.columns[f] ?? ''} onChange={(e) => setColumn(f, e.target.value)} className={draft.columns[f] && !preview.headers.includes(draft.columns[f]!) ? 'bad' : ''}>
                    <option value="">—</option>
                    {[...new Set([...(draft.columns[f] ? [draft.columns[f]!] : []), ...preview.headers])].map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                </label>
              ))}
            </div>
            {absent.length > 0 && <div className="alert warning">{t('imports.absent', { columns: absent.join(', ') })}</div>}
            <h3>3 · {t('imports.import')}</h3>
            <button className="primary big" onClick={() => void start()} disabled={missing.length > 0 || absent.length > 0 || run?.state === 'running'} data-testid="import-start">
              {isSaved ? t('imports.start') : t('imports.saveAndStart')}
            </button>
            {missing.length > 0 && <span className="muted small"> {t('imports.missing', { fields: missing.map((f) => t(`imports.fields.${f}`)).join(', ') })}</span>}
          </>
        )}
        {error && <div className="alert error" role="alert">{error}</div>}
        {run && <RunView run={run} />}
      </section>
      <section className="pane">
        <h3>{t('imports.recent')}</h3>
        <table className="table compact" data-testid="import-runs">
          <thead><tr><th>{t('imports.started')}</th><th>{t('imports.fileName')}</th><th>{t('imports.who')}</th><th className="num">{t('imports.created')}</th><th className="num">{t('imports.duplicates')}</th><th className="num">{t('imports.refused')}</th></tr></thead>
          <tbody>
            {(runs.data?.items ?? []).map((r) => (
              <tr key={r.id} className={r.id === shownRun?.id ? 'selected' : ''} onClick={() => (setRun(null), (window.location.hash = `#/import/${r.id}`))}>
                <td className="nowrap">{formatTime(r.startedAt)}</td><td>{r.filename}</td><td>{r.actorName ?? r.actor}</td>
                <td className="num">{r.report?.created ?? ''}</td><td className="num">{r.report?.duplicates ?? ''}</td><td className="num">{r.report?.failed ?? (r.state === 'failed' ? '!' : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {runs.data && runs.data.items.length === 0 && <div className="empty">{t('imports.noRuns')}</div>}
        {!run && shownRun && <RunView run={shownRun} />}
      </section>
    </div>
  );
}

/** One run: its progress while it goes on, then its report and the report's downloads. */
function RunView({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // A run just started sits below the mapping: bring it into sight.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [run.id, run.state]);
  const r = run.report;
  const file = (format: 'csv' | 'xlsx') => routeUrl('importReportFile', { params: { id: run.id }, query: { format } });
  const errors = useMemo(() => r?.errors ?? [], [r]);
  return (
    <div className="run" ref={ref} data-testid="import-run" data-state={run.state}>
      <div className="small muted">{run.filename} · {run.mapping} · {run.actorName ?? run.actor} · {formatTime(run.startedAt)}</div>
      {run.state === 'running' && (
        <div className="progress">
          {run.phase === 'reading' ? <progress /> : <progress value={run.done} max={Math.max(run.total, 1)} />}
          <span className="small">{run.phase === 'reading' ? t('imports.reading') : t('imports.writing', { done: run.done, total: run.total })}</span>
        </div>
      )}
      {run.state === 'failed' && <div className="alert error" role="alert">{run.error}</div>}
      {r && (
        <>
          <div className="counts" data-testid="import-counts">
            <span className="count ok" data-count="created"><b>{r.created}</b> {t('imports.created')}</span>
            <span className="count" data-count="duplicates"><b>{r.duplicates}</b> {t('imports.duplicates')}</span>
            <span className={`count${r.failed ? ' bad' : ''}`} data-count="refused"><b>{r.failed}</b> {t('imports.refused')}</span>
            <span className="muted small">{t('imports.ofRows', { rows: r.rows, orders: r.orders })} · {r.encoding.toUpperCase()}</span>
          </div>
          <div className="actions">
            <a className="button" href={file('csv')} download data-format="csv">{t('imports.download', { format: 'CSV' })}</a>
            <a className="button" href={file('xlsx')} download data-format="xlsx">{t('imports.download', { format: 'Excel' })}</a>
          </div>
          {errors.length > 0 && (
            <table className="table compact" data-testid="import-errors">
              <thead><tr><th className="num">{t('imports.row')}</th><th>{t('imports.column')}</th><th>{t('imports.order')}</th><th>{t('imports.problem')}</th></tr></thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={i} data-row={e.row}><td className="num">{e.row}</td><td>{e.column ?? ''}</td><td className="mono">{e.externalId ?? ''}</td><td>{saidText(e)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
