// The one list of features: each brings its strings, and may bring a main screen (in the navigation,
// in this order, for the roles given) and pages of Settings. Adding a feature: a folder under
// features/ and an entry here.
import { createElement } from 'react';
import { ROLES, type Role } from '../src-main/contract/people';
import type { Feature, SettingsTab } from './lib/feature';
import { Pack, CommandSheet } from './features/packing/Pack';
import { en as packingEn } from './features/packing/locales/en';
import { zhCN as packingZhCN } from './features/packing/locales/zh-CN';
import { Waves } from './features/waves/Waves';
import { SettingsWaves } from './features/waves/SettingsWaves';
import { en as wavesEn } from './features/waves/locales/en';
import { zhCN as wavesZhCN } from './features/waves/locales/zh-CN';
import { Orders } from './features/orders/Orders';
import { en as ordersEn } from './features/orders/locales/en';
import { zhCN as ordersZhCN } from './features/orders/locales/zh-CN';
import { Products } from './features/catalog/Products';
import { en as catalogEn } from './features/catalog/locales/en';
import { zhCN as catalogZhCN } from './features/catalog/locales/zh-CN';
import { Inventory } from './features/inventory/Inventory';
import { en as inventoryEn } from './features/inventory/locales/en';
import { zhCN as inventoryZhCN } from './features/inventory/locales/zh-CN';
import { Devices } from './features/devices/Devices';
import { en as devicesEn } from './features/devices/locales/en';
import { zhCN as devicesZhCN } from './features/devices/locales/zh-CN';
import { Settings, GeneralSettings } from './features/settings/Settings';
import { en as settingsEn } from './features/settings/locales/en';
import { zhCN as settingsZhCN } from './features/settings/locales/zh-CN';
import { SettingsLabels } from './features/labels/SettingsLabels';
import { en as labelsEn } from './features/labels/locales/en';
import { zhCN as labelsZhCN } from './features/labels/locales/zh-CN';
import { en as peopleEn } from './features/people/locales/en';
import { zhCN as peopleZhCN } from './features/people/locales/zh-CN';
import { en as exceptionsEn } from './features/exceptions/locales/en';
import { zhCN as exceptionsZhCN } from './features/exceptions/locales/zh-CN';
import { en as boardEn } from './features/board/locales/en';
import { SettingsBackups } from './features/backup/SettingsBackups';
import { en as backupEn } from './features/backup/locales/en';
import { zhCN as backupZhCN } from './features/backup/locales/zh-CN';
import { zhCN as boardZhCN } from './features/board/locales/zh-CN';

/** Every device call of the bench station is for these roles (contract/devices.ts). */
const BENCH_STAFF: readonly Role[] = ['operator', 'lead', 'admin'];

/** Where a person lands after login, and where an unknown or hidden route goes. */
export const HOME_ROUTE = 'orders';

export const FEATURES: readonly Feature[] = [
  {
    id: 'packing',
    locales: { en: packingEn, 'zh-CN': packingZhCN },
    nav: { route: 'pack', label: 'nav.pack', roles: ROLES, screen: ({ role, path }) => (path[0] === 'commands' ? createElement(CommandSheet) : createElement(Pack, { role })) },
  },
  {
    id: 'waves',
    locales: { en: wavesEn, 'zh-CN': wavesZhCN },
    nav: { route: 'waves', label: 'nav.waves', roles: ROLES, screen: ({ role, path }) => createElement(Waves, { role, id: path[0] }) },
    settingsTabs: [{ path: 'waves', label: 'waves.title', order: 3, screen: ({ role }) => createElement(SettingsWaves, { role }) }],
  },
  {
    id: 'orders',
    locales: { en: ordersEn, 'zh-CN': ordersZhCN },
    nav: { route: 'orders', label: 'nav.orders', roles: ROLES, screen: ({ role, path }) => createElement(Orders, { role, id: path[0] }) },
  },
  {
    id: 'catalog',
    locales: { en: catalogEn, 'zh-CN': catalogZhCN },
    nav: { route: 'products', label: 'nav.products', roles: ROLES, screen: ({ role, path }) => createElement(Products, { role, id: path[0] }) },
  },
  {
    id: 'inventory',
    locales: { en: inventoryEn, 'zh-CN': inventoryZhCN },
    nav: { route: 'inventory', label: 'nav.inventory', roles: ROLES, screen: () => createElement(Inventory) },
  },
  {
    id: 'devices',
    locales: { en: devicesEn, 'zh-CN': devicesZhCN },
    // finance and viewer: every call the screen makes is refused to them
    nav: { route: 'devices', label: 'nav.devices', roles: BENCH_STAFF, screen: ({ role }) => createElement(Devices, { role }) },
  },
  {
    id: 'settings',
    locales: { en: settingsEn, 'zh-CN': settingsZhCN },
    nav: { route: 'settings', label: 'nav.settings', roles: ROLES, screen: (props) => createElement(Settings, { ...props, tabs: settingsTabs() }) },
    settingsTabs: [{ path: '', label: 'settings.general', order: 1, screen: ({ role }) => createElement(GeneralSettings, { role }) }],
  },
  {
    id: 'labels',
    locales: { en: labelsEn, 'zh-CN': labelsZhCN },
    settingsTabs: [{ path: 'labels', label: 'labels.title', order: 2, screen: ({ role, path }) => createElement(SettingsLabels, { role, selected: path[0] }) }],
  },
  {
    id: 'backup',
    locales: { en: backupEn, 'zh-CN': backupZhCN },
    settingsTabs: [{ path: 'backups', label: 'backup.title', order: 9, screen: ({ role }) => createElement(SettingsBackups, { role }) }],
  },
  // strings only: the login screen (App shows it before the navigation), and parts of the Waves console
  { id: 'people', locales: { en: peopleEn, 'zh-CN': peopleZhCN } },
  { id: 'exceptions', locales: { en: exceptionsEn, 'zh-CN': exceptionsZhCN } },
  { id: 'board', locales: { en: boardEn, 'zh-CN': boardZhCN } },
];

/** The main screens a role sees, in navigation order. */
export function screensFor(role: Role): NonNullable<Feature['nav']>[] {
  return FEATURES.flatMap((f) => (f.nav && f.nav.roles.includes(role) ? [f.nav] : []));
}

/** Every page of Settings, from every feature, in their order. */
function settingsTabs(): SettingsTab[] {
  return FEATURES.flatMap((f) => f.settingsTabs ?? []).sort((a, b) => a.order - b.order);
}
