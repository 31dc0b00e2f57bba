import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BridgeCallError } from '../../../src-main/contract/station';
import { readAddress, formatAddress, type DeviceAddress, type SerialSettings } from '../../../src-main/contract/device-address';
import {
  PrinterSetting, ScaleSetting, ScannerSetting, SCALE_PROTOCOLS, PRINT_LANGUAGES,
  type AssignParams, type DeviceRole, type DeviceSettings, type ListedDevice,
} from '../../../src-main/contract/devices';
import { getStation } from '../../lib/station';

// Choosing the device for one role: pick one found on this PC or type an address, set the serial
// port (baud, data bits, parity, stop bits), the scale protocol or the printer language. Checked
// with the contract's schemas before it goes to the station, which checks again and saves it.

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

type Draft = { name: string; address: string; id: string; protocol: string; unit: string; language: string; statusCheck: boolean; aimPrefix: boolean };

function initial(role: DeviceRole, settings: DeviceSettings | null, editId: string | undefined): Draft {
  const d: Draft = { name: '', address: '', id: role === 'scanner' ? `scanner-${(settings?.scanners.length ?? 0) + 1}` : '', protocol: 'mt-sics', unit: '', language: 'zpl', statusCheck: true, aimPrefix: false };
  if (!settings) return d;
  if (role === 'scanner') {
    const s = settings.scanners.find((x) => x.id === editId);
    return s ? { ...d, name: s.name ?? '', address: s.address, id: s.id, aimPrefix: !!s.aimPrefix } : d;
  }
  if (role === 'scale') {
    const s = settings.scale;
    return s ? { ...d, name: s.name ?? '', address: s.address, protocol: s.protocol, unit: s.unit ?? '' } : d;
  }
  const p = settings[role];
  return p ? { ...d, name: p.name ?? '', address: p.address, language: p.language, statusCheck: p.statusCheck } : d;
}

const tryAddress = (s: string): DeviceAddress | null => {
  try {
    return readAddress(s);
  } catch {
    return null;
  }
};

/** zod issues or a station refusal, as lines a person reads next to the form */
function describe(e: unknown): string[] {
  if (e instanceof BridgeCallError) return e.issues?.length ? e.issues.map((i) => `${i.path}: ${i.message}`) : [e.message];
  return [(e as Error).message];
}

