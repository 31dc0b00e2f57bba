import type { en } from './en';

export const zhCN: typeof en = {
  products: {
    searchPlaceholder: '扫描或输入 SKU、条码或名称', barcodes: '条码', units: '{{count}} 件', stock: '库存', onHand: '在库', available: '可用', inTransit: '在途',
    weight: '重量', location: '库位', price: '价格', noWeight: '尚无重量',
  },
};
