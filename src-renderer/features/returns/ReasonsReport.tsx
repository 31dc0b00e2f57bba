import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

// Why things come back: by reason (with the share), by SKU (a jump against the period before is
// flagged), by channel, wrong items by packer, by grade. And the units held back for a lead.
export function ReasonsReport() {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const r = useLoad(() => call('reasonsReport', { query: { days } }), [days]);
  const d = r.data;
  return (
    <div data-testid="reasons-report">
      <div className="chips">
        {[7, 30, 90].map((n) => <button key={n} className={n === days ? 'chip on' : 'chip'} onClick={() => setDays(n)}>{t('returns.r.days', { days: n })}</button>)}
        {d && <span className="muted">{t('returns.r.returnsCount')}: <b data-testid="report-returns">{d.returns}</b> · {t('returns.units')}: <b>{d.units}</b></span>}
      </div>
      {r.error && <div className="alert error">{r.error}</div>}
      {d && d.units === 0 && <p className="empty">{t('returns.r.nothing')}</p>}
      {d && d.units > 0 && (
        <div className="grid2">
          <div>
            <h3>{t('returns.r.byReason')}</h3>
            <table className="table" data-testid="by-reason">
              <tbody>
                {d.byReason.map((x) => (
                  <tr key={x.reason} data-reason={x.reason}>
                    <td>{t(`returns.rs.${x.reason}`)}</td>
                    <td style={{ width: '45%' }}><div className="share-bar" style={{ width: `${Math.round(x.share * 100)}%`, background: 'var(--accent)', height: 12, borderRadius: 3 }} /></td>
                    <td className="num"><b>{Math.round(x.share * 100)}%</b></td>
                    <td className="num">{x.units}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('returns.r.byChannel')}</h3>
            <table className="table"><thead><tr><th /><th className="num">{t('returns.r.returnsCount')}</th><th className="num">{t('returns.units')}</th></tr></thead><tbody>{d.byChannel.map((c) => <tr key={c.channel}><td>{c.channel}</td><td className="num">{c.returns}</td><td className="num">{c.units}</td></tr>)}</tbody></table>
            <h3>{t('returns.r.byGrade')}</h3>
            <table className="table"><tbody>{d.byGrade.map((g) => <tr key={g.grade}><td>{t(`returns.gr.${g.grade}`)}</td><td className="num">{g.units}</td></tr>)}</tbody></table>
            {d.byPacker.length > 0 && (
              <>
                <h3>{t('returns.r.byPacker')}</h3>
                <table className="table"><tbody>{d.byPacker.map((p) => <tr key={p.packer}><td>{p.name ?? p.packer}</td><td className="num">{p.wrongItemReturns}</td></tr>)}</tbody></table>
              </>
            )}
          </div>
          <div>
            <h3>{t('returns.r.bySku')}</h3>
            <table className="table" data-testid="by-sku">
              <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th className="num">{t('returns.units')}</th><th className="num">{t('returns.r.previous')}</th></tr></thead>
              <tbody>
                {d.bySku.slice(0, 50).map((s) => (
                  <tr key={s.skuId} className={s.flagged ? 'low' : ''}>
                    <td className="mono">{s.sku}</td><td>{s.name}</td>
                    <td className="num">{s.units}{s.flagged && <span className="warn small"> ▲ {t('returns.r.flagged')}</span>}</td><td className="num">{s.previousUnits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

export function HeldUnits({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('heldUnits'), []);
  const [error, setError] = useState<string | null>(null);
  const canWriteOff = role === 'lead' || role === 'admin';
  const writeOff = async (id: string) => {
    try {
      await call('writeOffUnit', { params: { id }, body: {} });
      list.reload();
    } catch (e) {
      setError(failureText(e));
    }
  };
  return (
    <div data-testid="held-units">
      {error && <div className="alert error">{error}</div>}
      <table className="table">
        <thead><tr><th>{t('returns.number')}</th><th>SKU</th><th>{t('returns.grade')}</th><th>{t('returns.photo')}</th><th /></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((u) => (
            <tr key={u.id}>
              <td className="mono"><a href={`#/returns/${u.returnId}`}>{u.returnNumber}</a></td><td className="mono">{u.sku ?? u.code}</td><td>{t(`returns.gr.${u.grade}`)}</td>
              <td>{u.photo && <img src={`/api/returns/photos/${u.photo}`} alt={u.code} height={40} />}</td>
              <td>{canWriteOff && <button onClick={() => void writeOff(u.id)}>{t('returns.writeOff')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.items.length === 0 && <p className="empty">{t('common.none')}</p>}
    </div>
  );
}
