import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { CAUSES, MONEY_WRITE, type Cause, type ChannelMoney, type Difference, type StatementReport } from '../../../src-main/contract/payouts';
import { call, callFile } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime, money } from '../../lib/ui';
import { ImportStatement } from './ImportStatement';
import { OrderMoneyDetail } from './OrderMoneyDetail';
import { RulesAndCycles } from './RulesAndCycles';
import { ProfitByChannel } from './Profit';
import './money.css';

// The Money screen (finance, admins; leads read): per channel what is paid, in transit and
// overdue; the queues finance works through (differences with their causes, overdue orders, money
// with no order); profit by channel; statements; rules. #/money/<tab>/<order id> opens an order's money beside the list.

const TABS = ['differences', 'overdue', 'partly', 'unmatched', 'profit', 'statements', 'rules'] as const;
type Tab = (typeof TABS)[number];

export function Money({ role, path }: { role: Role; path: string[] }) {
  const { t } = useTranslation();
  const tab: Tab = (TABS as readonly string[]).includes(path[0] ?? '') ? (path[0] as Tab) : 'differences';
  const selected = path[1];
  const canWrite = MONEY_WRITE.includes(role);
  const [channel, setChannel] = useState('');
  const summary = useLoad(() => call('moneySummary'), []);
  const [tick, setTick] = useState(0);
  const reloadAll = () => (summary.reload(), setTick((n) => n + 1));
  useLiveReload((e) => e.entity.startsWith('payout_'), reloadAll);
  const go = (to: Tab, order?: string) => (window.location.hash = `#/money/${to}${order ? `/${order}` : ''}`);

  const download = async (format: 'csv' | 'xlsx') => {
    const blob = await callFile('exportPayouts', { query: { format } });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `payouts.${format}`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="money split">
      <section className="pane list-pane">
        <header className="detail-head">
          <h2>{t('money.title')}</h2>
          <span className="muted small">{summary.data ? t('money.asOf', { time: formatTime(summary.data.asOf) }) : ''}</span>
          <span className="spacer" />
          <button className="ghost" onClick={() => void download('csv')} title={t('money.export.hint')}>{t('money.export.csv')}</button>
          <button className="ghost" onClick={() => void download('xlsx')} title={t('money.export.hint')}>{t('money.export.xlsx')}</button>
        </header>
        {canWrite && <ImportStatement onDone={reloadAll} />}
        {summary.error && <div className="alert error">{summary.error}</div>}
        <ChannelTotals rows={summary.data?.channels ?? []} selected={channel} onPick={(c, to) => (setChannel(c === channel && !to ? '' : c), to && go(to))} />
        <div className="tabs">
          {TABS.map((x) => <a key={x} href={`#/money/${x}`} className={x === tab ? 'active' : ''}>{t(`money.tabs.${x}`)}</a>)}
        </div>
        {channel && <div className="chips"><button className="chip on" onClick={() => setChannel('')}>{channel} ✕</button></div>}
        {tab === 'differences' && <Differences key={`d${tick}${channel}`} channel={channel} selected={selected} onOpen={(id) => go('differences', id)} />}
        {tab === 'overdue' && <OrdersList key={`o${tick}${channel}`} query={{ status: 'unpaid', overdue: 'true', channel }} selected={selected} onOpen={(id) => go('overdue', id)} />}
        {tab === 'partly' && <OrdersList key={`p${tick}${channel}`} query={{ status: 'partly_paid', channel }} also="over_paid" selected={selected} onOpen={(id) => go('partly', id)} />}
        {tab === 'unmatched' && <UnmatchedRows key={`u${tick}${channel}`} channel={channel} />}
        {tab === 'profit' && <ProfitByChannel key={`f${tick}`} />}
        {tab === 'statements' && <Statements key={`s${tick}`} />}
        {tab === 'rules' && <RulesAndCycles canWrite={canWrite} onChange={reloadAll} />}
      </section>
      <section className="pane detail-pane">
        {selected ? <OrderMoneyDetail key={`${selected}${tick}`} id={selected} canWrite={canWrite} onChange={reloadAll} /> : <div className="empty">{t('money.detail.none')}</div>}
      </section>
    </div>
  );
}

