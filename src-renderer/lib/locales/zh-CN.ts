import type { en } from './en';

export const zhCN: typeof en = {
  app: { name: 'Packline 打包台' },
  nav: { pack: '打包', waves: '波次', orders: '订单', products: '商品', inventory: '库存', devices: '设备', settings: '设置', logout: '退出' },
  common: {
    search: '搜索', all: '全部', loading: '加载中…', none: '没有找到', more: '加载更多', close: '关闭', reason: '原因', cancel: '取消', confirm: '确认', live: '实时',
    offline: '重新连接中…', total: '共 {{count}} 条', save: '保存', saved: '已保存',
  },
  states: {
    new: '新订单', ready: '待分配', allocated: '已分配库存', in_wave: '波次中', picked: '已拣货', packing: '打包中', packed: '已打包', shipped: '已发货', on_hold: '挂起',
    exception: '异常', cancelled: '已取消', returned: '已退货',
  },
};
