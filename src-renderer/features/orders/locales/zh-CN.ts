import type { en } from './en';

export const zhCN: typeof en = {
  orders: {
    searchPlaceholder: '订单号、平台单号、运单号、SKU、条码、完整手机号，或姓名、城市的一部分', number: '订单号', channel: '渠道', external: '平台单号', state: '状态', recipient: '收件人', city: '城市',
    units: '件数', carrier: '快递', service: '服务', priority: '优先级', shipBy: '最晚发货', created: '创建时间', lines: '商品', sku: 'SKU', name: '名称', qty: '数量', reserved: '已占用', location: '库位',
    weight: '单件重量', shipTo: '收件信息', codes: '单号', history: '记录', actions: '操作', reasonNeeded: '原因（记入订单记录）', noOrder: '选择一个订单查看详情。',
    from: '从', to: '到', late: '已超时（过了最晚发货时间）', exportCsv: '导出 CSV', exportXlsx: '导出 Excel', totalMore: '超过 {{count}} 个',
  },
  actions: {
    allocate: '分配库存', deallocate: '释放库存', hold: '挂起', release: '解除挂起', cancel: '取消订单', start_packing: '开始打包', mark_packed: '标记已打包', ship: '发货',
    raise_exception: '标记异常', resolve_exception: '处理异常', return: '退货', add_to_wave: '加入波次', mark_picked: '标记已拣', reopen_packing: '重新打包',
    remove_from_wave: '移出波次',
  },
  orderForm: {
    new: '新建电话订单', newTitle: '新建电话订单', externalId: '订单编号', create: '创建订单', skuSearch: '查找商品：SKU、条码或名称',
    available: '可用 {{count}}', remove: '移除', noLines: '请至少添加一个商品。', note: '备注',
    changeAddress: '修改地址', changeTitle: '修改 {{number}} 的收货人或地址', saveAddress: '保存新地址',
    why: '原因', whyHint: '例如：客户来电，改寄到公司地址', onBench: '该订单正在打包：保存后其打包台会停下，需组长处理。',
    name: '收货人', phone: '电话', country: '国家（两个字母）', province: '省', city: '市', district: '区/县', address1: '详细地址',
    address2: '地址第二行', postcode: '邮编',
  },
};
