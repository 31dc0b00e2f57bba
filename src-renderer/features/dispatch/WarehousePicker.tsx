// The warehouse a lead's screens show (waves, stock, orders): one choice, remembered in this browser,
// so picking Chengdu on the waves screen shows Chengdu's stock too. "" is every warehouse (the owner's view).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

const KEY = 'packline.warehouse';
const listeners = new Set<(w: string) => void>();

/** The chosen warehouse's code ('' for all), shared by every screen that shows a picker. */
export function useWarehouseChoice(): [string, (code: string) => void] {
  const [w, setW] = useState(() => localStorage.getItem(KEY) ?? '');
  useEffect(() => {
    listeners.add(setW);
    return () => void listeners.delete(setW);
  }, []);
  const choose = (code: string) => {
    localStorage.setItem(KEY, code);
    for (const l of listeners) l(code);
  };
  return [w, choose];
}

/** The warehouses by code, for showing a code as its name. */
export function useWarehouses() {
  return useLoad(() => call('listWarehouses'), []);
}

export function WarehousePicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const list = useWarehouses();
  const items = list.data?.items ?? [];
  if (items.length < 2 && !value) return null; // one warehouse: nothing to pick
  return (
    <label className="warehouse-picker">
      {t('warehouses.picker')}{' '}
      <select className="wh-select" name="warehouse" data-testid="warehouse-picker" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('warehouses.all')}</option>
        {items.filter((w) => w.active || w.code === value).map((w) => <option key={w.id} value={w.code}>{w.name} ({w.code})</option>)}
      </select>
    </label>
  );
}
