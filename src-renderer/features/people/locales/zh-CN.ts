import type { en } from './en';

export const zhCN: typeof en = {
  login: {
    title: '请扫描工牌', hint: '扫描工牌条码，或输入工牌号后按回车。', badge: '工牌号', pin: 'PIN 码', submit: '登录', demo: '演示工牌',
    pinOptional: '（仅当工牌设有 PIN 码时填写）', refused: '工牌或 PIN 码未通过。请检查 PIN 码；多次输错后工牌会被锁定，需由组长解锁。',
    throttled: '此处失败次数过多：请稍等片刻再试。',
  },
};
