import type { en } from './en';

export const zhCN: typeof en = {
  imports: {
    title: '导入订单', hint: '店铺导出的 CSV 或 Excel (.xlsx) 文件：淘宝/天猫、京东、拼多多、抖店、Shopify 或自建表格。列只需对应一次，映射会保存供下次使用。',
    file: '文件', encoding: '编码', rows: '{{count}} 行', rowsAtLeast: '至少 {{count}} 行（预览只读取前 1 MiB）',
    columns: '列对应', mapping: '映射', chooseMapping: '选择映射…', saved: '已保存的映射', presets: '平台预设',
    name: '保存为', channel: '渠道', country: '文件无国家时默认', field: 'Packline 字段', column: '文件中的列',
    absent: '文件中没有列 {{columns}}：请选择其他列或其他映射。', missing: '请先对应：{{fields}}',
    import: '导入', start: '导入', saveAndStart: '保存映射并导入', reading: '正在读取文件…', writing: '已写入 {{done}} / {{total}} 个订单',
    created: '已创建', duplicates: '重复', refused: '被拒', ofRows: '{{rows}} 行，{{orders}} 个订单', download: '报告（{{format}}）',
    row: '行', order: '订单', problem: '问题', recent: '最近的导入', started: '开始时间', fileName: '文件', who: '操作人', noRuns: '还没有导入记录。',
    fields: {
      externalId: '订单编号（平台）', sku: 'SKU', channelSku: '平台 SKU', qty: '数量', unitPrice: '单价', lineName: '商品名称',
      name: '收货人', phone: '电话', country: '国家', province: '省', city: '市', district: '区/县', address1: '详细地址',
      address2: '地址第二行', postcode: '邮编', fullAddress: '完整地址（一列）', carrier: '快递公司', service: '服务', shipBy: '最晚发货',
      note: '备注', total: '订单金额', currency: '币种', paymentRef: '支付单号（交易号）',
    },
  },
};
