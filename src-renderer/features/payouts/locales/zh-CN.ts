import type { en } from './en';

export const zhCN: typeof en = {
  money: {
    title: '资金对账', asOf: '截至 {{time}}',
    channels: {
      channel: '渠道', cycle: '结算周期', paid: '已到账', inTransit: '在途', overdue: '逾期未到账', fees: '手续费', open: '待处理差异', unmatched: '无订单的款项',
      orders_one: '{{count}} 单', orders: '{{count}} 单', noCycle: '未设置周期', none: '还没有订单或对账单。',
    },
    tabs: { differences: '差异', overdue: '逾期订单', partly: '部分到账或多付', unmatched: '无订单的款项', profit: '渠道利润', statements: '对账单', rules: '规则与周期' },
    import: {
      title: '导入对账单', source: '对账单类型', file: '文件', channel: '渠道（可选）', mapping: '已保存的列映射', go: '导入',
      sources: { wechat: '微信支付交易账单（ALL）', alipay: '支付宝业务明细（zip 或 CSV）', shopify: 'Shopify Payments 结算明细', mapped: '其他（已保存的映射）' },
      done: '读取 {{rows}} 行：新增 {{added}}，已有 {{duplicates}}，拒绝 {{refused}}。已匹配 {{matched}}，部分匹配 {{partly}}，无订单 {{unmatched}}。',
      again: '此文件已于 {{time}} 导入过：未新增任何内容。', busy: '正在导入…', pickFile: '请先选择文件。',
      rowError: '第 {{row}} 行，{{column}}：{{problem}}',
    },
    export: { csv: '导出 CSV', xlsx: '导出 Excel', hint: '已匹配的款项与手续费，可导入金蝶 / 用友；不含个人信息。' },
    cols: {
      order: '订单', channelNo: '渠道单号', cause: '原因', amount: '金额', state: '状态', created: '下单时间', due: '应到账', expected: '应收', received: '实收',
      fee: '手续费', gap: '差额', unexplained: '未解释', status: '到账', row: '行', kind: '类型', merchantNo: '商户订单号', time: '时间', net: '净额', settled: '结算批次',
      file: '文件', imported: '导入时间', rows: '行数', refused: '拒绝', raw: '原始内容', matchedBy: '匹配方式', note: '备注',
    },
    cause: {
      fee: '平台手续费（手续费/服务费）', merchant_coupon: '优惠券分摊（商家承担）', platform_subsidy: '平台券或补贴', refund: '退款', shipping: '运费',
      dispute: '争议', reserve: '保证金/预留', currency: '币种', timing: '在后续结算中到账', unexplained: '未解释',
    },
    diffState: { open: '待处理', expected: '正常（规则）', confirmed: '已确认' },
    status: { paid: '已到账', partly_paid: '部分到账', unpaid: '未到账', over_paid: '多付' },
    rowState: { matched: '已匹配', partly_matched: '部分匹配', unmatched: '无订单' },
    kind: { charge: '收款', refund: '退款', fee: '费用', dispute: '争议', reserve: '预留', adjustment: '调整', payout: '结算', other: '其他' },
    matchedBy: { number: '订单号', amount_time: '金额与时间', charge: '原收款' },
    confirm: { open: '确认原因…', as: '原因是', go: '保留此原因', note: '备注（可选）' },
    detail: { title: '订单 {{number}} 的资金', none: '选择一个订单查看资金情况。', openOrder: '打开订单', rows: '对账单行', differences: '差异', noRows: '还没有对账单行对应此订单。' },
    rules: {
      title: '规则：正常差异', add: '添加规则', anyChannel: '所有渠道', maxPercent: '不超过订单金额的 %', maxFen: '不超过（分）', note: '备注', remove: '删除',
      example: '例如：微信（小程序）手续费不超过 0.6% 属正常', describe: '{{channel}}：{{cause}} 不超过 {{limit}}',
      cycles: '结算周期', cycleDays: '天数', cycleLabel: '名称', tolerance: '金额容差（分）', window: '时间窗口（小时）', save: '保存', channel: '渠道',
    },
    statements: { none: '还没有导入对账单。', errors: '被拒绝的行' },
    profit: {
      title: '渠道利润', orderTitle: '扣费后利润', from: '下单日期从', to: '至', orders: '订单数', revenue: '收入', fees: '平台手续费', refunds: '退款',
      cost: '商品成本', profit: '利润', margin: '利润率', unknownCost: '成本未知（订单数）', shipping: '运费成本', productCost: '商品成本',
      skuNoCost: '成本未知：{{skus}} 在商品资料中没有成本，此订单无法计算利润。',
      explain: '收入为扣除手续费和退款之前的到账金额；尚未到账时为订单金额。成本和利润只计入所有商品都有成本的订单。Packline 不记录运费成本，未计入。',
      unknown: { product_cost: '成本未知', shipping: '运费成本未知', fees: '款项尚未到账：收入按订单金额计，手续费尚不可知。', revenue: '未知' },
    },
    none: '暂无内容。',
  },
};
