import type { en } from './en';

export const zhCN: typeof en = {
  rules: {
    title: '规则', intro: '每个订单到达时以及之后每次变化时，按此顺序运行规则。所有符合的规则都会生效；后面规则的承运商或优先级覆盖前面的，挂起以第一条为准。',
    add: '新增规则', edit: '编辑', delete: '删除', up: '上移', down: '下移', none: '还没有规则。', disabled: '停用', name: '名称', enabled: '启用',
    match: '何时生效', matchAll: '满足全部条件', matchAny: '满足任一条件', conditions: '条件', conditionN: '条件 {{n}}', nameNeeded: '请给规则起个名称', addCondition: '添加条件', remove: '移除',
    values: '取值（逗号分隔）', number: '数值', lines: '商品行', anyLine: '任一行', allLines: '所有行', check: '检查', actions: '动作',
    hold: '挂起', noHold: '不挂起', releaseAfter: '自动解除（分钟后）', releaseWhenClear: '规则不再符合时自动解除', warehouse: '发往仓库', routingDecides: '按分仓规则', carrier: '承运商', keepCarrier: '沿用订单自己的', service: '服务',
    priority: '优先级（0-9）', tags: '标签（逗号分隔）', packerNote: '给打包员的备注', stop: '停止：不再看后面的规则', save: '保存规则',
    reevaluating: '正在重新评估未完成订单：{{done}} / {{total}}', reevaluated: '已重新评估未完成订单：{{changed}} 单有变化（{{ms}} 毫秒）',
    kinds: {
      channel: '渠道', sku: 'SKU', tag: '标签（前面规则设置的）', amount: '订单金额（元）', quantity: '件数', weight: '重量（克）', region: '省或市',
      address: '地址检查', buyer_orders_today: '买家 24 小时内下单数', buyer_returns: '买家退货数', below_cost: '某行低于成本（%）', presale: '预售商品',
      presale_late: '预售商品，供应商延期', note: '买家留言含有',
    },
    ops: { gt: '多于', gte: '至少', lt: '少于', lte: '至多', eq: '等于' },
    checks: { missing_district: '缺少区县', pickup_point: '代收点（驿站、代收点、快递柜…）', unparseable: '无法识别' },
    holdTypes: { fraud: '欺诈', address: '地址', payment: '付款', stock: '库存', presale: '预售', manual: '人工' },
  },
  queue: {
    title: '主管待办', none: '没有需要主管处理的订单。', check: '立即检查', unassigned: '无人处理', stuck: '卡住', conflict: '指令冲突',
    minutes: '在「{{state}}」{{duration}}', since: '自 {{time}}', dismiss: '清除', reason: '原因（会记录）', stands: '以此为准', frozen: '已冻结', applied: '已执行',
    decided: '已决定', nUnassigned: '{{count}} 无人处理', nStuck: '{{count}} 卡住', nConflicts_one: '{{count}} 冲突', nConflicts: '{{count}} 冲突',
    kinds: { cancel: '取消', expedite: '加急', address: '新地址' },
  },
  ruleLimits: {
    title: '时限', unassigned: '无人处理超过（分钟）', stuck: '在「{{state}}」超过（分钟）', window: '冲突指令间隔（秒）',
    presale: '预售商品', presaleHint: '每行一个：SKU 和供应商承诺到货日期，例如 "SKU-0001 2026-12-10"。',
  },
  orderRules: {
    title: '规则', none: '目前没有规则对此订单生效。', evaluations: '规则已运行 {{count}} 次（到达时及每次变化）', tags: '标签', packerNote: '给打包员的备注',
    held: '被规则「{{name}}」挂起（{{type}}）', heldSince: '自 {{time}} 起', releaseAt: '将于 {{time}} 自动解除', released: '已解除', released_by_person: '已由人工解除',
  },
};
