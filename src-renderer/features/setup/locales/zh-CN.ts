import type { en } from './en';

export const zhCN: typeof en = {
  setup: {
    title: '设置店铺', intro: '七个简单步骤，从空店铺到贴好面单的包裹。进度会保存：可以随时离开再回来。',
    banner: '店铺还没有设置完成。', continue: '继续设置', step: '第 {{n}} 步，共 {{count}} 步', doneMark: '已完成', edit: '修改',
    next: '保存并继续', skip: '稍后', finish: '完成设置', finished: '店铺已设置好。', saved: '已保存',
    steps: {
      shop: '店铺信息', warehouse: '仓库', carriers: '快递公司和服务', waybills: '运单号', printer: '工作台的面单打印机',
      operator: '第一位打包员的工牌', testParcel: '测试包裹',
    },
    hints: {
      shop: '寄件人会打印在每张面单上。', warehouse: '包裹从这里发出（多仓库以后支持）。',
      carriers: '勾选你使用的快递公司，并填写使用的服务。', waybills: '添加每家快递公司给你的号段，工作台才能给面单编号。使用电子面单接口的快递公司账号在该快递公司下设置。',
      printer: '本工作台的面单打印机：网络打印机 tcp://192.168.1.50:9100，打印队列 spool:Zebra_ZD421，USB file:/dev/usb/lp0。电子秤和扫码枪在"设备"里设置。',
      operator: '创建负责打包的人。工牌号只显示一次：请打印工牌。', testParcel: '创建一个测试订单，像真实订单一样在工作台打包，看面单自动打印。',
    },
    carriersNeedOne: '请至少选择一家快递公司。', waybillsNeedOne: '请为使用的快递公司添加一个号段。',
    printerAddress: '打印机地址', printerLanguage: '打印机语言', testPrint: '保存并打印测试面单', testPrinted: '测试面单已打印：请确认已出纸。',
    devicesLink: '电子秤和扫码枪：设备', operatorName: '姓名', operatorPin: 'PIN 码', makeOperator: '创建打包员并显示工牌',
    carrier: '快递公司', makeOrder: '创建测试订单', orderMade: '测试订单 {{number}}：一件测试商品，寄往你自己的寄件地址。',
    howToPack: '在工作台：退出登录，用打包员的工牌登录，打开"打包"，扫描（或输入）订单号 {{number}}，再扫描商品 {{item}}，把箱子放上电子秤。面单会自动打印。',
    waiting: '等待包裹打包…', packed: '已打包并打印面单：运单号 {{waybill}}。', openOrders: '在订单中查看',
  },
};
