import type { en } from './en';

export const zhCN: typeof en = {
  merges: {
    settings: '合单',
    enabled: '同一买家、同一地址的订单合并为一个包裹发货',
    hint: '可合并的订单：已占用库存、尚未进入波次、同一仓库、同一渠道、同一快递，且都没有挂起或取消。订单带有平台合单标识时按平台标识匹配；否则按收件人姓名、电话和完整地址匹配（空格和全角字符不影响）。打包员扫其中一单，其余订单一起上打包台：一箱、一张面单；每个平台回传各自的订单，运单号相同。',
    channels: '仅限这些渠道（渠道代码，逗号分隔）',
    allChannels: '所有渠道',
    leadsOnly: '只有主管或管理员可以修改。',
    now: '当前的合单',
    none: '目前没有可合并的订单。',
    orders: '订单',
    state: '状态',
    by: '匹配依据',
    states: { planned: '到打包台时合并', packing: '打包中', labelled: '已打面单' },
    byKinds: { platform: '平台合单标识', address: '姓名、电话和地址' },
    orderBox: '合单发货',
    orderShipsWith: '与 {{orders}} 合并为一个包裹（{{state}}；匹配依据：{{by}}）。',
    benchMerged: '{{orders}} 合为一个包裹：同一买家、同一地址。请逐行扫描。',
    packerNote: '备注：{{note}}',
  },
};
