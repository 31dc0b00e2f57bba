import type { en } from './en';

export const zhCN: typeof en = {
  devices: {
    title: '设备', station: '打包台工作站', stationOffline: '无法连接打包台工作站，正在重新连接…',
    roles: { scanner: '扫描枪', scale: '电子秤', labelPrinter: '面单打印机', documentPrinter: '单据打印机' },
    state: { connected: '已连接', waiting: '等待设备', disconnected: '未连接', fault: '故障' }, notSet: '此用途尚未选择设备。', change: '更改', choose: '选择设备', remove: '移除',
    add: '添加扫描枪', save: '保存', saved: '已保存到数据文件夹', leadOnly: '设备由组长或管理员设置；你可以测试设备。',
    weight: { live: '实时重量', stable: '稳定', motion: '晃动中', none: '尚无读数', zero: '置零', tare: '去皮', read: '读取稳定重量', read_ok: '稳定重量：{{grams}} 克' },
    scans: {
      title: '最近的测试扫描', hint: '扫描任意条码进行测试：所有扫描枪（包括键盘模式）的扫描都会显示在这里。', none: '尚无扫描。', wedge: '键盘模式',
      masked: '可能是工牌的条码显示为圆点，直到订单中心确认它不是工牌：键盘模式的扫描立即核对，扫描枪的扫描在组长为它开启测试扫描后核对。',
      testStart: '测试扫描：{{name}}', testStop: '停止测试扫描：{{name}}',
      testOn: '{{name}} 处于测试扫描，直到 {{time}}（{{by}}）：它的扫描不用于打包；每次扫描都完整显示在这里，工牌除外。',
      length_one: '{{count}} 个字符', length_other: '{{count}} 个字符',
      verdict: { shown: '测试扫描', badge: '工牌', unchecked: '未核对：{{why}}', checking: '核对中…' },
      why: { throttled: '工牌核对次数过多，订单中心要求稍后再试', coreAway: '无法连接订单中心', sessionEnded: '向订单中心核对的登录已结束', failed: '核对失败' },
    },
    printer: {
      test: '打印测试面单', testSent: '打印机已接收测试面单。', check: '检查打印机', ready: '就绪', problems: '问题', lastJob: '最近任务', uncertain: '工作站停止时此任务正在发送。是否已打印？',
      reprint: '重新打印', discard: '已打印，丢弃',
    },
    jobState: { queued: '排队中', printing: '打印中', printed: '已打印', retrying: '重试中', uncertain: '不确定', cancelled: '已取消' },
    form: {
      device: '设备', found: '本机发现的设备', paste: '或输入地址',
      addressHint: 'tcp://192.168.1.50:9100、serial:/dev/ttyUSB0、hid:0922:8003、spool:队列名、file:/dev/usb/lp0', name: '名称（可选）', id: '扫描枪编号',
      protocol: '电子秤协议', language: '打印机语言', statusCheck: '每个任务前查询打印机状态（ZPL）', aim: '每行以 AIM 标识开头（]C0）', serial: '串口参数', baud: '波特率', dataBits: '数据位',
      parity: '校验', stopBits: '停止位', pick: '— 请选择 —',
    },
    found: {
      title: '本机发现的设备', refresh: '重新查找', bus: '接口', ids: '厂商:产品', name: '名称', address: '地址', access: '权限', ok: '可用', none: '未发现 HID 或串口设备。',
      fix: '无法打开。解决方法：',
    },
    ime: { title: '输入法正在吞掉扫描枪的按键', body: '请把键盘切换到英文（ABC）输入法后重新扫描。（也可以把扫描枪设为 HID POS 或串口模式。）', dismiss: '知道了' },
  },
};
