import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackView, PackAlert } from '../../../src-main/contract/pack';
import { EMPTY_SCALE_G, mayEchoScan, PACK_COMMANDS } from '../../../src-main/contract/pack';
import { coreRefusal, msg, type PackMessage } from '../../../src-main/contract/pack-messages';
import type { Role } from '../../../src-main/contract/people';
import { BridgeCallError } from '../../../src-main/contract/station';
import type { DeviceStatus, TestScanState } from '../../../src-main/contract/devices';
import { getStation } from '../../lib/station';
import { useStationEvents, useStationOnline } from '../../lib/hooks';
import { useScans } from '../../lib/wedge';
import { play, speak } from '../../lib/feedback';
import { toSVG } from 'bwip-js/browser';
import { Said, useSay } from './words';
import { SkuImage } from '../catalog/SkuImage';

// The packing bench: a view of the station's PackView. Readable from a metre, every result in
// colour + sound + words, and nothing here needs a mouse: the scanner drives it (keyboard-wedge
// scans arrive through useScans; device scanners reach the station directly).

const STOPS: PackAlert['kind'][] = ['cancelled', 'on_hold', 'changed', 'intercept'];

/** The station refused this screen's hand on the bench: someone else is on it, or the role only watches. */
const refusedHere = (e: unknown) => e instanceof BridgeCallError && (e.code === 'forbidden' || e.code === 'conflict');

function usePackView(onWatch: () => void): PackView | null {
  const [view, setView] = useState<PackView | null>(null);
  useEffect(() => {
    const station = getStation();
    let live = true;
    const off = station.subscribe((e) => {
      if (e.type === 'pack.view') setView(e.view);
    });
    const load = () => station.call('pack.view', {}).then((v) => live && setView(v), () => undefined);
    // Opening the bench takes the screen's user onto it (again) once; with someone else on it, or for a
    // role that only watches, the station refuses and this screen watches. After a logout a badge scan does.
    station.call('pack.login', {}).then((v) => live && setView(v), (e) => {
      if (refusedHere(e)) onWatch();
      void load();
    });
    const offConn = station.onConnection((online) => online && load());
    return () => {
      live = false;
      off();
      offConn();
    };
  }, []);
  return view;
}

/**
 * The bench's scanners a lead put in test scans (the Devices screen): their scans do not pack
 * meanwhile. Each is named as the Devices screen names it (its name from the settings, else its id).
 */
function useTestScans(): (TestScanState & { name: string })[] {
  const [items, setItems] = useState<TestScanState[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const online = useStationOnline();
  const named = (devices: DeviceStatus[]) => Object.fromEntries(devices.filter((d) => d.role === 'scanner').map((d) => [d.id, d.name ?? d.id]));
  useStationEvents((e) => {
    if (e.type === 'devices.testScans') setItems(e.items);
    if (e.type === 'devices.state' && e.device.role === 'scanner') setNames((n) => ({ ...n, ...named([e.device]) }));
  });
  // read on opening and after a reconnect (a push may have been missed meanwhile)
  useEffect(() => {
    if (!online) return;
    let live = true;
    getStation().call('devices.status', {}).then((s) => live && (setItems(s.testScans), setNames(named(s.items))), () => undefined);
    return () => void (live = false);
  }, [online]);
  return items.map((x) => ({ ...x, name: names[x.scanner] ?? x.scanner }));
}

/** A stop fills the screen: an order that must not ship, or a weight only a lead may pass. */
const isStop = (a: PackAlert | null): a is PackAlert => !!a && (STOPS.includes(a.kind) || a.needs === 'lead');

/** A scan the bench refused while this alert stands (it stays; the refusal is said on top of it). */
const refusedDuring = (view: PackView, a: PackAlert | null) =>
  a && view.lastScan?.result === 'error' && view.lastScan.at >= a.at && view.lastScan.message.key !== a.message.key ? view.lastScan : null;

/** Sound and speech once per new scan result or alert, in the screen's language. */
function useFeedback(view: PackView | null) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const seq = useRef<number | null>(null);
  const alertAt = useRef<number | null>(null);
  const labelAt = useRef<number | null>(null);
  useEffect(() => {
    if (!view) return;
    const first = seq.current === null;
    const a = view.alert;
    if (a && a.at !== alertAt.current) {
      alertAt.current = a.at;
      if (!first) {
        const stop = isStop(a);
        play(stop ? 'stop' : 'error');
        speak(`${t(`pack.alert.${a.kind}`)}. ${say(a.message)}`, i18n.language);
      }
    } else if (view.lastScan && view.lastScan.seq !== seq.current && !first) {
      if (view.lastScan.result === 'ok') play('ok');
      else if (view.lastScan.result === 'error') {
        // refused while an alert stands (a scan during a stop): heard, not swallowed
        play('error');
        speak(say(view.lastScan.message), i18n.language);
      }
    }
    if (view.lastLabel && view.lastLabel.at !== labelAt.current) {
      if (labelAt.current !== null || !first) play('done');
      labelAt.current = view.lastLabel.at;
    }
    seq.current = view.lastScan?.seq ?? 0;
  }, [view, t, say, i18n.language]);
}

