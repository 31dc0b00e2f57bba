import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATEMENT_SOURCES, type StatementReport, type StatementSource } from '../../../src-main/contract/payouts';
import { call, failureText, saidText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

/** Finance picks the statement's kind and its file; the report says what was added, refused (by row and column) and matched. */
export function ImportStatement({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<StatementSource>('wechat');
  const [file, setFile] = useState<File | null>(null);
  const [channel, setChannel] = useState('');
  const [mapping, setMapping] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<StatementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mappings = useLoad(() => call('listStatementMappings'), []);

  const submit = async () => {
    if (!file) return setError(t('money.import.pickFile'));
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      // The file's bytes as they are (GBK, a zip, an .xlsx): a text route takes any body.
      const r = await call('importStatement', {
        query: { source, channel: channel.trim() || undefined, mapping: source === 'mapped' ? mapping : undefined, filename: file.name },
        body: file as unknown as string,
      });
      setReport(r);
      onDone();
    } catch (e) {
      setError(failureText(e, { 'query.source': t('money.import.source'), 'query.channel': t('money.import.channel'), 'query.mapping': t('money.import.mapping') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="money-import" data-testid="import-statement">
      <summary><b>{t('money.import.title')}</b></summary>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <select name="source" value={source} onChange={(e) => setSource(e.target.value as StatementSource)} aria-label={t('money.import.source')}>
        {STATEMENT_SOURCES.map((s) => <option key={s} value={s}>{t(`money.import.sources.${s}`)}</option>)}
      </select>
      {source === 'mapped' && (
        <select name="mapping" value={mapping} onChange={(e) => setMapping(e.target.value)} aria-label={t('money.import.mapping')}>
          <option value="">{t('money.import.mapping')}</option>
          {(mappings.data?.items ?? []).map((m) => <option key={m.id} value={m.name}>{m.name}</option>)}
        </select>
      )}
      <input name="channel" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder={t('money.import.channel')} size={14} />
      <input name="file" type="file" accept=".csv,.xlsx,.zip,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-label={t('money.import.file')} />
      <button className="primary" type="submit" disabled={busy}>{busy ? t('money.import.busy') : t('money.import.go')}</button>
      {error && <div className="alert error" role="alert">{error}</div>}
      {report && (
        <div className={`alert ${report.refused ? 'warning' : 'ok'}`} role="status" data-testid="import-report">
          {report.alreadyImported
            ? t('money.import.again', { time: formatTime(report.importedAt) })
            : t('money.import.done', { rows: report.rows, added: report.added, duplicates: report.duplicates, refused: report.refused, matched: report.matched, partly: report.partlyMatched, unmatched: report.unmatched })}
          {report.errors.length > 0 && <ul>{report.errors.map((e) => <li key={`${e.row}-${e.column}`}>{e.key || e.rule ? t('money.import.rowError', { row: e.row, column: e.column ?? '', problem: saidText(e) }) : e.message}</li>)}</ul>}
        </div>
      )}
      </form>
    </details>
  );
}
