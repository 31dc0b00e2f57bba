import type { en } from './en';

export const zhCN: typeof en = {
  labels: {
    title: '标签与面单', templates: '面单模板', template: '模板', size: '尺寸', kind: '类型', mm: '{{w}} × {{h}} 毫米',
    kinds: { waybill: '电子面单', shipping: '快递标签', logistic: 'GS1 物流标签', 'packing-slip': '装箱单', 'pick-list': '拣货单', manifest: '交接清单' }, shopCopy: '店铺副本',
    shopFolder: '自定义模板：把 resources/labels 中的模板文件复制到此文件夹后修改；同名副本会替换内置模板：', leftOut: '{{file}} 未载入：', resolution: '打印机分辨率',
    orderPlaceholder: '订单号，例如 PL0000007', previewOrder: '用此订单预览', sampleData: '恢复示例数据', download: '下载 {{format}}', showingOrder: '订单 {{order}}',
    showingSample: '示例数据', previewOf: '{{name}} 预览',
  },
  waybills: {
    title: '运单号段', carrier: '快递公司', range: '序号范围', next: '下一个单号', remaining: '剩余', low: '即将用完', usedUp: '已用完', inactive: '已停用',
    none: '尚无号段。快递公司分配运单号段后，在此添加。', carrierLow: '快递 {{carrier}} 仅剩 {{count}} 个运单号，请尽快添加号段。', carrierOut: '快递 {{carrier}} 的运单号已用完，请添加号段。',
    scheme: '校验位', schemes: { s10: 'UPU S10（RR123456785CN）', mod10: '模 10（GS1）', mod11: '模 11', none: '无' }, prefix: '前缀', suffix: '后缀',
    width: '序号位数', first: '起始序号', last: '结束序号', lowWater: '剩余预警数', add: '添加号段', added: '已为 {{carrier}} 添加号段：{{first}} … {{last}}',
  },
};
