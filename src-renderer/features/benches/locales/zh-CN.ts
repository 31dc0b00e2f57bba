import type { en } from './en';

export const zhCN: typeof en = {
  benches: {
    title: '打包台',
    intro: '本店的所有打包台，各自属于所在的仓库。每台打包台电脑用一次性配对码配对一次，之后使用自己的密钥；它打出的每个包裹都记录打包台，以及在台上扫工牌的操作员。',
    warehouse: '仓库', defaultWarehouse: '默认仓库', moveTo: '{{name}} 所在仓库',
    name: '打包台名称', printer: '面单打印机', scale: '电子秤', status: '状态', lastContact: '最后联系',
    create: '创建打包台并生成配对码', newCode: '新配对码', revoke: '吊销',
    state: { waiting: '等待配对', paired: '已配对', revoked: '已吊销' },
    codeFor: '{{name}} 的配对码：在打包台上输入，或用打包台的扫描枪扫二维码。只能使用一次。',
    validUntil: '有效期至 {{time}}',
    fingerprint: '证书 SHA-256：{{fp}}',
    noTls: '订单中心只在本机以 HTTP 提供服务；其他电脑上的打包台请用 --lan 启动。',
    thisBench: '本打包台',
    notPaired: '尚未配对：输入上面列表生成的配对码（在订单中心任何界面生成）',
    pairedWith: '已于 {{when}} 与 {{url}} 配对',
    noStation: '此界面无法连接打包台工作站。',
    pairLabel: '配对码', pairPlaceholder: 'K7M2-9QXD 或 packline-pair:…', pair: '配对本打包台',
    pairedAs: '本打包台现在是 {{name}}。',
  },
};
