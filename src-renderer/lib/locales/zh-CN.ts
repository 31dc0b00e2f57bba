import type { en } from './en';
import { fieldMessagesZhCN } from './field-messages.zh-CN';
import { notFoundNounsZhCN } from './refusal-messages.zh-CN';

export const zhCN: typeof en = {
  app: { name: 'Packline 打包台' },
  nav: { pack: '打包', waves: '波次', orders: '订单', products: '商品', inventory: '库存', devices: '设备', tracking: '物流跟踪', settings: '设置', money: '资金', returns: '退货', imports: '导入', audit: '操作日志', alerts: '告警', centre: '指挥中心', rules: '规则', more: '更多', logout: '退出' },
  fieldRules: {
    separator: '：', joiner: '；', open: '（', close: '）', nth: '第 {{n}} 项', partJoiner: '，', required: '必填', invalid_type: '缺少或无效', invalid_value: '不是可选的值（可选：{{values}}）',
    too_small_string: '至少 {{limit}} 个字符', too_small_number: '不能小于 {{limit}}', too_small_array: '至少 {{limit}} 项',
    too_big_string: '最多 {{limit}} 个字符', too_big_number: '不能大于 {{limit}}', too_big_array: '最多 {{limit}} 项',
    invalid_format: '格式不正确', invalid_format_email: '不是有效的邮箱地址（如 name@example.com）',
    invalid_format_url: '不是有效的网址（如 https://…）', invalid_format_datetime: '不是有效的日期和时间', invalid_format_date: '不是有效的日期（年-月-日，如 2026-12-05）',
  },
  fieldMessages: fieldMessagesZhCN,
  nouns: notFoundNounsZhCN,
  common: {
    search: '搜索', all: '全部', loading: '加载中…', none: '没有找到', more: '加载更多', close: '关闭', reason: '原因', cancel: '取消', confirm: '确认', live: '实时',
    offline: '重新连接中…', total: '共 {{count}} 条', save: '保存', saved: '已保存',
    conflictReason: '已冻结，等组长决定：{{firstAt}} 的「{{first}}」与 {{secondAt}} 的「{{second}}」相互矛盾',
    unmappedSkuReason: '商品未对应：平台商品编码 {{skus}} 没有对应到本店任何 SKU', unmappedSku: '未对应',
    durMin: '{{m}} 分钟', durHours: '{{h}} 小时 {{m}} 分钟', durDays: '{{d}} 天 {{h}} 小时',
  },
  states: {
    new: '新订单', ready: '待分配', allocated: '已分配库存', in_wave: '波次中', picked: '已拣货', packing: '打包中', packed: '已打包', shipped: '已发货', on_hold: '挂起',
    exception: '异常', cancelled: '已取消', returned: '已退货',
  },
  events: {
    order: {
      created: '收到订单', allocated: '已分配库存', deallocate: '已释放库存', allocate: '已分配库存', hold: '已挂起', release: '已解除挂起', cancel: '已取消',
      start_packing: '开始打包', mark_packed: '已打包', ship: '已发货', raise_exception: '转为异常', resolve_exception: '异常已处理', return: '已退货',
      add_to_wave: '加入波次', mark_picked: '已拣货', reopen_packing: '重新打包', remove_from_wave: '移出波次', address_changed: '地址已修改', warehouse_assigned: '已改派仓库', updated: '订单已修改', sku_mapped: '平台商品编码已对应',
    },
    pack: { taken_over: '打包台被接管' },
    parcel: { labelled: '包裹已打面单', reprinted: '面单已补打', voided: '面单已作废' },
    exception: { raised: '产生异常', resolved: '异常已处理' },
    stock: { unpacked: '商品退回待重新打包', restocked: '商品已回库' },
    system: '系统',
  },
};
