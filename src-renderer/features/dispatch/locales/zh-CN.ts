import type { en } from './en';

export const zhCN: typeof en = {
  warehouses: {
    title: '仓库', picker: '仓库', all: '全部仓库', code: '代码', name: '名称', province: '省份', city: '城市', address: '地址',
    active: '启用', inactive: '已停用', isDefault: '默认仓', defaultBadge: '默认', benches: '打包台', benchesHelp: '在 设置 -> 打包台 中为打包台选择仓库',
    cutoffs: '本仓快递截单时间', shopCutoffs: '同店铺设置', cutoffsHelp: '快递与最后交接时间（HH:MM），例如 sf 15:00, zto 16:30：在本仓覆盖店铺设置中的截单时间；未列出的快递沿用店铺设置。截单卡片和“有延误风险”按此计算。',
    bins: '库位', add: '新建仓库', edit: '编辑 {{code}}', adminsOnly: '只有管理员可以修改仓库。', column: '仓库',
  },
  routing: {
    title: '分仓规则', help: '订单到达时和地址变更时分配仓库：有全部货品的仓库优先；其中先按第一条匹配省份或城市的规则，再按优先级。若没有仓库能备齐，货品最多的仓库接单，缺少的部分生成调拨建议。',
    enabled: '启用分仓（关闭：所有订单进默认仓）', priority: '优先级（靠前先试）', up: '上移', down: '下移',
    rules: '区域规则（第一条匹配生效）', ruleName: '规则', warehouse: '分到仓库', provinces: '省份', cities: '城市', placesHelp: '用空格或逗号分隔，例如 四川 重庆 云南',
    addRule: '添加规则', remove: '删除', active: '启用', leadsOnly: '组长和管理员可以修改分仓规则。',
    transfers: '调拨建议', noTransfers: '没有等待调拨的订单。', order: '订单', sku: 'SKU', qty: '件数', from: '调出', to: '调入', buy: '需采购',
    orderWarehouse: '仓库', reroute: '改派仓库', rerouteTo: '改派到', reason: '原因', routeAgain: '按分仓规则', transferLine: '{{qty}} × {{sku}} 从 {{from}} 调入',
    split: '没有单个仓库能备齐的订单可以拆单：每个仓库发一个包裹',
    splitHelp: '关闭：订单整单进货品最多的仓库，等待调拨。开启：每个仓库打包发出自己那部分；顾客仍只有一个订单，平台会收到每个包裹及其商品行的回传。',
    splitTitle: '已拆成 {{n}} 个包裹', partOf: '订单 {{number}} 的一个包裹（按仓库拆单）：顾客看到的仍是一个订单。', shipment: '包裹', state: '状态', lines: '商品',
    manual: '已手动指定：分仓规则（如地址变更）不会再改动。', clearManual: '交回分仓规则',
  },
};
