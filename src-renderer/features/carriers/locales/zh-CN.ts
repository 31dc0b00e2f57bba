import type { en } from './en';

export const zhCN: typeof en = {
  carriers: {
    title: '快递公司', code: '代码', nameEn: '英文名称', nameZh: '中文名称', trackingUrl: '查询网址', trackingHint: '运单号的位置写 {number}',
    labelTemplate: '面单模板', waybillSource: '运单号来源', sources: { range: '号段', account: '快递公司账号（电子面单接口）' },
    services: '服务', servicesHint: '用逗号分隔，例如 标快 Standard, 特快 Express', active: '使用中', inactive: '未使用',
    add: '添加快递公司', added: '已添加快递公司 {{code}}', saved: '已保存快递公司 {{code}}', edit: '编辑', use: '使用', stopUsing: '停用',
    intro: '每个订单、号段和交接单都用代码指明快递公司。快递公司不能删除，只能停用。',
    none: '还没有快递公司。', adminOnly: '只有管理员可以修改快递公司。',
  },
};
