// Settings -> Labels: every label template with its size, a live preview rendered by the core
// (sample data or a real order) at 203 or 300 dpi with PDF/ZPL/TSPL downloads, and the waybill
// number ranges per carrier.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { LabelTemplateSummary } from '../../../src-main/contract/labels';
import { CHECK_SCHEMES, type CheckScheme } from '../../../src-main/contract/check-digits';
import { routeUrl } from '../../../src-main/contract/client';
import { call, failureOf, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

const DOWNLOADS = ['pdf', 'zpl', 'tspl'] as const;

export function SettingsLabels({ role, selected }: { role: Role; selected?: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listLabelTemplates'), []);
  const items = list.data?.items ?? [];
  const current = items.find((x) => x.name === selected) ?? items[0];
  return (
    <div className="labels-grid">
      <div className="labels-side">
        <h2>{t('labels.templates')}</h2>
        {list.error && <div className="alert error">{list.error}</div>}
        <table className="table compact" data-testid="label-templates">
          <thead><tr><th>{t('labels.template')}</th><th>{t('labels.size')}</th><th>{t('labels.kind')}</th></tr></thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.name} data-name={x.name} className={x.name === current?.name ? 'selected' : ''} onClick={() => (window.location.hash = `#/settings/labels/${encodeURIComponent(x.name)}`)}>
                <td>
                  <div>{x.title}</div>
                  <div className="mono small muted">{x.name}{x.source === 'shop' && <span className="badge shop">{t('labels.shopCopy')}</span>}</div>
                </td>
                <td className="mono">{t('labels.mm', { w: x.widthMm, h: x.heightMm })}</td>
                <td>{t(`labels.kinds.${x.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data?.shopFolder && <p className="muted small">{t('labels.shopFolder')} <span className="mono">{list.data.shopFolder}</span></p>}
        {list.data?.problems.map((p) => <div key={p.file} className="alert error small">{t('labels.leftOut', { file: p.file })} {p.message}</div>)}
        {(role === 'admin' || role === 'lead') && <WaybillRanges admin={role === 'admin'} />}
      </div>
      {current && <LabelPreview template={current} />}
    </div>
  );
}

function LabelPreview({ template }: { template: LabelTemplateSummary }) {
  const { t } = useTranslation();
  const [dpi, setDpi] = useState<203 | 300>(203);
  const [orderText, setOrderText] = useState('');
  const [order, setOrder] = useState<string | undefined>(undefined);
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  const url = (format: string) => routeUrl('labelPreview', { params: { name: template.name }, query: { format, dpi, order } });
  const png = url('png');
  useEffect(() => setState('loading'), [png]);
  const failed = () => void failureOf(png).then((m) => setState(m));
  return (
    <div className="label-preview" data-testid="label-preview">
      <div className="detail-head"><h2>{template.title}</h2></div>
      <p className="muted">{template.description}</p>
      <div className="preview-controls">
        <div className="chips" role="group" aria-label={t('labels.resolution')}>
          {([203, 300] as const).map((d) => <button key={d} className={d === dpi ? 'chip on' : 'chip'} aria-pressed={d === dpi} onClick={() => setDpi(d)}>{d} dpi</button>)}
        </div>
        <form className="reason" onSubmit={(e) => (e.preventDefault(), setOrder(orderText.trim() || undefined))}>
          <input name="order" value={orderText} onChange={(e) => setOrderText(e.target.value)} placeholder={t('labels.orderPlaceholder')} autoComplete="off" />
          <button type="submit">{t('labels.previewOrder')}</button>
          {order && <button type="button" className="ghost" onClick={() => (setOrder(undefined), setOrderText(''))}>{t('labels.sampleData')}</button>}
        </form>
        <div className="actions">
          {DOWNLOADS.map((f) => <a key={f} className="button" href={url(f)} download={`${template.name}-${dpi}dpi.${f}`} data-format={f}>{t('labels.download', { format: f.toUpperCase() })}</a>)}
        </div>
      </div>
      <p className="muted small">{order ? t('labels.showingOrder', { order }) : t('labels.showingSample')} · {t('labels.mm', { w: template.widthMm, h: template.heightMm })} · {dpi} dpi</p>
      {state !== 'loading' && state !== 'ready' && <div className="alert error" role="alert">{state}</div>}
      <div className={`paper${state === 'loading' ? ' busy' : ''}`}>
        <img key={png} src={png} alt={t('labels.previewOf', { name: template.title })} data-testid="label-preview-img" onLoad={() => setState('ready')} onError={failed} />
      </div>
    </div>
  );
}

const EMPTY_RANGE = { carrier: '', scheme: 'mod11' as CheckScheme, prefix: '', suffix: '', width: '12', first: '', last: '', lowWater: '100' };

export function WaybillRanges({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const ranges = useLoad(() => call('listWaybillRanges'), []);
  const [form, setForm] = useState(EMPTY_RANGE);
  const carriers = useLoad(() => call('listCarriers', { query: {} }), []); // the codes a range may name
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof EMPTY_RANGE) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value, ...(k === 'scheme' && e.target.value === 's10' ? { width: '8' } : {}) });
  const add = async () => {
    try {
      const r = await call('createWaybillRange', {
        body: { carrier: form.carrier, scheme: form.scheme, prefix: form.prefix, suffix: form.suffix, width: Number(form.width), first: Number(form.first), last: Number(form.last), lowWater: Number(form.lowWater) },
      });
      setMsg({ ok: true, text: t('waybills.added', { carrier: r.carrier, first: r.nextNumber ?? '', last: r.lastNumber }) });
      setForm(EMPTY_RANGE);
      ranges.reload();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, Object.fromEntries((['carrier', 'scheme', 'prefix', 'suffix', 'width', 'first', 'last', 'lowWater'] as const).map((k) => [k, t(`waybills.${k}`)]))) });
    }
  };
  const items = ranges.data?.items ?? [];
  return (
    <section className="waybill-ranges" data-testid="waybill-ranges">
      <h2>{t('waybills.title')}</h2>
      {ranges.error && <div className="alert error">{ranges.error}</div>}
      {ranges.data?.carriers.filter((c) => c.low).map((c) => (
        <div key={c.carrier} className="alert warning">{c.remaining === 0 ? t('waybills.carrierOut', { carrier: c.carrier }) : t('waybills.carrierLow', { carrier: c.carrier, count: c.remaining })}</div>
      ))}
      {items.length === 0 && !ranges.loading ? <p className="muted">{t('waybills.none')}</p> : (
        <table className="table compact">
          <thead><tr><th>{t('waybills.carrier')}</th><th>{t('waybills.range')}</th><th>{t('waybills.next')}</th><th className="num">{t('waybills.remaining')}</th><th /></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} className={r.low ? 'low' : ''}>
                <td>{r.carrier} <span className="muted small">{r.scheme.toUpperCase()}</span></td>
                <td className="mono small">{r.firstSerial} – {r.lastSerial}</td>
                <td className="mono">{r.nextNumber ?? '—'}</td>
                <td className="num">{r.remaining}</td>
                <td>{!r.active ? <span className="badge">{t('waybills.inactive')}</span> : r.remaining === 0 ? <span className="badge s-cancelled">{t('waybills.usedUp')}</span> : r.low ? <span className="badge s-exception">{t('waybills.low')}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && (
        <form className="form range-form" onSubmit={(e) => (e.preventDefault(), void add())}>
          <label>{t('waybills.carrier')}<input name="carrier" list="pl-carrier-codes" value={form.carrier} onChange={set('carrier')} placeholder="sf" required /></label>
          <datalist id="pl-carrier-codes">{carriers.data?.items.map((c) => <option key={c.code} value={c.code}>{c.nameEn} {c.nameZh}</option>)}</datalist>
          <label>{t('waybills.scheme')}
            <select name="scheme" value={form.scheme} onChange={set('scheme')}>{CHECK_SCHEMES.map((s) => <option key={s} value={s}>{t(`waybills.schemes.${s}`)}</option>)}</select>
          </label>
          <label>{t('waybills.prefix')}<input name="prefix" value={form.prefix} onChange={set('prefix')} placeholder={form.scheme === 's10' ? 'RR' : 'SF'} /></label>
          <label>{t('waybills.suffix')}<input name="suffix" value={form.suffix} onChange={set('suffix')} placeholder={form.scheme === 's10' ? 'CN' : ''} /></label>
          <label>{t('waybills.width')}<input name="width" type="number" min="1" max="18" value={form.width} onChange={set('width')} /></label>
          <label>{t('waybills.first')}<input name="first" type="number" min="0" value={form.first} onChange={set('first')} required /></label>
          <label>{t('waybills.last')}<input name="last" type="number" min="0" value={form.last} onChange={set('last')} required /></label>
          <label>{t('waybills.lowWater')}<input name="lowWater" type="number" min="0" value={form.lowWater} onChange={set('lowWater')} /></label>
          <div><button className="primary" type="submit">{t('waybills.add')}</button></div>
        </form>
      )}
      {msg && <div className={msg.ok ? 'alert ok' : 'alert error'} role="status">{msg.text}</div>}
    </section>
  );
}
