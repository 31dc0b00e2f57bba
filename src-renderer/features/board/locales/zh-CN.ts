import type { en } from './en';

export const zhCN: typeof en = {
  board: {
    noCarrier: '无快递', noCutoff: '未设截单时间', cutoffLeft: '截单 {{time}} · 还剩 {{h}} 小时 {{m}} 分', cutoffPassed: '截单 {{time}} 已过 {{h}} 小时 {{m}} 分',
    carrierWork: '{{pool}} 待建波次 · {{inWave}} 拣货中 · {{packing}} 打包中 · {{packed}} 已打包', exceptionsCount: '{{count}} 个异常', bench: '打包台',
    noBenches: '今天还没有打包的包裹。', onBench: '台上订单', parcelsToday: '今日包裹', lastParcel: '最近一个包裹',
  },
};