export function AssignForm(props: { role: DeviceRole; settings: DeviceSettings | null; editId?: string; found: ListedDevice[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { role } = props;
  const [d, setD] = useState<Draft>(() => initial(role, props.settings, props.editId));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((cur) => ({ ...cur, ...patch }));
  const parsed = useMemo(() => tryAddress(d.address), [d.address]);
  const serial = parsed?.kind === 'serial' ? parsed : null;

  const setSerial = (patch: Partial<SerialSettings>) => serial && set({ address: formatAddress({ ...serial, ...patch }) });
  const pickFound = (address: string) => {
    const dev = props.found.find((f) => f.address === address);
    const patch: Partial<Draft> = { address };
    if (dev && !d.name) patch.name = dev.name;
    if (role === 'scale' && dev?.bus === 'hid') patch.protocol = 'hid';
    set(patch);
  };
  const setProtocol = (protocol: string) => {
    // Toledo 8217 scales talk 7 data bits, even parity
    if (protocol === 'toledo-8217' && serial && serial.dataBits === 8 && serial.parity === 'none') set({ protocol, address: formatAddress({ ...serial, dataBits: 7, parity: 'even' }) });
    else set({ protocol });
  };

  const build = (): AssignParams => {
    const name = d.name.trim() || undefined;
    if (role === 'scanner') return { role, id: props.editId, setting: { id: d.id.trim(), name, address: d.address.trim(), aimPrefix: d.aimPrefix || undefined } };
    if (role === 'scale') return { role, setting: { name, address: d.address.trim(), protocol: d.protocol as (typeof SCALE_PROTOCOLS)[number], unit: (d.unit || undefined) as 'kg' | 'lb' | 'g' | undefined } };
    return { role, setting: { name, address: d.address.trim(), language: d.language as (typeof PRINT_LANGUAGES)[number], statusCheck: d.statusCheck } };
  };

  const save = async () => {
    const params = build();
    const schema = role === 'scanner' ? ScannerSetting : role === 'scale' ? ScaleSetting : PrinterSetting;
    const check = schema.safeParse(params.setting);
    if (!check.success) return setErrors(check.error.issues.map((i) => `${i.path.join('.') || 'setting'}: ${i.message}`));
    setBusy(true);
    try {
      await getStation().call('devices.assign', params);
      props.onDone(true);
    } catch (e) {
      setErrors(describe(e));
    } finally {
      setBusy(false);
    }
  };

  const candidates = props.found.filter((f) => (role === 'scale' ? f.kind !== 'scanner' : role === 'scanner' ? f.kind !== 'scale' : f.bus === 'serial'));
  return (
    <form
      className="assign-form"
      data-testid={`assign-${role}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {candidates.length > 0 && (
        <label>
          {t('devices.form.found')}
          <select value={candidates.some((c) => c.address === d.address) ? d.address : ''} onChange={(e) => pickFound(e.target.value)}>
            <option value="">{t('devices.form.pick')}</option>
            {candidates.map((c) => (
              <option key={c.address} value={c.address} disabled={!c.accessible}>
                {c.name} ({c.vendorId ? `${c.vendorId}:${c.productId} ` : ''}{c.path ?? c.address}){c.accessible ? '' : ' ⚠'}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('devices.form.paste')}
        <input name="address" className="mono" value={d.address} placeholder={t('devices.form.addressHint')} onChange={(e) => set({ address: e.target.value })} />
      </label>
      {serial && (
        <fieldset className="serial">
          <legend>{t('devices.form.serial')}</legend>
          <label>{t('devices.form.baud')}
            <select name="baud" value={serial.baudRate} onChange={(e) => setSerial({ baudRate: Number(e.target.value) })}>
              {[...new Set([...BAUDS, serial.baudRate])].sort((a, b) => a - b).map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </label>
          <label>{t('devices.form.dataBits')}
            <select name="dataBits" value={serial.dataBits} onChange={(e) => setSerial({ dataBits: Number(e.target.value) as SerialSettings['dataBits'] })}>
              {[7, 8].map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </label>
          <label>{t('devices.form.parity')}
            <select name="parity" value={serial.parity} onChange={(e) => setSerial({ parity: e.target.value as SerialSettings['parity'] })}>
              {['none', 'even', 'odd'].map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <label>{t('devices.form.stopBits')}
            <select name="stopBits" value={serial.stopBits} onChange={(e) => setSerial({ stopBits: Number(e.target.value) as SerialSettings['stopBits'] })}>
              {[1, 2].map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </label>
        </fieldset>
      )}
      {role === 'scanner' && (
        <>
          <label>{t('devices.form.id')}<input name="id" value={d.id} onChange={(e) => set({ id: e.target.value })} /></label>
          <label className="check"><input type="checkbox" checked={d.aimPrefix} onChange={(e) => set({ aimPrefix: e.target.checked })} /> {t('devices.form.aim')}</label>
        </>
      )}
      {role === 'scale' && (
        <label>{t('devices.form.protocol')}
          <select name="protocol" value={d.protocol} onChange={(e) => setProtocol(e.target.value)}>
            {SCALE_PROTOCOLS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
      )}
      {(role === 'labelPrinter' || role === 'documentPrinter') && (
        <>
          <label>{t('devices.form.language')}
            <select name="language" value={d.language} onChange={(e) => set({ language: e.target.value })}>
              {PRINT_LANGUAGES.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </label>
          <label className="check"><input type="checkbox" checked={d.statusCheck} onChange={(e) => set({ statusCheck: e.target.checked })} /> {t('devices.form.statusCheck')}</label>
        </>
      )}
      <label>{t('devices.form.name')}<input name="name" value={d.name} onChange={(e) => set({ name: e.target.value })} /></label>
      {errors.length > 0 && (
        <ul className="alert error small" role="alert">
          {errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('devices.save')}</button>
        <button type="button" onClick={() => props.onDone(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
