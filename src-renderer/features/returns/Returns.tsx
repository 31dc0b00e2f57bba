import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { Order } from '../../../src-main/contract/orders';
import { BENCH_ROLES, RETURN_CREATORS, RETURN_REASONS, RETURN_STATES, type ImportReturnsReport, type ReturnReason, type ReturnState } from '../../../src-main/contract/returns';
import { call, failureText, saidText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime, money } from '../../lib/ui';
import { ReturnDetailView } from './ReturnDetail';
import { ReturnBench } from './ReturnBench';
import { HeldUnits, ReasonsReport } from './ReasonsReport';

// Returns: the requests (list, one return, a new one), the return bench, the reasons report and
// the units held back. #/returns, #/returns/<id>, #/returns/bench, #/returns/report, #/returns/held.
export function Returns({ role, path }: { role: Role; path: string[] }) {
  const { t } = useTranslation();
  const page = path[0] ?? '';
  const tab = (to: string, label: string, on: boolean) => <a href={`#/returns${to}`} className={on ? 'chip on' : 'chip'}>{label}</a>;
  const pages: Record<string, () => ReactElement> = {
    bench: () => <ReturnBench />,
    report: () => <ReasonsReport />,
    held: () => <HeldUnits role={role} />,
  };
  return (
    <section className="pane returns">
      <nav className="chips console-tabs" aria-label={t('returns.title')}>
        {tab('', t('returns.requests'), !page || !pages[page])}
        {BENCH_ROLES.includes(role) && tab('/bench', t('returns.bench'), page === 'bench')}
        {tab('/report', t('returns.report'), page === 'report')}
        {tab('/held', t('returns.held'), page === 'held')}
      </nav>
      {pages[page]?.() ?? (page ? <ReturnDetailView id={page} role={role} /> : <ReturnList role={role} />)}
    </section>
  );
}

function ReturnList({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [state, setState] = useState<ReturnState | ''>('');
  const list = useLoad(() => call('listReturns', { query: { q: search || undefined, state: state || undefined, limit: 100 } }), [search, state]);
  useLiveReload((e) => e.entity === 'return', list.reload);
  return (
    <div className="split">
      <div>
        <form className="searchbar" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
          <input name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('returns.searchPlaceholder')} autoComplete="off" />
          <select name="state" value={state} onChange={(e) => setState(e.target.value as ReturnState | '')} aria-label={t('returns.state')}>
            <option value="">{t('common.all')}</option>
            {RETURN_STATES.map((s) => <option key={s} value={s}>{t(`returns.st.${s}`)}</option>)}
          </select>
          <button className="primary" type="submit">{t('common.search')}</button>
        </form>
        {list.error && <div className="alert error">{list.error}</div>}
        <table className="table" data-testid="returns-table">
          <thead><tr><th>{t('returns.number')}</th><th>{t('returns.order')}</th><th>{t('returns.state')}</th><th>{t('returns.reason')}</th><th className="num">{t('returns.units')}</th><th className="num">{t('returns.value')}</th><th>{t('returns.created')}</th></tr></thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr key={r.id} data-rma={r.number}>
                <td className="mono"><a href={`#/returns/${r.id}`}>{r.number}</a></td>
                <td className="mono">{r.orderNumber ?? '—'}</td>
                <td><span className={`badge r-${r.state}`}>{t(`returns.st.${r.state}`)}</span>{r.outsideWindow && <span className="small warn"> {t('returns.outsideWindow')}</span>}</td>
                <td>{t(`returns.rs.${r.reason}`)}</td>
                <td className="num">{r.units}</td>
                <td className="num">{money(r.value, r.currency)}</td>
                <td className="nowrap">{formatTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && <p className="empty">{t('common.none')}</p>}
      </div>
      {RETURN_CREATORS.includes(role) && <NewReturn />}
    </div>
  );
}

