import type { en } from './en';

export const zhCN: typeof en = {
  audit: {
    person: '人员', order: '订单', kind: '类型', from: '从', to: '到', export: '导出（{{format}}）',
    when: '时间', who: '操作人', what: '操作', on: '对象', why: '原因', detail: '详情',
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
