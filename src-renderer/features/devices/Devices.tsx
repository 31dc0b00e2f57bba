import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { MethodResult } from '../../../src-main/contract/station';
import { codeFor, maskedCode, scanVerdict, symbologyName, type DeviceRole, type DeviceSettings, type DeviceStatus, type ListedDevice, type PrintJob, type PrinterRole, type ScanInfo, type TestScanState, type WeightReading } from '../../../src-main/contract/devices';
import { call } from '../../lib/api';
import { getStation } from '../../lib/station';
import { useStationEvents, useStationOnline } from '../../lib/hooks';
import { useScans, type WedgeScan } from '../../lib/wedge';
import { AssignForm } from './DeviceForm';

// The Devices screen: choose the device for each role, test it, see its state. Everything goes
// through the StationBridge; the settings are saved by the station in its data folder.

const ROLES: DeviceRole[] = ['scanner', 'scale', 'labelPrinter', 'documentPrinter'];
const MAX_SCANS = 8;

type Status = MethodResult<'devices.status'>;

let wedgeScans = 0;

/**
 * A keyboard-wedge scan on this screen, as a test scan is shown (scanVerdict): at once in dots as
 * "checking…", then told again (same id) in full once the core says it is no badge, asked with this
 * screen's own session; a staff badge stays dots.
 */
function checkWedgeScan(s: WedgeScan, show: (scan: ScanInfo) => void): void {
  const base = { id: `wedge-${++wedgeScans}`, source: 'wedge', at: s.at };
  show({ ...base, code: maskedCode(s.code), test: { verdict: 'checking' } });
  void scanVerdict(s.code, async (badge) => (await call('badgeCheck', { body: { badge } })).badge).then((test) => show({ ...base, code: codeFor(s.code, test), test }));
}

/** A station call whose failure becomes a message for the card. */
async function attempt<T>(fn: () => Promise<T>, onError: (m: string) => void): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    onError((e as Error).message);
    return undefined;
  }
}

export function Devices({ role }: { role: Role }) {
  const { t } = useTranslation();
  const online = useStationOnline();
  const manage = role === 'lead' || role === 'admin';
  const [status, setStatus] = useState<Status | null>(null);
  const [settings, setSettings] = useState<DeviceSettings | null>(null);
  const [found, setFound] = useState<{ devices: ListedDevice[]; errors: string[] } | null>(null);
  const [weight, setWeight] = useState<WeightReading | null>(null);
  const [scans, setScans] = useState<ScanInfo[]>([]);
  const [testScans, setTestScans] = useState<TestScanState[]>([]);
  const [jobs, setJobs] = useState<Partial<Record<PrinterRole, PrintJob>>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const st = getStation();
    await attempt(async () => {
      const [s, cfg] = await Promise.all([st.call('devices.status', {}), st.call('devices.settings', {})]);
      setStatus(s);
      setSettings(cfg);
      setWeight((w) => w ?? s.weight);
      setScans((cur) => (cur.length ? cur : s.lastScans.slice(0, MAX_SCANS)));
      setTestScans(s.testScans);
      setError(null);
    }, setError);
  }, []);
  const lookAgain = useCallback(() => attempt(() => getStation().call('devices.list', {}).then(setFound), setError), []);

  useEffect(() => {
    void load();
    void lookAgain();
  }, [load, lookAgain]);
  // after a reconnect the snapshot may be stale
  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  // a scan told again (its verdict after "checking") takes its own place in the list
  const addScan = (s: ScanInfo) => setScans((cur) => (s.id && cur.some((x) => x.id === s.id) ? cur.map((x) => (x.id === s.id ? s : x)) : [s, ...cur].slice(0, MAX_SCANS)));
  useStationEvents((e) => {
    switch (e.type) {
      case 'devices.weight':
        return setWeight(e.reading);
      case 'devices.state':
        return setStatus((s) => s && { ...s, items: [...s.items.filter((d) => !(d.role === e.device.role && d.id === e.device.id)), e.device] });
      case 'devices.scan':
        return addScan(e.scan);
      case 'devices.testScans':
        return setTestScans(e.items);
      case 'devices.job':
        return setJobs((j) => ({ ...j, [e.job.printer]: e.job }));
      case 'devices.problem':
        return setProblems((p) => ({ ...p, [e.id]: e.message }));
      case 'devices.settings':
        setSettings(e.settings);
        return void load();
    }
  });
  useScans((s) => checkWedgeScan(s, addScan));

  const devicesOf = (r: DeviceRole) => (status?.items ?? []).filter((d) => d.role === r).sort((a, b) => a.id.localeCompare(b.id));

  return (
    <section className="pane devices" data-testid="devices-screen">
      <div className="devices-head">
        <h2>{t('devices.title')}</h2>
        <span className={`feed ${online ? 'on' : 'off'}`}>{t('devices.station')}: {online ? t('common.live') : t('common.offline')}</span>
        {!manage && <span className="muted">{t('devices.leadOnly')}</span>}
      </div>
      {!online && <div className="alert error">{t('devices.stationOffline')}</div>}
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="role-grid">
        {ROLES.map((r) => (
          <RoleCard key={r} role={r} devices={devicesOf(r)} settings={settings} found={found?.devices ?? []} manage={manage} problems={problems}>
            {r === 'scale' && devicesOf('scale').length > 0 && <ScaleTest weight={weight} />}
            {r === 'scanner' && <ScanTest scans={scans} scanners={devicesOf('scanner')} testScans={testScans} manage={manage} />}
            {(r === 'labelPrinter' || r === 'documentPrinter') && devicesOf(r).length > 0 && <PrinterTest role={r} job={jobs[r]} manage={manage} />}
          </RoleCard>
        ))}
      </div>
      <FoundDevices found={found} onRefresh={() => void lookAgain()} />
    </section>
  );
}

