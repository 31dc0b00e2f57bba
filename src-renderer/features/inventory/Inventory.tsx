// The Inventory screen: #/inventory (stock per SKU and bin, changing it), #/inventory/receive
// (receiving by scanning), #/inventory/movements (every change, filtered).
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { MANAGE } from '../../../src-main/contract/routing';
import { StockList } from './StockList';
import { Receive } from './Receive';
import { Movements } from './Movements';

const TABS = ['stock', 'receive', 'movements'] as const;

export function Inventory({ role, path }: { role: Role; path: string[] }) {
  const { t } = useTranslation();
  const tab = TABS.find((x) => x === path[0]) ?? 'stock';
  const manage = MANAGE.includes(role);
  return (
    <div className="inventory">
      <nav className="tabs" aria-label={t('nav.inventory')}>
        {TABS.filter((x) => x !== 'receive' || manage).map((x) => (
          <a key={x} href={x === 'stock' ? '#/inventory' : `#/inventory/${x}`} className={x === tab ? 'active' : ''} aria-current={x === tab ? 'page' : undefined}>{t(`inventory.tabs.${x}`)}</a>
        ))}
      </nav>
      {tab === 'receive' && manage ? <Receive /> : tab === 'movements' ? <Movements /> : <StockList manage={manage} />}
    </div>
  );
}