/** Requests from a spreadsheet (CSV or .xlsx): one per order; the report names every refused row. */
function ImportReturns() {
  const { t } = useTranslation();
  const [report, setReport] = useState<ImportReturnsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      // the file's bytes as they are (CSV in any encoding, or Excel): the core reads both
      setReport(await call('importReturns', { body: file as unknown as string }));
    } catch (e) {
      setError(failureText(e));
    }
  };
  return (
    <div data-testid="import-returns">
      <h3>{t('returns.import')}</h3>
      <p className="small muted">{t('returns.importHelp')}</p>
      <input type="file" name="file" accept=".csv,.xlsx,text/csv" onChange={(e) => void upload(e.target.files?.[0])} />
      {report && (
        <div className="small">
          <p>{t('returns.imported', { count: report.created.length })} {report.created.map((c) => c.number).join(', ')}</p>
          <ul>{report.failed.map((f) => <li key={f.row} className="warn">{t('returns.importRow', { row: f.row, column: f.column ?? '' })}: {saidText(f)}</li>)}</ul>
        </div>
      )}
      {error && <div className="alert error">{error}</div>}
    </div>
  );
}

/** A person (customer service) asks for a return: the order, its lines with units back, a reason. */
function NewReturn() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [order, setOrder] = useState<Order | null>(null);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<ReturnReason>('size_too_small');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      const found = await call('listOrders', { query: { q: code.trim(), limit: 1 } });
      const first = found.items[0];
      if (!first) throw new Error(t('common.none'));
      const o = await call('getOrder', { params: { id: first.id } });
      setOrder(o);
      setQty(Object.fromEntries(o.lines.map((l) => [l.id, l.qty])));
    } catch (e) {
      setError(failureText(e));
    }
  };
  const create = async () => {
    if (!order) return;
    setError(null);
    try {
      const lines = order.lines.filter((l) => (qty[l.id] ?? 0) > 0).map((l) => ({ orderLineId: l.id, qty: qty[l.id]! }));
      const r = await call('createReturn', { body: { order: order.id, reason, lines, note: note || undefined } });
      window.location.hash = `#/returns/${r.id}`;
    } catch (e) {
      const sent = order.lines.filter((l) => (qty[l.id] ?? 0) > 0);
      setError(failureText(e, { reason: t('returns.reason'), note: t('returns.note'), ...Object.fromEntries(sent.map((l, i) => [`lines.${i}`, `${t('returns.qtyBack')} (${l.sku})`])) }));
    }
  };
  return (
    <aside className="detail" data-testid="new-return">
      <h3>{t('returns.newReturn')}</h3>
      <form className="searchbar" onSubmit={(e) => (e.preventDefault(), void load())}>
        <input name="order" value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('returns.orderCode')} autoComplete="off" />
        <button type="submit">{t('returns.load')}</button>
      </form>
      {order && (
        <>
          <p className="mono"><a href={`#/orders/${order.id}`}>{order.number}</a> · {order.channel} {order.externalId}</p>
          <table className="table">
            <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th className="num">{t('returns.qtyBack')}</th></tr></thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id}>
                  <td className="mono">{l.sku}</td><td>{l.name}</td>
                  <td className="num"><input type="number" name={`qty-${l.sku}`} min={0} max={l.qty} value={qty[l.id] ?? 0} onChange={(e) => setQty({ ...qty, [l.id]: Number(e.target.value) })} style={{ width: 64 }} /> / {l.qty}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>{t('returns.reason')} <select name="reason" value={reason} onChange={(e) => setReason(e.target.value as ReturnReason)}>
            {RETURN_REASONS.map((r) => <option key={r} value={r}>{t(`returns.rs.${r}`)}</option>)}
          </select></label>
          <label>{t('returns.note')} <input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
          <button className="primary" onClick={() => void create()}>{t('returns.create')}</button>
        </>
      )}
      {error && <div className="alert error">{error}</div>}
      <ImportReturns />
    </aside>
  );
}
