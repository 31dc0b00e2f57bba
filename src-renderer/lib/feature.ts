import type { ComponentType } from 'react';
import type { Role } from '../../src-main/contract/people';
import type { en as sharedEn } from './locales/en';

/** What App hands a screen: who is looking, and the route after the screen's own part (#/orders/<id> -> [<id>]). */
export interface ScreenProps {
  role: Role;
  path: string[];
}

/** A feature's strings: top-level groups (e.g. `orders`, `actions`) merged into one i18next namespace. */
export type Messages = { [group: string]: { [key: string]: unknown } };

export interface FeatureLocales {
  en: Messages;
  'zh-CN': Messages;
}

/** A page of Settings: #/settings/<path>; '' is the first page, #/settings. */
export interface SettingsTab {
  path: string;
  label: string;
  /** tabs are shown in this order, whichever feature brings them */
  order: number;
  /** who sees the tab (default: everyone who opens Settings) */
  roles?: readonly Role[];
  screen: ComponentType<ScreenProps>;
}

export interface Feature {
  /** its folder under src-renderer/features */
  id: string;
  locales: FeatureLocales;
  /** a main screen at #/<route>, in the navigation for these roles */
  nav?: {
    route: string; label: `nav.${Exclude<keyof typeof sharedEn.nav, 'logout'>}`; roles: readonly Role[]; screen: ComponentType<ScreenProps>;
    /** a count beside the label that asks for attention (products under safety stock) */
    badge?: ComponentType;
    /** listed under "More" in the navigation: screens a person opens now and then, so the bar fits 1366 px */
    more?: boolean;
  };
  settingsTabs?: readonly SettingsTab[];
}
