import type { ChannelKind } from '../../../../contract/channels';
import { douyin } from './douyin';
import { generic } from './generic';
import { shopify } from './shopify';
import { woocommerce } from './woocommerce';
import type { Platform } from './types';

export const PLATFORMS: Record<ChannelKind, Platform> = { shopify, woocommerce, douyin, generic };
