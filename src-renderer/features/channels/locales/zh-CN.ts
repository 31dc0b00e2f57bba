import type { en } from './en';

// 设置 -> 销售渠道
export const zhCN: typeof en = {
  channels: {
    title: '销售渠道', intro: '订单从店铺自动进来；平台取消会拦停打包台；包裹贴标后运单号自动回传平台。',
    onlyManagers: '只有组长和管理员可以查看销售渠道。', none: '还没有接入任何销售渠道。',
    connect: '接入销售渠道', kind: '平台', kinds: { shopify: 'Shopify', woocommerce: 'WooCommerce', douyin: '抖店消息推送', generic: '其他系统（签名 JSON）' },
    name: '名称', code: '渠道代码', secret: 'Webhook 密钥', appKey: 'App Key（抖店）', apiBase: 'API 地址', apiKey: 'API 令牌 / Consumer Key', apiSecret: 'Consumer Secret',
    writeBackUrl: '回传地址', defaultCarrier: '订单默认快递', pollMinutes: '补单轮询间隔（分钟，0 为关闭）', writeBackOn: '运单回传时机',
    on: { labelled: '包裹贴标后', handed_over: '快递揽收后' }, save: '接入', connected: '{{name}} 已接入：请把 Webhook 地址填到平台。',
    webhookUrl: 'Webhook 地址', copy: '复制', copied: '已复制', secretHint: '密钥末尾为 {{hint}}',
    health: '同步状态', lastDelivery: '最近推送', never: '从未', success: '已处理（24 小时）', delay: '平台 → 本地延迟（p50 / p95）',
    refused: '签名被拒', pending: '待回传', dead: '死信', breaker: '平台持续出错：回传暂停到 {{until}}',
    cursor: '轮询游标', pollError: '上次轮询失败：{{error}}', test: '发送测试推送', testOk: '测试推送已接受（{{status}}）：地址和密钥正确。',
    testFailed: '测试推送被拒（{{status}}）：{{message}}', poll: '立即补单', polled: '读取 {{seen}} 个订单；游标 {{cursor}}', inbox: '收件箱',
    deliveries: '推送记录', refusals: '被拒的推送', received: '收到时间', topic: '主题', deliveryId: '推送 ID', state: '状态', result: '处理结果',
    states: { pending: '等待处理', done: '已处理', duplicate: '重复', stale: '旧版本', failed: '失败', test: '测试' },
    view: '查看', replay: '重新处理', replayed: '已重新处理：{{result}}', raw: '原始推送', reason: '原因', bytes: '字节',
    writeBacks: '发货回传', order: '订单', waybill: '运单号', carrier: '快递', attempts: '尝试次数', lastError: '最近错误', nextTry: '下次重试',
    wbStates: { pending: '等待', sent: '已回传', held: '已暂停', dead: '死信' }, retry: '重试', retried: '已重新发送', allStates: '全部',
    unmapped: {
      title: '未对应的商品编码', hint: '订单里的平台商品编码没有对应到本店的 SKU 时，订单会被暂停。对应好编码后，被它暂停的订单自动恢复。',
      orderHint: '这些平台商品编码对应到本店的 SKU 之前，此订单保持暂停。', none: '所有平台商品编码都已对应。',
      channel: '渠道', channelSku: '平台商品编码', name: '平台上的商品名', orders: '暂停的订单', ourSku: '本店 SKU', ourSkuHint: '本店 SKU 编码',
      map: '对应此编码', mapped: '{{channelSku}} 已对应到 {{sku}}：相关订单已恢复。',
    },
  },
};
