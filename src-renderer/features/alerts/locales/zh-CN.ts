import type { en } from './en';

export const zhCN: typeof en = {
  alerts: {
    title: '告警', open: '正在告警', none: '当前没有告警。', recent: '最近 24 小时', todo: '处理办法', count_one: '1 次', count_other: '{{count}} 次',
    since: '自 {{at}}', cleared: '已恢复', badge: '{{count}} 条告警',
    raisedNow: '触发时为 {{first}}（{{at}}）· 当前 {{now}}',
    thresholds: '阈值', thresholdsHint: '指标越过阈值即告警；同一窗口内的重复告警合并为一条消息并计数。',
    metric: '指标', now: '当前', op: '条件', above: '高于', below: '低于', value: '数值', level: '级别', warning: '警告', critical: '严重',
    window: '窗口（分钟）', addThreshold: '设定阈值', remove: '删除', firing: '告警中', ok: '正常', noThresholds: '尚未设定阈值。',
    evaluate: '立即检查', checked: '已检查：新告警 {{count}} 条',
    log: '发送记录', logHint: '每个通知渠道收到的内容（机器人或邮箱所见）。', channel: '渠道', what: '类型', state: '状态',
    at: '时间', attempts: '尝试', noLog: '尚未发送。', image: '+ 图表图片', retry: '重新发送',
    kinds: { alert: '告警', brief: '每日简报', test: '测试' },
    states: { pending: '等待', sending: '发送中', sent: '已送达', dead: '失败', unsure: '不确定' },
  },
  notify: {
    title: '通知', adminOnly: '只有管理员可以设置通知渠道。',
    hint: '告警和每日简报发往：企业微信或钉钉群机器人、邮箱，或带签名的 Webhook。机器人地址必须是 https。',
    channels: '渠道', none: '尚无渠道：告警只显示在“告警”页。', add: '添加渠道', kind: '类型', name: '名称', url: 'Webhook 地址', secret: '签名密钥',
    secretHint: '钉钉：机器人“加签”密钥（SEC 开头）。Webhook：HMAC 密钥。',
    kinds: { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人', email: '邮件（SMTP）', webhook: '签名 Webhook' },
    smtpHost: 'SMTP 服务器', smtpPort: '端口', smtpSecure: 'TLS（465）', smtpUser: '用户名', smtpPassword: '密码', from: '发件人', to: '收件人（逗号分隔）',
    sendAlerts: '告警', sendBrief: '每日简报', test: '发送测试', tested: '测试已送达：{{detail}}', testFailed: '测试未被接收：{{detail}}', remove: '删除',
    sent24h: '24 小时内送达 {{sent}}，失败 {{failed}}', added: '渠道已添加',
    brief: '每日简报', briefHint: '每天在此店铺时间发送关键数字和近 7 天图表。', briefTime: '时间', briefOn: '发送简报', lastBrief: '上次发送：{{day}}',
  },
  health: {
    title: '系统健康', adminOnly: '只有管理员可以查看系统健康。', refresh: '刷新',
    loop: '事件循环延迟（p50 / p99 / 最大）', requests: '每分钟请求数', errors: '每分钟服务器错误', errorRate: '错误率',
    db: '数据库', wal: '预写日志（WAL）', disk: '磁盘剩余', feed: '实时变更流', labels: '等待运单号的面单',
    outbox: '通知等待 / 失败', channels: '销售渠道回传（24 小时）', carriers: '快递电子面单（24 小时）', peer: '对象', tried: '尝试', okCount: '成功', rate: '成功率',
    nothing: '最近 24 小时没有记录。',
  },
};
