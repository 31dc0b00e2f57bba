import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade, type ReturnDetail } from '../../../src-main/contract/returns';
import { call, failureText } from '../../lib/api';
import { useStationEvents } from '../../lib/hooks';
import { getStation } from '../../lib/station';
import { useScans } from '../../lib/wedge';
import { play } from '../../lib/feedback';
import { money } from '../../lib/ui';
import { UnitsTable } from './ReturnDetail';

// The return bench: scanner-driven like Pack. Scan the parcel (return waybill, order, outbound
// waybill or RMA): its return is received, or a parcel without one opens an "unknown return" case,
// never a dead end. Then scan each item and grade it (a sellable one: the screen says which bin);
// the bench camera's photo goes with the next grade. Scans come from a keyboard-wedge scanner here,
// and from the bench's device scanners while this screen has them: it switches its bench to returns
// mode on opening (bench.mode) and back to packing on leaving; meanwhile the station pushes each
// device scan to this screen alone (returns.scan), never to the pack workflow.

const AWAITING = ['requested', 'approved', 'in_transit'];
const GRADE_BUTTONS = GRADES.filter((g) => g !== 'missing');

type Say = { tone: 'good' | 'bad' | 'info'; text: string; sub?: string };

export function ReturnBench() {
  const { t } = useTranslation();
  const [ret, setRet] = useState<ReturnDetail | null>(null);
  const [item, setItem] = useState<string | null>(null);
  const [say, setSay] = useState<Say>({ tone: 'info', text: t('returns.b.scanParcel') });
  const [typed, setTyped] = useState('');
  const busy = useRef(false);
  const camera = useCamera();
  const retRef = useRef(ret);
  retRef.current = ret;

  const fail = (e: unknown) => {
    play('error');
    setSay({ tone: 'bad', text: failureText(e) });
  };

  /** The parcel's first scan: find its return (receive it) or open an unknown one. */
  const openParcel = async (code: string) => {
    const found = await call('scanReturn', { params: { code } });
    let r = found.return;
    if (r && AWAITING.includes(r.state)) {
      const waybill = code !== r.number && code !== r.id && code !== r.orderNumber && !r.waybill ? code : undefined;
      r = await call('returnAction', { params: { id: r.id, action: 'receive' }, body: { waybill } });
      setSay({ tone: 'good', text: t('returns.b.received', { number: r.number }), sub: t('returns.b.scanItem') });
    } else if (r) {
      setSay({ tone: 'good', text: t('returns.b.received', { number: r.number }), sub: t('returns.b.scanItem') });
    } else {
      r = await call('receiveUnknown', { body: { code } });
      setSay(found.order
        ? { tone: 'info', text: t('returns.b.openedOrder', { number: r.number, order: found.order.number }), sub: t('returns.b.scanItem') }
        : { tone: 'info', text: t('returns.b.opened', { number: r.number }), sub: t('returns.b.scanItem') });
    }
    play('ok');
    setRet(r);
  };

  const onScan = async (code: string) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const cur = retRef.current;
      if (!cur || cur.state !== 'received') await openParcel(code);
      else if (code === cur.number) setSay({ tone: 'info', text: t('returns.b.received', { number: cur.number }), sub: t('returns.b.scanItem') });
      else {
        setItem(code);
        setSay({ tone: 'info', text: t('returns.b.chooseGrade', { code }) });
      }
    } catch (e) {
      fail(e);
    } finally {
      busy.current = false;
    }
  };

  const grade = async (g: Grade) => {
    if (!ret || !item) return;
    try {
      const photo = camera.photo ?? undefined;
      const res = await call('gradeUnit', { params: { id: ret.id }, body: { code: item, grade: g, photo } });
      camera.clear();
      setItem(null);
      setRet(res.return);
      const graded = t('returns.b.gradedAs', { code: item, grade: t(`returns.gr.${g}`) });
      play(res.expected ? 'ok' : 'error');
      setSay(!res.expected ? { tone: 'bad', text: t('returns.b.unexpected'), sub: graded }
        : res.unit.bin ? { tone: 'good', text: t('returns.b.putBack', { bin: res.unit.bin }), sub: graded }
          : { tone: 'info', text: graded, sub: t('returns.b.scanItem') });
    } catch (e) {
      fail(e);
    }
  };

  const finish = async (markRestMissing: boolean) => {
    if (!ret) return;
    try {
      const r = await call('returnAction', { params: { id: ret.id, action: 'finish_inspection' }, body: { markRestMissing } });
      setRet(r);
      play('done');
      setSay({ tone: 'good', text: t('returns.b.finished', { number: r.number, amount: money(r.refund.amount, r.currency) }) });
    } catch (e) {
      fail(e);
    }
  };

  const next = () => {
    setRet(null);
    setItem(null);
    setSay({ tone: 'info', text: t('returns.b.scanParcel') });
  };

  useScans((s) => void onScan(s.code));
  const scanners = useBenchScanners((code) => void onScan(code));

  const left = ret ? ret.expectedUnits - ret.accountedUnits : 0;
  return (
    <div className="bench return-bench" data-testid="return-bench" data-state={ret?.state ?? 'idle'} data-scanners={scanners.bench ? 'here' : 'elsewhere'}>
      {scanners.bench && <div className="small muted" data-testid="bench-scanners">{t('returns.b.scannersHere', { bench: scanners.bench })}</div>}
      {scanners.why && (
        <div className="alert" data-testid="bench-scanners">
          {t('returns.b.scannersNot', { why: scanners.why })} <button data-action="take-scanners" onClick={scanners.claim}>{t('returns.b.scannersTake')}</button>
        </div>
      )}
      <div className={`bench-banner ${say.tone === 'good' ? 'good' : say.tone === 'bad' ? 'bad' : ''}`} role="status" aria-live="assertive" data-testid="banner">
        <div className="bench-say">{say.text}</div>
        <div className="bench-do">{say.sub ?? ''}</div>
      </div>
      <div className="bench-body">
        <section className="pane">
          {ret ? (
            <>
              <div className="bench-order">
                <a className="mono big-number" href={`#/returns/${ret.id}`} data-testid="rma-number">{ret.number}</a>
                <span className="muted">{ret.orderNumber ?? t('returns.noOrder')} · {t(`returns.rs.${ret.reason}`)}</span>
                <span className="progress" data-testid="accounted">{ret.accountedUnits} / {ret.expectedUnits}</span>
              </div>
              <table className="table bench-table">
                <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th className="num">{t('returns.expected')}</th></tr></thead>
                <tbody>
                  {ret.lines.map((l) => (
                    <tr key={l.id} className={l.accounted >= l.qty ? 'line-done' : l.accounted > 0 ? 'line-part' : ''} data-testid={`rline-${l.sku}`}>
                      <td className="mono">{l.sku}</td><td>{l.name}</td><td className="num big-count">{l.accounted} / {l.qty}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {item && ret.state === 'received' && (
                <div className="grade-buttons" data-testid="grade-buttons">
                  {GRADE_BUTTONS.map((g) => <button key={g} className={g === 'sellable' ? 'primary' : ''} data-grade={g} onClick={() => void grade(g)}>{t(`returns.gr.${g}`)}</button>)}
                </div>
              )}
              <UnitsTable ret={ret} />
              <div className="actions">
                {ret.state === 'received' && (
                  <button data-action="finish" onClick={() => void finish(left > 0)}>{left > 0 ? t('returns.b.countMissing', { count: left }) : t('returns.action.finish_inspection')}</button>
                )}
                <button data-action="next" onClick={next}>{t('returns.b.nextParcel')}</button>
                {ret.state !== 'received' && <a href={`#/returns/${ret.id}`} data-testid="open-detail">{t('returns.b.open', { number: ret.number })}</a>}
              </div>
            </>
          ) : (
            <p className="big-note">{t('returns.b.scanParcel')}</p>
          )}
        </section>
        <aside className="pane bench-side">
          <h3>{t('returns.b.camera')}</h3>
          {camera.error && <div className="small warn">{t('returns.b.noCamera', { error: camera.error })}</div>}
          <video ref={camera.video} autoPlay muted playsInline className="bench-camera" style={{ width: '100%', display: camera.on ? 'block' : 'none' }} />
          {!camera.on
            ? <button data-action="camera-on" onClick={() => void camera.start()}>{t('returns.b.cameraOn')}</button>
            : <button data-action="take-photo" onClick={camera.take}>{t('returns.b.takePhoto')}</button>}
          {camera.photo && <div data-testid="photo-ready"><img src={camera.photo} alt="" style={{ width: '100%' }} /><div className="small">{t('returns.b.photoReady')}</div></div>}
          <form className="reason" onSubmit={(e) => { e.preventDefault(); if (typed.trim()) void onScan(typed.trim()); setTyped(''); }}>
            <input name="code" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('returns.b.typeCode')} aria-label={t('returns.b.typeCode')} />
          </form>
        </aside>
      </div>
    </div>
  );
}

/**
 * The bench's device scanners on this screen: claimed (returns mode) whenever the station is reachable,
 * given back to packing on leaving. `bench`: they are here; `why`: the station's refusal (someone packs on it).
 */
function useBenchScanners(onScan: (code: string) => void) {
  const [state, setState] = useState<{ bench?: string; why?: string }>({});
  const mine = useRef(false);
  const claim = () => {
    getStation().call('bench.mode', { mode: 'returns' }).then(
      (v) => {
        mine.current = true;
        setState({ bench: v.bench.name });
      },
      (e: Error) => {
        mine.current = false;
        setState({ why: e.message });
      },
    );
  };
  useEffect(() => {
    const station = getStation();
    const offConn = station.onConnection((online) => online && claim());
    return () => {
      offConn();
      // only a bench this screen switched goes back (a lead's screen must not end someone else's returns mode)
      if (mine.current) void station.call('bench.mode', { mode: 'pack' }).catch(() => undefined);
    };
  }, []);
  const { t } = useTranslation();
  useStationEvents((e) => {
    if (e.type === 'returns.scan') onScan(e.scan.code);
    // switched back to packing elsewhere (a lead, or the session ended): say so, offer to take them again
    if (e.type === 'pack.view' && mine.current && e.view.mode.kind === 'pack') {
      mine.current = false;
      setState({ why: t('returns.b.scannersBack', { bench: e.view.bench.name }) });
    }
  });
  return { ...state, claim };
}

/** The bench's webcam through the browser: a live picture, and a still taken as a JPEG data URL (at most 800 px wide). */
function useCamera() {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [on, setOn] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => stream.current?.getTracks().forEach((tr) => tr.stop()), []);
  return {
    video, on, photo, error,
    async start() {
      try {
        stream.current = await navigator.mediaDevices.getUserMedia({ video: true });
        if (video.current) video.current.srcObject = stream.current;
        setOn(true);
        setError(null);
      } catch (e) {
        setError(failureText(e));
      }
    },
    take() {
      const v = video.current;
      if (!v || !v.videoWidth) return;
      const scale = Math.min(1, 800 / v.videoWidth);
      const c = document.createElement('canvas');
      c.width = Math.round(v.videoWidth * scale);
      c.height = Math.round(v.videoHeight * scale);
      c.getContext('2d')!.drawImage(v, 0, 0, c.width, c.height);
      setPhoto(c.toDataURL('image/jpeg', 0.8));
    },
    clear: () => setPhoto(null),
  };
}
