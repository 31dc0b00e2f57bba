// Products as a file: export as CSV or Excel (a download of the route, the session cookie
// authenticates it), import a CSV or Excel file with a report of refused rows by row and column.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText, saidText } from '../../lib/api';
import { routeUrl } from '../../../src-main/contract/client';
import type { ProductImportReport } from '../../../src-main/contract/catalog';

export function ProductFile({ manage, onImported }: { manage: boolean; onImported: () => void }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<ProductImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setReport(null);
    try {
      setReport(await call('importSkus', { body: file as unknown as string }));
      onImported();
    } catch (e) {
      setError(failureText(e));
    }
  };
  return (
    <>
      {manage && (
        <label className="button file-button" title={t('products.importHint')}>
          {t('products.import')}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden onChange={(e) => void upload(e.target.files?.[0]).finally(() => (e.target.value = ''))} data-testid="import-file" />
        </label>
      )}
      <a className="button" href={routeUrl('exportSkus', { query: { format: 'csv' } })} download="products.csv">{t('products.exportCsv')}</a>
      <a className="button" href={routeUrl('exportSkus', { query: { format: 'xlsx' } })} download="products.xlsx">{t('products.exportXlsx')}</a>
      {error && <div className="alert error" role="alert">{error}</div>}
      {report && (
        <div className={`alert ${report.refused.length ? 'warning' : 'ok'} import-report`} role="status" data-testid="import-report">
          {t('products.importDone', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, refused: report.refused.length })}
          {report.refused.length > 0 && (
            <table className="table compact">
              <thead><tr><th>{t('products.row')}</th><th>{t('products.column')}</th><th>{t('products.problem')}</th></tr></thead>
              <tbody>{report.refused.map((r) => <tr key={`${r.row}-${r.column}`}><td className="num">{r.row}</td><td className="mono">{r.column}</td><td>{saidText(r)}</td></tr>)}</tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}
