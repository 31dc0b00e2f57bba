import type { en } from './en';

export const zhCN: typeof en = {
  waves: {
    title: '波次', build: '建立波次', pickWarehouse: '一个波次只属于一个仓库：请先在上方选择仓库再规划（“全部仓库”显示所有仓库的波次）。', savedRules: '已保存的规则', newRule: '新规则', take: '选哪些订单', readyToo: '包括待分配（释放时分配库存）', carriers: '快递', channels: '渠道',
    zones: '库区（全部商品在内）', withinHours: '几小时内须发货', shipByBefore: '最晚发货早于', minPriority: '优先级至少', containsSku: '包含 SKU', singleUnit: '只要单品单件',
    groupAndCaps: '分组与上限', groupBy: '每个波次按', group: { none: '不分组（一个波次）', carrier: '快递', zone: '库区' }, capOrders: '最多订单', capSlots: '拣货车格口',
    capUnits: '最多件数', capWeight: '最大重量（kg）', preview: '预览', ruleName: '规则名称', saveRule: '保存规则', deleteRule: '删除规则', ruleSaved: '规则“{{name}}”已保存',
    previewTitle: '预览', poolLine: '查看 {{pool}} 个待处理订单 · {{eligible}} 个符合 · {{leftOver}} 个超出上限，留给下一波次', nothing: '现在没有订单符合这条规则。', groupCol: '分组',
    orders: '订单', units: '件数', pickLines: '拣货行', walking: '行走', weight: '重量', earliest: '最早发货时间', severalZones: '跨库区', singles: '单品', bench: '打包台',
    anyBench: '任意打包台', release: '释放 {{count}} 个波次：{{orders}} 单，{{units}} 件', released: '已释放 {{numbers}}', skipped: '{{count}} 个订单在预览后有变化，留在订单池：',
    meta: '打包台 {{bench}} · 快递 {{carriers}} · 释放于 {{at}}', printPickList: '拣货单 PDF', openPdf: '打开 PDF', downloadPdf: '下载 PDF', pause: '暂停',
    resume: '继续', pickingDone: '拣货完成', pickList: '拣货单', ordersBySlot: '按格口的订单（{{count}}）',
    pickSummary: '{{lines}} 行 · {{units}} 件 · 约 {{walking}} 米，按行走顺序', slots: '格口 × 数量', slot: '格口', sorted: '已分拣', pull: '移出', pullOut: '移出…',
    pulledBadge: '已移出', pulled: '已从格口 {{slot}} 移出，订单回到订单池。', pulledWithUnits: '已从格口 {{slot}} 移出：请把格口里的 {{count}} 件放回货架。',
    state: { released: '已释放', paused: '已暂停', done: '已完成' }, progressLine: '已拣 {{picked}}/{{orders}} · 已打包 {{packed}}/{{orders}}',
    sortedLine: '已分拣 {{sorted}}/{{units}} 件', troubleLine: '{{exceptions}} 个异常，{{onHold}} 个挂起', cancelledLine: '{{count}} 个已取消',
    pulledLine: '{{count}} 个已移出', noWaves: '还没有波次：在左边建立一个。', inProgress: '波次', benches: '今日打包台', endOfDay: '日终交接',
    handoverHint: '已打包订单的已贴单包裹，按快递列出。交接时打印双方签字的交接清单，订单标记为已发货。', nothingToHandOver: '没有等待交接的包裹。', parcels: '包裹', showParcels: '包裹明细…', handOver: '交接…',
    confirmHandover: '交接 {{parcels}} 个包裹并打印', parcelsFor: '等待 {{carrier}} 揽收', waybill: '运单号', piece: '件', destination: '目的地',
    handedOver: '{{number}}：{{parcels}} 个包裹、{{kg}} kg 已交给 {{carrier}}，订单已发货。', manifests: '交接清单', noManifests: '还没有交接清单。', manifest: '清单',
    handedOverAt: '交接时间', emptySlot: '把格口里的 {{count}} 件放回货架', leadsOnly: '组长建立并释放波次。点击右边的波次查看拣货单。',
    settings: {
      cutoffs: '快递截单时间', cutoffsHint: '各快递当天最后揽收时间（本地时间）。波次页面会显示倒计时。', remove: '删除', addCarrier: '添加快递', walkingPath: '拣货路径',
      pattern: '库位编码格式（正则表达式）', patternHint: '用命名分组 zone、aisle、bay、level 读取库位编码，例如 A-03-12-2。按库区顺序走，巷道呈蛇形：第一条往里，下一条往外。', aisleSpacing: '巷道间距（米）',
      bayWidth: '货位宽度（米）', zoneGap: '库区之间（米）', walkingOrder: '库位行走顺序',
      walkingOrderHint: '共 {{count}} 个库位。按序号行走：路径上的位置 × 10，或自定义序号（*）。25 表示在第 2 和第 3 个之间。', findBin: '查找库位', sequence: '序号', zone: '库区', aisle: '巷道',
      bay: '货位', level: '层', setSequence: '设置…', clearSequence: '清除',
    },
  },
};
