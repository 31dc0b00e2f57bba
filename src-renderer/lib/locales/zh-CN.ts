import type { Messages } from './en';

export const zhCN: Messages = {
  app: { name: 'Packline 打包台' },
  nav: { pack: '打包', waves: '波次', orders: '订单', products: '商品', inventory: '库存', settings: '设置', logout: '退出' },
  login: { title: '请扫描工牌', hint: '扫描工牌条码，或输入工牌号后按回车。', badge: '工牌号', pin: 'PIN 码', submit: '登录', demo: '演示工牌' },
  common: { search: '搜索', all: '全部', loading: '加载中…', none: '没有找到', more: '加载更多', close: '关闭', reason: '原因', cancel: '取消', confirm: '确认', live: '实时', offline: '重新连接中…', total: '共 {{count}} 条' },
  states: {
    new: '新订单', ready: '待分配', allocated: '已分配库存', in_wave: '波次中', picked: '已拣货', packing: '打包中', packed: '已打包', shipped: '已发货',
    on_hold: '挂起', exception: '异常', cancelled: '已取消', returned: '已退货',
  },
  actions: {
    allocate: '分配库存', deallocate: '释放库存', hold: '挂起', release: '解除挂起', cancel: '取消订单', start_packing: '开始打包',
    mark_packed: '标记已打包', ship: '发货', raise_exception: '标记异常', resolve_exception: '处理异常', return: '退货', add_to_wave: '加入波次', mark_picked: '标记已拣', reopen_packing: '重新打包',
  },
  orders: {
    searchPlaceholder: '扫描或输入订单号、平台单号、运单号、SKU 或条码',
    number: '订单号', channel: '渠道', external: '平台单号', state: '状态', recipient: '收件人', city: '城市', units: '件数', carrier: '快递', shipBy: '最晚发货', created: '创建时间',
    lines: '商品', sku: 'SKU', name: '名称', qty: '数量', reserved: '已占用', location: '库位', weight: '单件重量',
    shipTo: '收件信息', codes: '单号', history: '记录', actions: '操作', reasonNeeded: '原因（记入订单记录）', noOrder: '选择一个订单查看详情。',
  },
  products: { searchPlaceholder: '扫描或输入 SKU、条码或名称', barcodes: '条码', units: '{{count}} 件', stock: '库存', onHand: '在库', available: '可用', inTransit: '在途', weight: '重量', location: '库位', price: '价格', noWeight: '尚无重量' },
  inventory: { belowSafety: '只看低于安全库存', safety: '安全库存', searchPlaceholder: 'SKU、条码、库位或名称' },
  settings: { language: '语言', shop: '店铺', users: '用户', role: '角色', badge: '工牌', tolerance: '重量容差', inbound: '在途计入可用的比例', saved: '已保存', save: '保存', autoAllocate: '订单到达即占用库存', requirePin: '登录需输入 PIN 码', general: '常规' },
  labels: {
    title: '标签与面单', templates: '面单模板', template: '模板', size: '尺寸', kind: '类型', mm: '{{w}} × {{h}} 毫米',
    kinds: { waybill: '电子面单', shipping: '快递标签', logistic: 'GS1 物流标签', 'packing-slip': '装箱单', 'pick-list': '拣货单' },
    shopCopy: '店铺副本', shopFolder: '自定义模板：把 resources/labels 中的模板文件复制到此文件夹后修改；同名副本会替换内置模板：',
    leftOut: '{{file}} 未载入：', resolution: '打印机分辨率', orderPlaceholder: '订单号，例如 PL0000007', previewOrder: '用此订单预览',
    sampleData: '恢复示例数据', download: '下载 {{format}}', showingOrder: '订单 {{order}}', showingSample: '示例数据', previewOf: '{{name}} 预览',
  },
  waybills: {
    title: '运单号段', carrier: '快递公司', range: '序号范围', next: '下一个单号', remaining: '剩余', low: '即将用完', usedUp: '已用完', inactive: '已停用',
    none: '尚无号段。快递公司分配运单号段后，在此添加。',
    carrierLow: '快递 {{carrier}} 仅剩 {{count}} 个运单号，请尽快添加号段。', carrierOut: '快递 {{carrier}} 的运单号已用完，请添加号段。',
    scheme: '校验位', schemes: { s10: 'UPU S10（RR123456785CN）', mod10: '模 10（GS1）', mod11: '模 11', none: '无' },
    prefix: '前缀', suffix: '后缀', width: '序号位数', first: '起始序号', last: '结束序号', lowWater: '剩余预警数', add: '添加号段',
    added: '已为 {{carrier}} 添加号段：{{first}} … {{last}}',
  },
  pack: { title: '打包台', soon: '打包台（扫描、核对、称重、打印面单）正在开发中：见 issue 5。待打包订单：{{count}}。' },
  waves: { title: '波次', soon: '波次规划与批量拣货正在开发中：见 issue 6。等待波次的已分配订单：{{count}}。' },
};