function ChannelTotals({ rows, selected, onPick }: { rows: ChannelMoney[]; selected: string; onPick: (channel: string, tab?: Tab) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <div className="muted">{t('money.channels.none')}</div>;
  // The currency stands beside the channel; the cells carry amounts only.
  const cell = (x: { orders: number; fen: number }) => (
    <><div className="amount">{money(x.fen, null)}</div><div className="muted small">{t('money.channels.orders', { count: x.orders })}</div></>
  );
  return (
    <table className="table compact channel-totals" data-testid="channel-totals">
      <thead>
        <tr>
          <th>{t('money.channels.channel')}</th><th>{t('money.channels.cycle')}</th><th className="num">{t('money.channels.paid')}</th><th className="num">{t('money.channels.inTransit')}</th>
          <th className="num">{t('money.channels.overdue')}</th><th className="num">{t('money.channels.fees')}</th><th className="num">{t('money.channels.open')}</th><th className="num">{t('money.channels.unmatched')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={`${c.channel}-${c.currency}`} className={c.channel === selected ? 'selected' : ''} onClick={() => onPick(c.channel)} data-channel={c.channel}>
            <td><b>{c.channel}</b> <span className="muted small">{c.currency}</span></td>
            <td>{c.cycleLabel ?? <span className="muted small">{t('money.channels.noCycle')}</span>}</td>
            <td className="num">{cell(c.paid)}</td>
            <td className="num">{cell(c.inTransit)}</td>
            <td className={`num${c.overdue.orders ? ' bad' : ''}`} onClick={(e) => (e.stopPropagation(), onPick(c.channel, 'overdue'))}>{cell(c.overdue)}</td>
            <td className="num amount">{money(c.fees, null)}</td>
            <td className="num" onClick={(e) => (e.stopPropagation(), onPick(c.channel, 'differences'))}>{c.openDifferences || ''}</td>
            <td className="num" onClick={(e) => (e.stopPropagation(), onPick(c.channel, 'unmatched'))}>{c.unmatchedRows || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CauseBadge({ d }: { d: Pick<Difference, 'cause' | 'state'> }) {
  const { t } = useTranslation();
  return <span className={`badge cause-${d.cause} d-${d.state}`}>{t(`money.cause.${d.cause}`)}</span>;
}

function Differences({ channel, selected, onOpen }: { channel: string; selected?: string; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'open' | 'expected' | 'confirmed'>('open');
  const [cause, setCause] = useState<Cause | ''>('');
  const list = useLoad(() => call('listDifferences', { query: { state, cause: cause || undefined, channel: channel || undefined, limit: 300 } }), [state, cause, channel]);
  return (
    <div data-testid="differences">
      <div className="chips">
        {(['open', 'expected', 'confirmed'] as const).map((s) => <button key={s} className={s === state ? 'chip on' : 'chip'} onClick={() => setState(s)}>{t(`money.diffState.${s}`)}</button>)}
        <select value={cause} onChange={(e) => setCause(e.target.value as Cause | '')} aria-label={t('money.cols.cause')}>
          <option value="">{t('common.all')}</option>
          {CAUSES.map((c) => <option key={c} value={c}>{t(`money.cause.${c}`)}</option>)}
        </select>
      </div>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table compact">
        <thead><tr><th>{t('money.cols.order')}</th><th>{t('money.channels.channel')}</th><th>{t('money.cols.cause')}</th><th className="num">{t('money.cols.amount')}</th><th>{t('money.cols.state')}</th><th>{t('money.cols.note')}</th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((d) => (
            <tr key={d.id} className={d.orderId === selected ? 'selected' : ''} onClick={() => onOpen(d.orderId)} data-cause={d.cause}>
              <td className="mono">{d.orderNumber}</td><td>{d.channel}</td><td><CauseBadge d={d} /></td>
              <td className="num">{money(d.amountFen, d.currency)}</td><td>{t(`money.diffState.${d.state}`)}</td><td className="small muted">{d.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.items.length === 0 && <div className="empty">{t('money.none')}</div>}
    </div>
  );
}

type OrdersQuery = { status: 'unpaid' | 'partly_paid'; overdue?: 'true'; channel: string };

function OrdersList({ query, also, selected, onOpen }: { query: OrdersQuery; also?: 'over_paid'; selected?: string; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const q = { ...query, channel: query.channel || undefined, limit: 300 };
  const list = useLoad(async () => {
    const a = await call('listOrderMoney', { query: q });
    return also ? [...a.items, ...(await call('listOrderMoney', { query: { ...q, status: also } })).items] : a.items;
  }, [query.channel, query.status]);
  return (
    <div data-testid={`orders-${query.overdue ? 'overdue' : query.status}`}>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('money.cols.order')}</th><th>{t('money.cols.channelNo')}</th><th>{t('money.cols.created')}</th><th>{t('money.cols.due')}</th>
            <th className="num">{t('money.cols.expected')}</th><th className="num">{t('money.cols.received')}</th><th>{t('money.cols.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((o) => (
            <tr key={o.orderId} className={o.orderId === selected ? 'selected' : ''} onClick={() => onOpen(o.orderId)}>
              <td className="mono">{o.orderNumber}</td><td className="mono">{o.channel} · {o.externalId}</td><td className="nowrap">{formatTime(o.createdAt)}</td>
              <td className={o.overdue ? 'bad' : ''}>{formatTime(o.dueAt)}</td><td className="num">{money(o.expectedFen, o.currency)}</td>
              <td className="num">{money(o.receivedFen, o.currency)}</td><td><span className={`badge pay-${o.status}`}>{t(`money.status.${o.status}`)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.length === 0 && <div className="empty">{t('money.none')}</div>}
    </div>
  );
}

function UnmatchedRows({ channel, statementId }: { channel?: string; statementId?: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listStatementRows', { query: { state: statementId ? undefined : 'unmatched', statementId, channel: channel || undefined, limit: 500 } }), [channel, statementId]);
  return (
    <div data-testid={statementId ? 'statement-rows' : 'unmatched-rows'}>
      {list.error && <div className="alert error">{list.error}</div>}
      <table className="table compact">
        <thead>
          <tr>
            <th className="num">{t('money.cols.row')}</th><th>{t('money.channels.channel')}</th><th>{t('money.cols.kind')}</th><th>{t('money.cols.merchantNo')}</th><th>{t('money.cols.time')}</th>
            <th className="num">{t('money.cols.net')}</th><th>{t('money.cols.state')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((r) => (
            <tr key={r.id} title={`${t('money.cols.raw')}: ${r.raw}`} onClick={() => r.orderId && (window.location.hash = `#/money/statements/${r.orderId}`)}>
              <td className="num">{r.row}</td><td>{r.channel}</td><td>{t(`money.kind.${r.kind}`)}</td><td className="mono">{r.merchantOrderNo ?? ''}{r.orderNumber ? ` → ${r.orderNumber}` : ''}</td>
              <td className="nowrap">{formatTime(r.occurredAt)}</td><td className="num">{money(r.netFen, r.currency)}</td><td>{t(`money.rowState.${r.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.items.length === 0 && <div className="empty">{t('money.none')}</div>}
    </div>
  );
}

function Statements() {
  const { t } = useTranslation();
  const list = useLoad(() => call('listStatements'), []);
  const [open, setOpen] = useState<StatementReport | null>(null);
  if (list.data?.items.length === 0) return <div className="empty">{t('money.statements.none')}</div>;
  return (
    <div data-testid="statements">
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('money.cols.file')}</th><th>{t('money.channels.channel')}</th><th>{t('money.cols.imported')}</th><th className="num">{t('money.cols.rows')}</th>
            <th className="num">{t('money.rowState.matched')}</th><th className="num">{t('money.rowState.partly_matched')}</th><th className="num">{t('money.rowState.unmatched')}</th><th className="num">{t('money.cols.refused')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((s) => (
            <tr key={s.statementId} className={open?.statementId === s.statementId ? 'selected' : ''} onClick={() => setOpen(s)}>
              <td>{s.filename ?? t(`money.import.sources.${s.source}`)}</td><td>{s.channel}</td><td className="nowrap">{formatTime(s.importedAt)}</td><td className="num">{s.rows}</td>
              <td className="num">{s.matched}</td><td className="num">{s.partlyMatched}</td><td className="num">{s.unmatched}</td><td className={`num${s.refused ? ' bad' : ''}`}>{s.refused}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && open.errors.length > 0 && (
        <div className="alert warning"><b>{t('money.statements.errors')}</b><ul>{open.errors.map((e) => <li key={`${e.row}-${e.column}`}>{e.message}</li>)}</ul></div>
      )}
      {open && <UnmatchedRows statementId={open.statementId} />}
    </div>
  );
}
