// The one list of features: each brings its strings, and may bring a main screen (in the navigation,
// in this order, for the roles given) and pages of Settings. Adding a feature: a folder under
// features/ and an entry here.
import { createElement } from 'react';
import { ROLES, type Role } from '../src-main/contract/people';
import type { Feature, SettingsTab } from './lib/feature';
import { MONEY_READ } from '../src-main/contract/payouts';
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
import { SafetyAlertBadge } from './features/inventory/AlertBadge';
import { en as inventoryEn } from './features/inventory/locales/en';
import { zhCN as inventoryZhCN } from './features/inventory/locales/zh-CN';
import { Devices } from './features/devices/Devices';
import { en as devicesEn } from './features/devices/locales/en';
import { zhCN as devicesZhCN } from './features/devices/locales/zh-CN';
import { Settings, GeneralSettings } from './features/settings/Settings';
import { SettingsBenches } from './features/benches/Benches';
import { en as benchesEn } from './features/benches/locales/en';
import { zhCN as benchesZhCN } from './features/benches/locales/zh-CN';
import { en as settingsEn } from './features/settings/locales/en';
import { zhCN as settingsZhCN } from './features/settings/locales/zh-CN';
import { SettingsLabels } from './features/labels/SettingsLabels';
import { en as labelsEn } from './features/labels/locales/en';
import { zhCN as labelsZhCN } from './features/labels/locales/zh-CN';
import { Users } from './features/people/Users';
import { en as peopleEn } from './features/people/locales/en';
import { zhCN as peopleZhCN } from './features/people/locales/zh-CN';
import { SettingsCarriers } from './features/carriers/Carriers';
import { en as carriersEn } from './features/carriers/locales/en';
import { zhCN as carriersZhCN } from './features/carriers/locales/zh-CN';
import { en as setupEn } from './features/setup/locales/en';
import { zhCN as setupZhCN } from './features/setup/locales/zh-CN';
import { en as exceptionsEn } from './features/exceptions/locales/en';
import { zhCN as exceptionsZhCN } from './features/exceptions/locales/zh-CN';
import { Money } from './features/payouts/Money';
import { en as payoutsEn } from './features/payouts/locales/en';
import { zhCN as payoutsZhCN } from './features/payouts/locales/zh-CN';
import { Returns } from './features/returns/Returns';
import { SettingsReturns } from './features/returns/SettingsReturns';
import { en as returnsEn } from './features/returns/locales/en';
import { zhCN as returnsZhCN } from './features/returns/locales/zh-CN';
import { Tracking } from './features/tracking/Tracking';
import { SettingsCarriers as SettingsCarrierAccounts } from './features/tracking/SettingsCarriers';
import { en as trackingEn } from './features/tracking/locales/en';
import { zhCN as trackingZhCN } from './features/tracking/locales/zh-CN';
import { en as boardEn } from './features/board/locales/en';
import { Imports } from './features/imports/Imports';
import { en as importsEn } from './features/imports/locales/en';
import { zhCN as importsZhCN } from './features/imports/locales/zh-CN';
import { Audit } from './features/audit/Audit';
import { en as auditEn } from './features/audit/locales/en';
import { zhCN as auditZhCN } from './features/audit/locales/zh-CN';
import { MANAGE } from '../src-main/contract/routing';
import { AUDIT_READERS } from '../src-main/contract/audit';
import { SettingsBackups } from './features/backup/SettingsBackups';
import { en as backupEn } from './features/backup/locales/en';
import { zhCN as backupZhCN } from './features/backup/locales/zh-CN';
import { zhCN as boardZhCN } from './features/board/locales/zh-CN';
import { CommandCentre } from './features/board/CommandCentre';
import { SettingsChannels } from './features/channels/SettingsChannels';
import { en as channelsEn } from './features/channels/locales/en';
import { zhCN as channelsZhCN } from './features/channels/locales/zh-CN';
import { SettingsWarehouses } from './features/dispatch/SettingsWarehouses';
import { SettingsRouting } from './features/dispatch/SettingsRouting';
import { SettingsMerges } from './features/merges/SettingsMerges';
import { en as mergesEn } from './features/merges/locales/en';
import { zhCN as mergesZhCN } from './features/merges/locales/zh-CN';
import { en as dispatchEn } from './features/dispatch/locales/en';
import { zhCN as dispatchZhCN } from './features/dispatch/locales/zh-CN';
import { Alerts, AlertsBadge } from './features/alerts/Alerts';
import { SettingsNotifications } from './features/alerts/SettingsNotifications';
import { SystemHealthPanel } from './features/alerts/SystemHealth';
import { en as alertsEn } from './features/alerts/locales/en';
import { zhCN as alertsZhCN } from './features/alerts/locales/zh-CN';
import { Rules } from './features/rules/Rules';
import { en as rulesEn } from './features/rules/locales/en';
import { zhCN as rulesZhCN } from './features/rules/locales/zh-CN';

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
    nav: { route: 'inventory', label: 'nav.inventory', roles: ROLES, screen: ({ role, path }) => createElement(Inventory, { role, path }), badge: SafetyAlertBadge },
  },
  {
    id: 'returns',
    locales: { en: returnsEn, 'zh-CN': returnsZhCN },
    nav: { route: 'returns', label: 'nav.returns', roles: ROLES, screen: ({ role, path }) => createElement(Returns, { role, path }) },
    settingsTabs: [{ path: 'returns', label: 'returns.settings', order: 4, screen: ({ role }) => createElement(SettingsReturns, { role }) }],
  },
  {
    id: 'imports',
    locales: { en: importsEn, 'zh-CN': importsZhCN },
    nav: { route: 'import', label: 'nav.imports', roles: MANAGE, more: true, screen: ({ path }) => createElement(Imports, { id: path[0] }) },
  },
  {
    id: 'rules',
    locales: { en: rulesEn, 'zh-CN': rulesZhCN },
    nav: { route: 'rules', label: 'nav.rules', roles: MANAGE, screen: ({ role }) => createElement(Rules, { role }) },
  },
  {
    // Settings -> Merging: orders of one buyer to one address in one parcel (the order page and the bench show it)
    id: 'merges',
    locales: { en: mergesEn, 'zh-CN': mergesZhCN },
    settingsTabs: [{ path: 'merging', label: 'merges.settings', order: 3.6, screen: ({ role }) => createElement(SettingsMerges, { role }) }],
  },
  {
    id: 'audit',
    locales: { en: auditEn, 'zh-CN': auditZhCN },
    nav: { route: 'audit', label: 'nav.audit', roles: AUDIT_READERS, more: true, screen: () => createElement(Audit) },
  },
  {
    id: 'devices',
    locales: { en: devicesEn, 'zh-CN': devicesZhCN },
    // finance and viewer: every call the screen makes is refused to them
    nav: { route: 'devices', label: 'nav.devices', roles: BENCH_STAFF, screen: ({ role }) => createElement(Devices, { role }) },
  },
  {
    id: 'payouts',
    locales: { en: payoutsEn, 'zh-CN': payoutsZhCN },
    // money: finance and admins work it, leads read it, nobody else sees it (contract/payouts.ts)
    nav: { route: 'money', label: 'nav.money', roles: MONEY_READ, screen: ({ role, path }) => createElement(Money, { role, path }) },
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
    id: 'channels',
    locales: { en: channelsEn, 'zh-CN': channelsZhCN },
    settingsTabs: [{ path: 'channels', label: 'channels.title', order: 4, screen: ({ role }) => createElement(SettingsChannels, { role }) }],
  },
  {
    id: 'tracking',
    locales: { en: trackingEn, 'zh-CN': trackingZhCN },
    nav: { route: 'tracking', label: 'nav.tracking', roles: ROLES, more: true, screen: ({ role }) => createElement(Tracking, { role }) },
    settingsTabs: [{ path: 'carrier-accounts', label: 'carrierAccounts.title', order: 4, screen: ({ role }) => createElement(SettingsCarrierAccounts, { role }) }],
  },
  {
    id: 'carriers',
    locales: { en: carriersEn, 'zh-CN': carriersZhCN },
    settingsTabs: [{ path: 'carriers', label: 'carriers.title', order: 1.5, screen: ({ role }) => createElement(SettingsCarriers, { role }) }],
  },
  // the login screen (App shows it before the navigation) and Settings -> Users
  {
    id: 'people',
    locales: { en: peopleEn, 'zh-CN': peopleZhCN },
    settingsTabs: [{ path: 'users', label: 'users.title', order: 1.2, roles: ['lead', 'admin'], screen: ({ role }) => createElement(Users, { role }) }],
  },
  // Settings -> Benches: pairing bench PCs with the core (lead, admin)
  {
    id: 'benches',
    locales: { en: benchesEn, 'zh-CN': benchesZhCN },
    settingsTabs: [{ path: 'benches', label: 'benches.title', order: 1.3, roles: ['lead', 'admin'], screen: ({ role }) => createElement(SettingsBenches, { role }) }],
  },
  // the first-run setup: App shows it to an admin at #/setup while it is open
  { id: 'setup', locales: { en: setupEn, 'zh-CN': setupZhCN } },
  {
    id: 'backup',
    locales: { en: backupEn, 'zh-CN': backupZhCN },
    settingsTabs: [{ path: 'backups', label: 'backup.title', order: 9, screen: ({ role }) => createElement(SettingsBackups, { role }) }],
  },
  {
    id: 'dispatch',
    locales: { en: dispatchEn, 'zh-CN': dispatchZhCN },
    settingsTabs: [
      { path: 'warehouses', label: 'warehouses.title', order: 1.6, screen: ({ role }) => createElement(SettingsWarehouses, { role }) },
      { path: 'routing', label: 'routing.title', order: 1.7, roles: MANAGE, screen: ({ role }) => createElement(SettingsRouting, { role }) },
    ],
  },
  {
    id: 'alerts',
    locales: { en: alertsEn, 'zh-CN': alertsZhCN },
    nav: { route: 'alerts', label: 'nav.alerts', roles: MANAGE, screen: ({ role }) => createElement(Alerts, { role }), badge: AlertsBadge },
    settingsTabs: [
      { path: 'notifications', label: 'notify.title', order: 8, roles: ['admin'], screen: ({ role }) => createElement(SettingsNotifications, { role }) },
      { path: 'health', label: 'health.title', order: 9.5, roles: ['admin'], screen: ({ role }) => createElement(SystemHealthPanel, { role }) },
    ],
  },
  // strings only: parts of the Waves console
  { id: 'exceptions', locales: { en: exceptionsEn, 'zh-CN': exceptionsZhCN } },
  // the command centre (KPIs, floor, operators, wall links); the wall screen itself is #/wall/<token>, without login (App)
  {
    id: 'board',
    locales: { en: boardEn, 'zh-CN': boardZhCN },
    nav: { route: 'centre', label: 'nav.centre', roles: ROLES, screen: ({ role, path }) => createElement(CommandCentre, { role, path }) },
  },
];

/** The main screens a role sees, in navigation order. */
export function screensFor(role: Role): NonNullable<Feature['nav']>[] {
  return FEATURES.flatMap((f) => (f.nav && f.nav.roles.includes(role) ? [f.nav] : []));
}

/** Every page of Settings, from every feature, in their order. */
function settingsTabs(): SettingsTab[] {
  return FEATURES.flatMap((f) => f.settingsTabs ?? []).sort((a, b) => a.order - b.order);
}
