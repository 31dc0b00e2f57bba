import type { en } from './en';

export const zhCN: typeof en = {
  tracking: {
    title: '物流跟踪', waybill: '运单号', order: '订单', carrier: '快递公司', status: '状态', lastEvent: '最新动态', handedOver: '交接时间',
    stalledOnly: '只看异常', all: '全部状态', none: '还没有交给快递的包裹。日终交接后，包裹会出现在这里。',
    stalledCount: '{{count}} 个包裹需要处理', journey: '物流轨迹', notTracked: '尚未交接给快递。', noEvents: '快递暂无动态。',
    notSubscribed: '尚未在跟踪服务订阅：{{error}}', pollNow: '立即查询快递', scanNow: '立即检查异常',
    polled: '订阅 {{subscribed}} 个，查询 {{polled}} 个', scanned: '新增 {{count}} 个异常',
    statuses: {
      info_received: '已下单', picked_up: '已揽收', in_transit: '运输中', out_for_delivery: '派件中', failed_attempt: '派送失败',
      delivered: '已签收', returned_to_sender: '退回', refused: '拒签', exception: '疑难', expired: '跟踪过期',
    },
    stalls: {
      not_picked_up: '未揽收', no_update: '无更新', problem: '派送异常', refused: '拒签', returned: '退回中', expired: '跟踪服务已过期',
    },
    todo: {
      not_picked_up: '联系快递上门揽收', no_update: '联系快递查件', problem: '先联系客户，再联系快递',
      refused: '联系客户；包裹将退回', returned: '联系客户；等待退回', expired: '向快递发起理赔',
    },
    rules: '异常规则', rulesHelp: '包裹违反所属快递的规则时，在主管队列中生成异常（* 表示其他所有快递）。',
    pickupHours: '交接后未揽收（小时）', transitHours: '运输中无更新（小时）', deliveryHours: '派件中超过（小时）', saveRule: '保存规则', ruleSaved: '已保存 {{carrier}} 的规则',
  },
  carrierAccounts: {
    title: '快递账号', help: '每家快递的运单号从哪里来。使用快递100电子面单账号时，包裹在打包台确认后，由快递返回运单号、大头笔和集包地。',
    carrier: '快递编码', source: '运单号来源', sources: { range: '号段', kuaidi100: '快递100电子面单账号' },
    template: '面单', templates: { 'cn-ewaybill-76x130': '电子面单 76 × 130 一联单', 'cn-ewaybill-100x180': '电子面单 100 × 180 二联单', 'shipping-4x6': '通用面单 4 × 6' },
    apiBase: '电子面单接口地址', pollBase: '物流跟踪接口地址', key: '授权 Key', secret: 'Secret', secretKept: '已保存；留空则保持不变', customer: 'Customer',
    partnerId: '快递账号（月结卡号）', partnerKey: '快递账号密码', net: '网点', service: '产品类型', payType: '付款方式', insuredYuan: '保价金额（元）',
    payTypes: { MONTHLY: '寄付月结', SHIPPER: '寄付现结', CONSIGNEE: '到付' },
    callbackUrl: '物流推送地址', timeoutMs: '等待快递（毫秒）', save: '保存账号', saved: '已保存 {{carrier}} 的账号', test: '测试调用',
    testOk: '可用：{{message}}（{{ms}} 毫秒）', testFailed: '不可用：{{message}}', lastTest: '上次测试 {{at}}', none: '还没有快递账号：所有快递都使用号段。',
    edit: '编辑', add: '新增或修改账号', onlyAdmin: '只有管理员可以修改快递账号。', noAccess: '快递账号仅对主管和管理员开放。',
    warehouse: '仓库', shopWide: '全店通用（没有自己账号的仓库都用它）',
    warehouseHelp: '每个仓库可以用自己的快递账号（月结卡号）和寄件地址发同一家快递；没有自己账号的仓库使用全店通用账号。',
    senderName: '寄件人', senderPhone: '寄件人电话', senderAddress: '寄件地址', senderHelp: '留空：面单和快递下单都使用"设置 > 店铺"里的寄件人。',
  },
};
