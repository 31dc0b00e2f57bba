import type { en } from './en';

export const zhCN: typeof en = {
  settings: {
    language: '语言', shop: '店铺', users: '用户', role: '角色', tolerance: '重量容差', inbound: '在途计入可用的比例', autoAllocate: '订单到达即占用库存',
    requirePin: '登录需输入 PIN 码', general: '常规',
    status: '状态', active: '正常', inactive: '已停用', locked: '已锁定：PIN 码错误次数过多', unlock: '解锁', unlocked: '已解锁 {{name}} 的工牌',
  },
};
