import type { en } from './en';

export const zhCN: typeof en = {
  returns: {
    title: '退货', requests: '退货申请', bench: '退货台', report: '退货原因', held: '待处理库存', settings: '退货',
    searchPlaceholder: 'RMA、订单号、运单号或平台单号', number: 'RMA', order: '订单', state: '状态', reason: '原因', units: '件数',
    value: '金额', created: '创建时间', source: '来源', waybill: '退货运单', refund: '退款', outsideWindow: '超出退货期',
    newReturn: '新建退货', orderCode: '订单号、平台单号或运单号', load: '载入订单', create: '提交退货申请', note: '备注',
    qtyBack: '退回件数', lines: '明细', graded: '已验货商品', history: '记录', grade: '等级', bin: '库位', photo: '照片', expected: '预期',
    accounted: '已清点 {{done}} / {{total}} 件', approvers: '审批人：{{roles}}', noOrder: '此包裹未找到订单',
    codes: '包裹上的单号', linkedOrder: '关联订单', reference: '支付流水号', writeOff: '报损', writtenOff: '已报损',
    resolution: '处理方式', exchangeSku: '换发（SKU）', declineReason: '拒绝原因', unitValue: '单件金额', item: '商品',
    import: '导入退货申请', importHelp: 'CSV 或 Excel 文件，列为 订单号、商家编码、数量、退货原因、备注（或 order, sku, qty, reason, note）：每个订单一条申请。',
    imported: '已创建 {{count}} 条申请：', importRow: '第 {{row}} 行，{{column}} 列',
    ev: {
      requested: '客户申请', received_unknown: '无申请到货', approve: '审核通过', decline: '已拒绝', cancel: '已取消', mark_in_transit: '退回途中',
      receive: '退货台收货', unit_graded: '单件验货', finish_inspection: '验货完成', resolve: '已处理', refund_approved: '退款已审批',
      refund_recorded: '退款已登记', close: '已关闭', unit_written_off: '单件报损',
    },
    action: {
      approve: '审核通过', decline: '拒绝', cancel: '取消退货', mark_in_transit: '标记退回中', receive: '收货', finish_inspection: '完成验货',
      resolve: '处理', close: '关闭', approveRefund: '审批退款', recordRefund: '登记已退款',
    },
    st: {
      requested: '已申请', approved: '已审核', in_transit: '退回中', received: '已收货', inspected: '已验货', resolved: '已处理', closed: '已关闭',
      declined: '已拒绝', cancelled: '已取消',
    },
    src: { person: '客服', channel: '平台', unknown: '无申请到货' },
    rs: {
      size_too_large: '尺码偏大', size_too_small: '尺码偏小', colour: '颜色', defective: '质量问题', not_as_described: '与描述不符',
      wrong_item: '发错货', damaged_in_transit: '运输破损', changed_mind: '七天无理由', other: '其他',
    },
    gr: { sellable: '良品', damaged: '次品', repair: '待维修', scrap: '报废', missing: '缺件', not_ours: '非本店商品' },
    res: { refund: '退款', exchange: '换货', resend: '补发', reject: '拒绝' },
    refundSt: { none: '无退款', pending: '待审批', approved: '已审批未付', recorded: '已退款' },
    b: {
      scannersHere: '{{bench}} 的扫描枪已接到此屏幕', scannersNot: '打包台扫描枪未接到此屏幕：{{why}}', scannersBack: '{{bench}} 已切回打包', scannersTake: '使用打包台扫描枪',
      scanParcel: '扫描退货运单、订单或 RMA', scanItem: '逐件扫描商品', chooseGrade: '为 {{code}} 选择等级',
      received: '{{number}} 已收货：请逐件扫描', opened: '未找到申请：已新建无申请退货 {{number}}', openedOrder: '无申请：已为订单 {{order}} 新建 {{number}}',
      putBack: '放回库位 {{bin}}', gradedAs: '{{code}} 判定为 {{grade}}', unexpected: '此退货未包含该商品：发错或多出',
      notAtBench: '{{number}} 状态为 {{state}}：不在退货台处理', finished: '{{number}} 已验货：退款 {{amount}}', left: '还有 {{count}} 件未扫描',
      countMissing: '记 {{count}} 件缺件并完成', nextParcel: '下一个包裹', camera: '摄像头', cameraOn: '打开摄像头', takePhoto: '拍照',
      photoReady: '照片将随下一次判定保存', noCamera: '无摄像头：{{error}}', typeCode: '输入单号后按回车', open: '打开 {{number}}',
    },
    r: {
      days: '最近 {{days}} 天', byReason: '按原因', bySku: '按商品', byChannel: '按平台', byPacker: '发错货（按打包员）', byGrade: '按等级',
      share: '占比', previous: '上期', flagged: '激增', returnsCount: '退货单', nothing: '此期间没有退货',
    },
    s: {
      approvalLimit: '审批金额（不超过此金额由操作员审批，超过由组长审批）', windowDays: '退货期（发货后天数）', returnsBin: '无库位商品的退货库位',
      leadsOnly: '仅组长或管理员可修改',
    },
  },
};
