import type { en } from './en';

export const zhCN: typeof en = {
  board: {
    noCarrier: '无快递', noCutoff: '未设截单时间',
    pickupToday: '下次揽收 今天 {{time}} · 还剩 {{h}} 小时 {{m}} 分', pickupTomorrow: '下次揽收 明天 {{time}} · {{h}} 小时 {{m}} 分后',
    carrierWork: '{{pool}} 待建波次 · {{inWave}} 拣货中 · {{packing}} 打包中 · {{packed}} 已打包', exceptionsCount: '{{count}} 个异常', bench: '打包台',
    noBenches: '今天还没有打包的包裹。', onBench: '台上订单', parcelsToday: '今日包裹', lastParcel: '最近一个包裹',
  },
  centre: {
    overview: '总览', floor: '现场实况', operators: '操作员', wall: '大屏',
    trend: '最近 14 天', shipped: '已发货', parcels: '包裹', onTimePct: '准时率 %', backlogByAge: '积压（按时长）', holdsByReason: '挂起（按原因）',
    returnsByReason: '退货原因（30 天）', nothing: '暂无。', openList: '查看这个数字背后的订单',
    late: '已超时：过了最晚发货时间', atRisk: '有风险：必须赶上下次揽收', nothingLate: '没有超时订单。', nothingAtRisk: '没有风险订单。',
    order: '订单', state: '状态', carrier: '快递', shipBy: '最晚发货', created: '下单', holdReason: '挂起原因', shippedAt: '发货时间',
    cutoffs: '截单', benches: '打包台', parcelsPerBench: '今日各打包台包裹', waves: '进行中的波次', wavePacked: '已打包 {{packed}} / {{orders}}', noWaves: '没有进行中的波次。',
    back: '返回', definition: '定义', ordersTotal: '共 {{count}} 单', noOrders: '这个数字背后没有订单。',
    packer: '打包员', units: '件数', hours: '打包时长（小时）', pph: '包裹/小时', uph: '件/小时', overrides: '超重放行', firstScan: '首次扫描', lastLabel: '最后面单',
    day: '日期', ownOnly: '你自己当天的数据。', noPacking: '这一天没有打包的包裹。', pphChart: '每小时包裹数',
    wallIntro: '大屏无需登录即可在电视上显示现场实况。它只能读取现场数据；撤销后电视即停止显示。',
    wallName: '屏幕名称（如 发货区电视）', wallCreate: '生成大屏链接', wallUrlOnce: '在电视上打开这个地址。它只显示这一次：',
    wallRevoke: '撤销', wallRevoked: '已撤销', wallNone: '还没有大屏链接。', wallRefused: '这个大屏链接无效或已被撤销。请找组长要一个新链接。',
    updated: '更新于 {{time}}', name: '名称', createdAt: '创建时间',
    shopWide: '全店',
  },
  kpi: {
    backlog: '积压', backlog_lt4h: '< 4 小时', backlog_today: '4–24 小时', backlog_1d: '1 天', backlog_2d: '2 天以上', holds: '挂起',
    late: '超时', at_risk: '有风险', shipped_today: '今日发货', on_time_due_today: '今日应发', on_time_today: '今日准时',
    on_time_rate_today: '今日准时率', on_time_rate_7d: '7 天准时率', ship_p50_min: '下单到发货 p50', ship_p90_min: '下单到发货 p90',
    parcels_today: '今日包裹', units_today: '今日件数', parcels_per_hour: '每小时包裹', units_per_hour: '每小时件数',
    packer_pph: '每小时包裹（打包员）', bench_pph: '每小时包裹（打包台）',
    mispack_rate_7d: '7 天错发率', weight_overrides_7d: '7 天超重放行', wrong_item_returns_7d: '7 天发错货退货',
    exceptions_open: '未处理异常', exceptions_oldest_min: '最久的异常', channel_sync_delay_s: '渠道同步延迟', channel_success_rate: '渠道成功率',
    tracking_stalls: '物流停滞', returns: '30 天退货', payout_differences_open: '未解释的结算差异',
  },
  units: { pct: '%', min: '分钟', s: '秒', perHour: '/小时' },
};
