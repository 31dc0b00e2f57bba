import type { en } from './en';

export const zhCN: typeof en = {
  login: {
    title: '请扫描工牌', hint: '扫描工牌条码，或输入工牌号后按回车。', badge: '工牌号', pin: 'PIN 码', submit: '登录', demo: '演示工牌',
    pinOptional: '（仅当工牌设有 PIN 码时填写）', refused: '工牌或 PIN 码未通过。请检查 PIN 码；多次输错后工牌会被锁定，需由组长解锁。',
    throttled: '此处失败次数过多：请稍等片刻再试。',
  },
  users: {
    title: '用户', name: '姓名', role: '角色', pin: 'PIN 码', pinHint: '4 到 8 位数字', pinNeeded: '该角色必须设置', pinSet: '已设 PIN 码', noPin: '无 PIN 码',
    create: '创建用户', created: '已创建 {{name}}', status: '状态', active: '正常', inactive: '已停用', locked: '已锁定：PIN 码错误次数过多',
    unlock: '解锁', unlocked: '已解锁 {{name}} 的工牌', deactivate: '停用', reactivate: '重新启用', resetBadge: '换新工牌', resetPin: '设置 PIN 码',
    removePin: '取消 PIN 码', newPin: '{{name}} 的新 PIN 码', pinSaved: '已保存 {{name}} 的 PIN 码', changed: '已保存 {{name}}', edit: '编辑', save: '保存',
    badgeOnce: '{{name}} 的工牌号：{{badge}}', badgeOnceHint: '只显示这一次：请现在打印工牌。Packline 只保存它的指纹；工牌丢失请换新工牌。',
    printCard: '打印工牌（PDF）', printAll: '打印 {{count}} 张工牌（PDF）', done: '完成，工牌已打印',
    confirmReset: '给 {{name}} 换新工牌？旧工牌立即失效。', roles: { operator: '打包员', lead: '组长', admin: '管理员', finance: '财务', viewer: '查看者' },
  },
};
