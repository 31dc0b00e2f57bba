import type { en } from './en';
import { packMessagesZhCN } from './msg.zh-CN';

export const zhCN: typeof en = {
  pack: {
    title: '打包台', warehouse: '本打包台所属仓库（只打包本仓订单）', nobody: '未登录', counters: '本班次', parcels: '包裹', items: '件', errors: '错误', noStation: '无法连接打包台工作站，正在自动重连。',
    coreLost: '自 {{time}} 起无法连接订单中心',
    coreLostWorks: '仍可使用：扫描和称重手上的包裹（保存在本打包台）、电子秤、扫描枪、打印机',
    coreLostWaits: '等待订单中心：面单（订单中心恢复后一秒内自动打印）、下一单、组长工牌',
    watching: '观看中：{{name}} 正在此打包台打包', returnsMode: '退货收货中：{{name}} 在退货台使用此打包台的扫描枪', backToPacking: '切回打包',
    testScans: '测试扫描：{{by}} 正在设备页面测试扫描枪 {{scanner}}，直到 {{time}}；在此期间它的扫描不用于打包', takeOver: '接管打包台',
    say: {
      login: '请扫描工牌', idle: '请扫描订单、拣货单、周转箱或商品', verify: '逐件扫描商品 · {{number}}', weigh: '请把第 {{index}} 箱放上电子秤', label: '正在打印面单…',
      done: '面单已打印 · 请扫描下一单',
    },
    alert: {
      unknown_code: '无法识别的条码', wrong_item: '商品错误', extra_item: '商品多了', wrong_order: '不是这个订单', overweight: '重量超标', underweight: '重量不足',
      unstable: '重量不稳定', cancelled: '订单已取消', on_hold: '订单已挂起', changed: '订单已变更', intercept: '请拦截此包裹', printer: '打印机故障', scale: '电子秤故障', core: '连接中断',
      not_allowed: '不允许', short: '已报缺货',
    },
    putWall: '播种墙 · 波次 {{wave}}', slotMore: '{{order}} · 还差 {{count}} 件', slotComplete: '{{order}} 已齐：请打包', slot: '格口 {{slot}}', scanned: '已扫',
    scale: '电子秤', stable: '稳定', motion: '晃动中…', noScale: '没有称重读数', expected: '预计 {{g}} 克（{{min}}–{{max}} 克）', unknownWeight: '有商品尚无重量：本包裹将用于学习重量。',
    box: '箱型', suggested: '建议 {{name}}（{{code}}）', parcelN: '第 {{index}} 箱', lastLabel: '上一张面单', intercepts: '待拦截包裹', typeCode: '输入条码后按回车',
    reasonPlaceholder: '补打、作废、缺货或主管放行的原因', commandSheet: '指令条码', print: '打印',
    reasonIs: '原因：{{reason}}', noWeight: '秤上没有东西', inBand: '在预计重量范围内', outBand: '超出预计重量范围',
    msg: packMessagesZhCN,
    cmd: { newBox: '新开一箱', reprint: '补打面单', void: '作废面单', short: '缺货', override: '主管放行', skip: '撤下此单', logout: '退出登录', qty: '下一件 × {{n}}' },
  },
  weights: {
    title: '打包台学到的重量', hint: '只有这一件商品没有重量的包裹会推算出它的单件重量。核对后接受（之后会用来校验每个包裹），或先修正。', proposed: '单件重量（克）', range: '观测范围', samples: '包裹数', accept: '接受',
    reject: '拒绝',
  },
};