function StateBadge({ state }: { state: DeviceStatus['state'] }) {
  const { t } = useTranslation();
  return <span className={`badge dev-${state.status}`} data-state={state.status}>{t(`devices.state.${state.status}`)}</span>;
}

function RoleCard(props: {
  role: DeviceRole;
  devices: DeviceStatus[];
  settings: DeviceSettings | null;
  found: ListedDevice[];
  manage: boolean;
  problems: Record<string, string>;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { role, devices, settings, found, manage, problems } = props;
  /** which device's form is open: a scanner id, the role name, or 'new' for another scanner */
  const [editing, setEditing] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const remove = (id?: string) =>
    attempt(async () => {
      await getStation().call('devices.assign', role === 'scanner' ? { role, id, setting: null } : { role, setting: null });
      setMsg(t('devices.saved'));
    }, setMsg);
  const form = (id: string | undefined) => (
    <AssignForm
      role={role}
      settings={settings}
      editId={id}
      found={found}
      onDone={(saved) => {
        setEditing(null);
        if (saved) setMsg(t('devices.saved'));
      }}
    />
  );
  return (
    <article className="role-card" data-testid={`role-${role}`}>
      <h3>{t(`devices.roles.${role}`)}</h3>
      {devices.length === 0 && editing === null && <p className="muted">{t('devices.notSet')}</p>}
      {devices.map((d) => (
        <div key={d.id} className="assigned" data-testid={`device-${d.id}`}>
          <div className="assigned-line">
            <strong>{d.name ?? d.id}</strong>
            <StateBadge state={d.state} />
          </div>
          <div className="mono small">{d.address}</div>
          {d.state.reason && <div className={`reason-line ${d.state.status}`}>{d.state.reason}</div>}
          {problems[d.id] && <div className="reason-line small">{problems[d.id]}</div>}
          {manage && editing === null && (
            <div className="actions">
              <button onClick={() => setEditing(d.id)}>{t('devices.change')}</button>
              <button onClick={() => void remove(role === 'scanner' ? d.id : undefined)}>{t('devices.remove')}</button>
            </div>
          )}
          {editing === d.id && form(role === 'scanner' ? d.id : undefined)}
        </div>
      ))}
      {manage && editing === null && (role === 'scanner' || devices.length === 0) && (
        <button className="secondary" onClick={() => setEditing('new')}>{role === 'scanner' ? t('devices.add') : t('devices.choose')}</button>
      )}
      {editing === 'new' && form(undefined)}
      {msg && <div className="muted small" role="status">{msg}</div>}
      {props.children}
    </article>
  );
}

function grams(g: number | null): string {
  if (g === null) return '—';
  return `${g.toLocaleString()} g`;
}

function ScaleTest({ weight }: { weight: WeightReading | null }) {
  const { t } = useTranslation();
  const [msg, setMsg] = useState<string | null>(null);
  const act = (m: 'devices.zero' | 'devices.tare') => attempt(async () => (await getStation().call(m, {}), setMsg(null)), setMsg);
  const read = () =>
    attempt(async () => {
      const w = await getStation().call('devices.readWeight', { timeoutMs: 5000 });
      setMsg(t('devices.weight.read_ok', { grams: w.grams }));
    }, setMsg);
  const kind = !weight ? 'none' : weight.stable ? 'stable' : weight.status === 'motion' || weight.status === 'unflagged' ? 'motion' : 'bad';
  return (
    <div className="test-box">
      <div className="muted small">{t('devices.weight.live')}</div>
      <div className={`weight ${kind}`} data-testid="live-weight">
        <span className="weight-value" data-testid="weight-grams">{weight ? grams(weight.grams) : t('devices.weight.none')}</span>
        {weight && (
          <span className={`badge w-${kind}`} data-testid="weight-status">
            {weight.stable ? t('devices.weight.stable') : kind === 'motion' ? t('devices.weight.motion') : weight.status}
          </span>
        )}
      </div>
      <div className="actions">
        <button onClick={() => void act('devices.zero')}>{t('devices.weight.zero')}</button>
        <button onClick={() => void act('devices.tare')}>{t('devices.weight.tare')}</button>
        <button onClick={() => void read()}>{t('devices.weight.read')}</button>
      </div>
      {msg && <div className="small" role="status">{msg}</div>}
    </div>
  );
}

/** A code as read, its control characters (a GS1 group separator) shown as their symbols (␝). */
const readable = (code: string) => [...code].map((c) => (c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c)).join('');

function ScanTest({ scans, scanners, testScans, manage }: { scans: ScanInfo[]; scanners: DeviceStatus[]; testScans: TestScanState[]; manage: boolean }) {
  const { t } = useTranslation();
  const [msg, setMsg] = useState<string | null>(null);
  // a lead or admin turns test scans on; anyone who tests devices may give the scanner back to packing
  const turn = (scanner: string, on: boolean) => attempt(async () => (await getStation().call('devices.testScans', { scanner, on }), setMsg(null)), setMsg);
  return (
    <div className="test-box">
      <div className="muted small">{t('devices.scans.title')}</div>
      <p className="small muted">{t('devices.scans.hint')} {t('devices.scans.masked')}</p>
      {scanners.map((d) => {
        const on = testScans.find((x) => x.scanner === d.id);
        const name = d.name ?? d.id;
        if (!on && !manage) return null;
        return (
          <div key={d.id} className={`test-scans${on ? ' on' : ''}`} data-testid={`test-scans-${d.id}`} data-on={on ? 'true' : 'false'}>
            {on && <p className="small">{t('devices.scans.testOn', { name, time: new Date(on.until).toLocaleTimeString(), by: on.by.name })}</p>}
            <button className={on ? '' : 'secondary'} onClick={() => void turn(d.id, !on)}>{t(on ? 'devices.scans.testStop' : 'devices.scans.testStart', { name })}</button>
          </div>
        );
      })}
      {msg && <div className="small" role="status">{msg}</div>}
      {scans.length === 0 ? (
        <p className="muted">{t('devices.scans.none')}</p>
      ) : (
        <ol className="scans" data-testid="last-scans">
          {scans.map((s, i) => (
            <li key={s.id ?? `${s.at}-${i}`} className={i === 0 ? 'latest' : ''} data-verdict={s.test?.verdict}>
              <span className="mono code">{readable(s.code)}</span>
              {s.test && (
                <span className={`badge scan-${s.test.verdict}`} title={s.test.detail}>
                  {t(`devices.scans.verdict.${s.test.verdict}`, { why: s.test.why ? t(`devices.scans.why.${s.test.why}`) : '' })}
                </span>
              )}
              <span className="muted small">
                {s.source === 'wedge' ? t('devices.scans.wedge') : (scanners.find((d) => d.id === s.source)?.name ?? s.source)}
                {s.symbology ? ` · ${symbologyName(s.symbology) ?? ''} ${s.symbology}` : ''} · {t('devices.scans.length', { count: [...s.code].length })} · {new Date(s.at).toLocaleTimeString()}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function PrinterTest({ role, job, manage }: { role: PrinterRole; job: PrintJob | undefined; manage: boolean }) {
  const { t } = useTranslation();
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uncertain, setUncertain] = useState<PrintJob[]>([]);
  const loadJobs = useCallback(() => attempt(async () => setUncertain((await getStation().call('devices.jobs', { role })).items.filter((j) => j.state === 'uncertain')), setMsg), [role]);
  useEffect(() => void loadJobs(), [loadJobs, job?.state]);
  const test = async () => {
    setBusy(true);
    setMsg(null);
    await attempt(async () => (await getStation().call('devices.testLabel', { role }), setMsg(t('devices.printer.testSent'))), setMsg);
    setBusy(false);
  };
  const check = () =>
    attempt(async () => {
      const r = await getStation().call('devices.checkPrinter', { role });
      setMsg(r.ready ? t('devices.printer.ready') : `${t('devices.printer.problems')}: ${r.problems.join('; ')}`);
    }, setMsg);
  const resolve = (id: string, decision: 'reprint' | 'discard') => attempt(() => getStation().call('devices.resolveJob', { role, id, decision }).then(loadJobs), setMsg);
  return (
    <div className="test-box">
      <div className="actions">
        <button className="primary" disabled={busy} data-testid={`test-label-${role}`} onClick={() => void test()}>{t('devices.printer.test')}</button>
        <button onClick={() => void check()}>{t('devices.printer.check')}</button>
      </div>
      {job && (
        <div className="small" data-testid={`last-job-${role}`}>
          {t('devices.printer.lastJob')}: {job.label ?? job.id} · <strong>{t(`devices.jobState.${job.state}`)}</strong>
          {job.reason ? ` · ${job.reason}` : ''}
        </div>
      )}
      {uncertain.map((j) => (
        <div key={j.id} className="alert error small">
          {t('devices.printer.uncertain')} ({j.label ?? j.id})
          {manage && (
            <div className="actions">
              <button onClick={() => void resolve(j.id, 'reprint')}>{t('devices.printer.reprint')}</button>
              <button onClick={() => void resolve(j.id, 'discard')}>{t('devices.printer.discard')}</button>
            </div>
          )}
        </div>
      ))}
      {msg && <div className="small" role="status">{msg}</div>}
    </div>
  );
}

function FoundDevices({ found, onRefresh }: { found: { devices: ListedDevice[]; errors: string[] } | null; onRefresh: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="found" data-testid="found-devices">
      <div className="devices-head">
        <h3>{t('devices.found.title')}</h3>
        <button onClick={onRefresh}>{t('devices.found.refresh')}</button>
      </div>
      {found?.errors.map((e) => <div key={e} className="alert error small">{e}</div>)}
      {found && found.devices.length === 0 && <p className="muted">{t('devices.found.none')}</p>}
      {found && found.devices.length > 0 && (
        <table className="table compact">
          <thead>
            <tr><th>{t('devices.found.bus')}</th><th>{t('devices.found.ids')}</th><th>{t('devices.found.name')}</th><th>{t('devices.found.address')}</th><th>{t('devices.found.access')}</th></tr>
          </thead>
          <tbody>
            {found.devices.map((d) => (
              <tr key={d.address}>
                <td>{d.bus}{d.kind && d.kind !== 'other' ? ` (${d.kind})` : ''}</td>
                <td className="mono">{d.vendorId ? `${d.vendorId}:${d.productId ?? '????'}` : '—'}</td>
                <td>{d.name}</td>
                <td className="mono small">{d.address}</td>
                <td>{d.accessible ? <span className="badge dev-connected">{t('devices.found.ok')}</span> : <div className="fix"><strong>{t('devices.found.fix')}</strong><pre>{d.help}</pre></div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
