import type { en } from './en';

export const zhCN: typeof en = {
  exceptions: {
    title: '异常', none: '没有待处理的异常。', resolve: '处理…', whatDone: '做了什么处理', keepParcels: '保留包裹和运单（订单可以发出）',
    kind: { short: '缺货', weight_override: '重量放行', intercept: '拦截', other: '其他' }, missing: '缺 {{count}} 件',
    weight: '实称 {{measured}} g，应为 {{expected}} g（{{min}}–{{max}}）', intercept: '拦下包裹：{{waybills}}',
    fix: { found: '找到商品，继续打包', repick: '已从其他库位补拣', weightOk: '已开箱检查：重量无误', pulled: '包裹已拦下，商品放回货架', done: '已处理' },
  },
};