export function Pack({ role }: { role?: Role }) {
  const { t } = useTranslation();
  const [watching, setWatching] = useState(false);
  const view = usePackView(() => setWatching(true));
  const testScans = useTestScans();
  const connected = useStationOnline();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<PackMessage | null>(null);
  // a scan this screen did not take because it watches: said at the top, where the watching line is, not at the foot of the side panel
  const [notTaken, setNotTaken] = useState<PackMessage | null>(null);
  useFeedback(view);

  const send = (code: string) => {
    setError(null);
    setNotTaken(null);
    getStation().call('pack.scan', { code, source: 'wedge' }).then(() => setWatching(false), (e: BridgeCallError) => {
      // refused because this screen watches: the watching line says who is on the bench
      if (refusedHere(e)) {
        setWatching(true);
        // a code that may be somebody's badge is not said back
        setNotTaken(mayEchoScan(code, view?.order ?? null) ? msg('watchingRefused', { code }) : msg('watchingRefusedNoCode'));
      } else setError(coreRefusal(e));
    });
  };
  const takeOver = () => {
    setError(null);
    setNotTaken(null);
    getStation().call('pack.login', { takeOver: true }).then(() => setWatching(false), (e: BridgeCallError) => setError(coreRefusal(e)));
  };
  const backToPacking = () => {
    setError(null);
    const station = getStation();
    station.call('bench.mode', { mode: 'pack' }).then(() => station.call('pack.login', {})).then(() => setWatching(false), (e: BridgeCallError) => setError(coreRefusal(e)));
  };
  useScans((scan) => send(scan.code));

  if (!view) return <section className="pane"><p className="empty">{connected ? t('common.loading') : t('pack.noStation')}</p></section>;

  const stop = isStop(view.alert);
  const refused = refusedDuring(view, view.alert);
  const lines = view.order?.lines ?? [];
  const total = lines.reduce((n, l) => n + l.qty - l.packedBefore, 0);
  const done = lines.reduce((n, l) => n + l.scanned, 0);
  return (
    <div className={`bench phase-${view.phase}`} data-phase={view.phase}>
      <header className="bench-head">
        <span className="bench-name">{view.bench.name}</span>
        {view.bench.warehouse && <span className="bench-warehouse" data-testid="bench-warehouse" title={t('pack.warehouse')}>{view.bench.warehouse.name} {view.bench.warehouse.code}</span>}
        <span>{view.operator ? view.operator.name : t('pack.nobody')}</span>
        <span className="counters" aria-label={t('pack.counters')}>
          <b data-testid="count-parcels">{view.counters.parcels}</b> {t('pack.parcels')} · <b>{view.counters.items}</b> {t('pack.items')} · <b data-testid="count-errors">{view.counters.errors}</b> {t('pack.errors')}
        </span>
        <span className={`feed ${view.online && connected ? 'on' : 'off'}`}>{view.online && connected ? t('common.live') : t('common.offline')}</span>
      </header>

      {view.coreLostAt !== null && (
        <div className="alert core-lost" role="status" data-testid="core-lost">
          <b>{t('pack.coreLost', { time: new Date(view.coreLostAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) })}</b>
          <div>{t('pack.coreLostWorks')}</div>
          <div>{t('pack.coreLostWaits')}</div>
        </div>
      )}
      {view.mode.kind === 'returns' && (
        <div className="alert" data-testid="returns-mode">
          {t('pack.returnsMode', { name: view.mode.by?.name ?? '' })} <button data-action="back-to-packing" onClick={backToPacking}>{t('pack.backToPacking')}</button>
        </div>
      )}
      {testScans.map((x) => (
        <div key={x.scanner} className="alert" data-testid="test-scans">
          {t('pack.testScans', { scanner: x.name, by: x.by.name, time: new Date(x.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) })}{' '}
          <button onClick={() => void getStation().call('devices.testScans', { scanner: x.scanner, on: false }).catch((e: BridgeCallError) => setError(coreRefusal(e)))}>{t('pack.backToPacking')}</button>
        </div>
      ))}
      {watching && view.operator && (
        <div className="alert" data-testid="watching">
          {t('pack.watching', { name: view.operator.name })} {role === 'lead' && <button onClick={takeOver}>{t('pack.takeOver')}</button>}
          {notTaken && <div className="alert error" role="alert" data-testid="not-taken"><Said m={notTaken} /></div>}
        </div>
      )}
      <div className={`bench-banner ${view.alert ? 'bad' : view.phase === 'done' ? 'good' : ''}`} role="status" aria-live="assertive" data-testid="banner">
        <div className="bench-say">{view.alert && !stop ? <Said m={view.alert.message} /> : t(`pack.say.${view.phase}`, { number: view.order?.number ?? '', index: view.parcel?.index ?? 1 })}</div>
        <div className="bench-do">{view.alert && !stop ? <Said m={refused?.message ?? view.alert.action} /> : view.lastScan ? <Said m={view.lastScan.message} /> : ''}</div>
      </div>

      <div className="bench-body">
        <section className="pane bench-lines">
          {view.order ? (
            <>
              <div className="bench-order">
                <span className="mono big-number" data-testid="order-number">{view.order.number}</span>
                {view.order.slot && <span className="slot">{t('pack.slot', { slot: view.order.slot })}</span>}
                <span className="muted">{view.order.recipient} · {view.order.carrier ?? ''}</span>
                <span className="progress">{done} / {total}</span>
              </div>
              {view.order.merged && view.order.merged.length > 0 && (
                <div className="alert" data-testid="merged-orders">{t('merges.benchMerged', { orders: [view.order.number, ...view.order.merged.map((m) => m.number)].join(' + ') })}</div>
              )}
              {view.order.packerNote && <div className="alert warn" data-testid="packer-note">{t('merges.packerNote', { note: view.order.packerNote })}</div>}
              <table className="table bench-table">
                <thead><tr><th>{t('orders.sku')}</th><th>{t('orders.name')}</th><th>{t('orders.location')}</th><th className="num">{t('pack.scanned')}</th></tr></thead>
                <tbody>
                  {lines.map((l) => {
                    const need = l.qty - l.packedBefore;
                    return (
                      <tr key={l.lineId} className={l.scanned >= need ? 'line-done' : l.scanned > 0 ? 'line-part' : ''} data-testid={`line-${l.sku}`}>
                        <td className="mono">{l.sku}{l.orderNumber && <div className="muted small" data-testid="line-order">{l.orderNumber}</div>}</td>
                        <td>{l.hasImage && <SkuImage skuId={l.skuId} />}{l.name}</td>
                        <td className="mono">{l.location ?? ''}</td>
                        <td className="num big-count">{l.scanned} / {need}{l.packedBefore > 0 && <span className="muted small"> (+{l.packedBefore})</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : (
            <p className="big-note">{t(`pack.say.${view.phase}`, { number: '', index: 1 })}</p>
          )}
        </section>

        <aside className="pane bench-side">
          <Scale view={view}>
            {view.parcel?.expectedG != null && done > 0 && (
              <div className="small">{t('pack.expected', { g: view.parcel.expectedG, min: view.parcel.minG, max: view.parcel.maxG })}</div>
            )}
            {view.parcel && view.parcel.expectedG === null && view.order && <div className="small warn">{t('pack.unknownWeight')}</div>}
          </Scale>
          {view.parcel && (
            <div className="small">
              {t('pack.box')}: {view.parcel.boxType ? `${view.parcel.boxType.name} (${view.parcel.boxType.code})` : view.parcel.suggestedBox ? t('pack.suggested', { name: view.parcel.suggestedBox.name, code: view.parcel.suggestedBox.code }) : '—'}
              {' · '}{t('pack.parcelN', { index: view.parcel.index })}
            </div>
          )}
          {view.multiplier && <div className="multiplier">×{view.multiplier}</div>}
          {view.sort && view.phase === 'idle' && (
            <div className={`sort-slot ${view.sort.complete ? 'complete' : ''}`} data-testid="sort-slot">
              <div className="muted">{t('pack.putWall', { wave: view.sort.waveNumber })}</div>
              <div className="slot-number">{t('pack.slot', { slot: view.sort.slot })}</div>
              <div>{view.sort.complete ? t('pack.slotComplete', { order: view.sort.orderNumber }) : t('pack.slotMore', { order: view.sort.orderNumber, count: view.sort.remaining })}</div>
            </div>
          )}
          {view.lastLabel && (
            <div className="last-label" data-testid="last-label">
              <div className="muted">{t('pack.lastLabel')}</div>
              <div className="mono big-number">{view.lastLabel.waybill}</div>
            </div>
          )}
          {view.interceptions.length > 0 && (
            <div className="intercepts">
              <h3>{t('pack.intercepts')}</h3>
              <ul>{view.interceptions.map((i) => <li key={i.orderId}><b>{i.number}</b> {i.waybills.join(', ')} — <Said m={i.reason} /></li>)}</ul>
            </div>
          )}
          <form className="reason" onSubmit={(e) => { e.preventDefault(); if (typed.trim()) send(typed.trim()); setTyped(''); }}>
            <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('pack.typeCode')} aria-label={t('pack.typeCode')} />
          </form>
          <form className="reason" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void getStation().call('pack.reason', { reason: reason.trim() }); setReason(''); }}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('pack.reasonPlaceholder')} aria-label={t('pack.reasonPlaceholder')} />
          </form>
          <a className="small" href="#/pack/commands">{t('pack.commandSheet')}</a>
          {error && <div className="alert error"><Said m={error} /></div>}
        </aside>
      </div>

      {stop && view.alert && (
        <div className="bench-stop" role="alertdialog" aria-label={t(`pack.alert.${view.alert.kind}`)} data-testid="stop">
          <div className="stop-title">{t(`pack.alert.${view.alert.kind}`)}</div>
          <div className="stop-message"><Said m={{ ...view.alert.message, detail: undefined }} /></div>
          {view.alert.message.detail && <div className="stop-reason" data-testid="stop-reason">{t('pack.reasonIs', { reason: view.alert.message.detail })}</div>}
          <div className="stop-action"><Said m={view.alert.action} /></div>
          {refused && <div className="stop-refused" role="alert" data-testid="stop-refused"><Said m={refused.message} /></div>}
        </div>
      )}
    </div>
  );
}

/**
 * The scale: nothing on it shows a dash, not a green "0 g stable"; a steady weight inside the
 * parcel's expected band is green, below it amber, above it red (colour always with words).
 */
function Scale({ view, children }: { view: PackView; children?: ReactNode }) {
  const { t } = useTranslation();
  const w = view.weight;
  const grams = w && w.grams !== null && w.grams >= EMPTY_SCALE_G ? w.grams : null;
  const { minG, maxG } = view.parcel ?? { minG: null, maxG: null };
  const band = grams === null || minG === null || maxG === null ? null : grams < minG ? 'under' : grams > maxG ? 'over' : 'in';
  const state = !w ? 'none' : grams === null ? 'empty' : !w.stable ? 'motion' : band ? `band-${band}` : 'stable';
  return (
    <div className={`scale scale-${state}`} data-testid="weight" data-state={state}>
      <div className="muted">{t('pack.scale')}</div>
      <div className="weight-number">{grams ?? '—'} <small>g</small></div>
      <div className="small">
        {!w ? t('pack.noScale') : grams === null ? t('pack.noWeight') : !w.stable ? t('pack.motion') : band === 'in' ? `${t('pack.stable')} · ${t('pack.inBand')}` : band ? `${t('pack.stable')} · ${t('pack.outBand')}` : t('pack.stable')}
      </div>
      {children}
    </div>
  );
}

/** The printable sheet of command barcodes (Code 128, drawn by bwip-js as vectors, sharp when printed). */
export function CommandSheet() {
  const { t } = useTranslation();
  const codes = [...Object.entries(PACK_COMMANDS).map(([k, v]) => [t(`pack.cmd.${k}`), v] as const), ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [t('pack.cmd.qty', { n }), `PL-CMD-QTY-${n}`] as const)];
  return (
    <section className="pane command-sheet">
      <h2>{t('pack.commandSheet')} <button onClick={() => window.print()}>{t('pack.print')}</button></h2>
      <div className="command-grid">
        {codes.map(([name, code]) => (
          <figure key={code}>
            <img src={`data:image/svg+xml;utf8,${encodeURIComponent(toSVG({ bcid: 'code128', text: code, height: 12, includetext: false }))}`} alt={code} />
            <figcaption><b>{name}</b><br /><span className="mono small">{code}</span></figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
