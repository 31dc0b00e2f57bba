import type { en } from './en';

export const zhCN: typeof en = { inventory: { belowSafety: '只看低于安全库存', safety: '安全库存', searchPlaceholder: 'SKU、条码、库位或名称' } };
