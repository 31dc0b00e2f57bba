import type { en } from './en';

export const zhCN: typeof en = {
  products: {
    searchPlaceholder: '扫描或输入 SKU、条码或名称', barcodes: '条码', units_one: '{{count}} 件', units: '{{count}} 件', stock: '库存', onHand: '在库', available: '可用', inTransit: '在途',
    weight: '重量', location: '库位', price: '价格', noWeight: '尚无重量',
    tabs: { products: '商品', boxTypes: '箱型', bins: '库位' },
    status: { active: '启用', inactive: '已停用', all: '全部' },
    image: '图片', name: '名称', new: '新建商品', edit: '编辑', create: '创建商品', created: '商品 {{sku}} 已创建', saved: '已保存',
    deactivate: '停用', reactivate: '重新启用', deactivated: '已停用', deactivateHint: '停用的商品不在列表中显示；其条码仍可为旧订单扫描。',
    sku: 'SKU', code: '条码', caseUnits: '件数（整箱）', addBarcode: '添加条码', remove: '删除', weightG: '单件重量（克）',
    dimensions: '尺寸（毫米）', lengthMm: '长', widthMm: '宽', heightMm: '高', safetyStock: '安全库存', currency: '币种',
    uploadImage: '上传图片…', removeImage: '删除图片', imageHint: 'PNG、JPEG、WebP 或 GIF，最大 2 MB。显示在打包界面上。',
    mappings: '渠道 SKU', mappingsHint: '平台对该商品的编码；订单导入据此找到商品。', channel: '渠道',
    channelSku: '渠道 SKU', addMapping: '添加对应', noMappings: '尚无渠道 SKU。',
    import: '导入文件…', exportCsv: '导出 CSV', exportXlsx: '导出 Excel',
    importDone: '已导入 {{rows}} 行：新建 {{created}}，更新 {{updated}}，未变 {{unchanged}}，拒绝 {{refused}}。',
    importHint: 'CSV 或 Excel，列与导出相同：sku、name、barcodes（条码或 条码*件数，用 ; 分隔）、unit_weight_g、length_mm、width_mm、height_mm、bin、safety_stock、price、currency、active。空单元格保留原值。',
    row: '行', column: '列', problem: '问题', readOnly: '只有组长或管理员可以修改商品。',
    boxCode: '编码', boxName: '名称', tareG: '皮重（克）', maxWeightG: '最大重量（克）', addBox: '添加箱型', boxAdded: '箱型 {{code}} 已添加',
    binCode: '库位编码', zone: '区', aisle: '巷道', bay: '货架', level: '层', sequence: '拣货顺序', addBin: '添加库位', binAdded: '库位 {{code}} 已添加',
    binHint: '编码如 A-03-12-2（区、巷道、货架、层）。商品或库存操作中填写的库位会自动创建。',
  },
};
