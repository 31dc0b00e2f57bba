import type { en } from './en';

export const zhCN: typeof en = { login: { title: '请扫描工牌', hint: '扫描工牌条码，或输入工牌号后按回车。', badge: '工牌号', pin: 'PIN 码', submit: '登录', demo: '演示工牌' } };
