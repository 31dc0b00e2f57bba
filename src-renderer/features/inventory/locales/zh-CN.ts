import type { en } from './en';

export const zhCN: typeof en = {
  inventory: {
    belowSafety: '仅显示低于安全库存', safety: '安全库存', searchPlaceholder: 'SKU、条码、库位或名称',
    tabs: { stock: '库存', receive: '入库', movements: '库存流水' },
    alerts: '{{count}} 个商品低于安全库存', alertsTitle: '低于安全库存的商品', showAlerts: '查看',
    change: '调整库存', changeHint: '点击一行库存，或输入 SKU 和库位。', sku: 'SKU 或条码', bin: '库位', kind: '操作', qty: '数量',
    delta: '变化（+/−）', counted: '盘点数', toBin: '目标库位', reason: '原因', apply: '执行', done: '完成：{{sku}} 在 {{bin}} 现有 {{onHand}} 件',
    moved: '已移库：{{from}} 现有 {{fromOnHand}}，{{to}} 现有 {{toOnHand}}', readOnly: '只有组长或管理员可以修改库存。',
    kinds: { adjust: '调整', count: '盘点', move: '移库', receive: '入库', move_out: '移出', move_in: '移入', pack: '打包出库', unpack: '退回待打包', restock: '退回库存', ship: '发货' },
    source: '来源', sources: { supplier: '供应商', transfer: '调拨' }, reference: '供应商 / 送货单号或调拨单',
    scanHint: '现在扫描商品：每扫一次加一件（整箱条码按箱内件数计）。也可输入编码后按回车。',
    code: '编码', product: '商品', scans: '扫描次数', units: '件数', unknown: '未知编码', clear: '清空', receive: '入库 {{count}} 件',
    received: '已入库 {{units}} 件到 {{bin}}', nothingScanned: '尚未扫描。', note: '备注',
    filters: '筛选', person: '人员', from: '从', to: '到', anyKind: '全部类型', anyone: '所有人', when: '时间', change_: '变化', after: '变化后',
    ref: '单据',
  },
};
