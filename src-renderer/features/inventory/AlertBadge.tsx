// The Inventory navigation's badge: how many products are under their safety stock, for everyone
// who sees the screen. Read again when stock changes (the change feed) and every minute (orders
// reserve stock without a stock event).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';

export function SafetyAlertBadge() {
  const { t } = useTranslation();
  const alerts = useLoad(() => call('stockAlerts'), []);
  useLiveReload((e) => e.type.startsWith('stock.') || e.type === 'sku.updated', alerts.reload, 2000);
  useEffect(() => {
    const timer = window.setInterval(alerts.reload, 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const n = alerts.data?.count ?? 0;
  if (n === 0) return null;
  return <span className="nav-badge" title={t('inventory.alerts', { count: n })} data-testid="safety-badge">{n}</span>;
}
