import type { en } from './en';

export const zhCN: typeof en = {
  audit: {
    person: '人员', order: '订单', kind: '类型', from: '从', to: '到', export: '导出（{{format}}）',
    when: '时间', who: '操作人', what: '操作', on: '对象', why: '原因', detail: '详情',
    // the names of an event's data fields in the Detail column
    fields: {
      keys: '键', role: '角色', code: '编码', carrier: '快递公司', scheme: '规则', first: '起始', last: '结束', sku: 'SKU', locationId: '库位',
      kind: '类型', onHandDelta: '在库变化', inTransitDelta: '在途变化', available: '可用', safetyStock: '安全库存', to: '到', channel: '渠道',
      externalId: '渠道订单号', warehouseId: '仓库', route: '路由', from: '从', number: '编号', bench: '工作台', rangeId: '号段', serial: '序号',
      orderId: '订单', parcelId: '包裹', seq: '序号', waybill: '运单号', items: '商品', expectedG: '预计重量(克)', measuredG: '实际重量(克)',
      overrideBy: '放行人', parcels: '包裹', releasedUnits: '释放件数', name: '名称', waveId: '波次', wave: '波次', slot: '格口', orders: '订单',
      benchId: '工作台', group: '分组', skuId: 'SKU', channelSku: '渠道SKU', reference: '参考号', source: '来源', rows: '行数', added: '新增',
      cause: '原因', fields: '字段', state: '状态', outsideWindow: '超出时限', unitId: '件', grade: '等级', bin: '库位', expected: '预计',
      photo: '照片', refund: '退款', missing: '缺少', resolution: '处理结果', amount: '金额', currency: '币种', filename: '文件', mapping: '映射',
      created: '创建', duplicates: '重复', failed: '失败', printer: '打印机', scale: '秤', expiresAt: '过期时间', province: '省份', city: '城市',
      address: '地址', benches: '工作台', enabled: '启用', split: '拆分', rules: '规则', priority: '优先级', fromWarehouse: '调出仓',
      toWarehouse: '调入仓', transfers: '调拨', metric: '指标', op: '比较', value: '值', level: '级别', windowMinutes: '时间窗(分钟)', todo: '待办',
      position: '位置', count: '数量', holdType: '挂起类型', rule: '规则', flag: '标记', order: '订单', instructions: '指令', parts: '拆分单',
      splitOf: '拆自', splitOfNumber: '拆自订单', channels: '渠道', template: '模板', secretChanged: '密钥已更换', manifestId: '交接单',
      manifest: '交接单', weightG: '重量(克)', status: '状态', events: '事件', host: '主机', key: '键', title: '标题', minutes: '分钟',
    },
    kinds: {
      order: '订单（全部）', order_created: '收到订单', order_address_changed: '修改地址', order_cancel: '取消', order_hold: '挂起',
      order_release: '解除挂起', parcel: '包裹与面单', waybill: '运单号', wave: '波次', exception: '异常', import: '导入',
      stock: '库存', sku: '商品', user: '用户与登录', settings: '设置', manifest: '交接快递',
    },
    events: {
      import: { started: '开始导入', finished: '导入完成', failed: '导入被拒' },
      csv_mapping: { created: '保存列映射' },
      user: { created: '创建用户', login: '登录' },
      session: { ended: '退出登录' },
      sku: { created: '创建商品', updated: '修改商品' },
      settings: { changed: '修改设置' },
      wave: { released: '释放波次' },
      manifest: { handed_over: '交接快递' },
      waybill: { allocated: '分配运单号', voided: '作废运单号' },
    },
    roles: { operator: '打包员', lead: '组长', admin: '管理员', finance: '财务', viewer: '只读' },
  },
};
