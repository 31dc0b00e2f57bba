import type { en } from './en';

export const zhCN: typeof en = {
  settings: {
    language: '语言', shop: '店铺', users: '用户', role: '角色', tolerance: '重量容差', inbound: '在途计入可用的比例', autoAllocate: '订单到达即占用库存',
    requirePin: '登录需输入 PIN 码', general: '常规',
    status: '状态', active: '正常', inactive: '已停用', locked: '已锁定：PIN 码错误次数过多', unlock: '解锁', unlocked: '已解锁 {{name}} 的工牌',
    shopName: '店铺名称', senderName: '寄件人（面单上）', senderPhone: '寄件人电话', senderAddress: '寄件地址', timeZone: '时区', currency: '币种',
    warehouse: '仓库', warehouseHint: '默认仓库：除非路由把订单分到别的仓，包裹从这里发出。所有仓库及其库位、工作台：', warehouseName: '仓库名称', warehouseAddress: '仓库地址', pinRoles: '这些角色登录时需输入 PIN 码',
    packing: '打包与库存', reopenSetup: '重新打开首次设置', setupHint: '依次设置店铺、快递公司、运单号、打印机、第一位打包员和一个测试包裹。',
  },
};
