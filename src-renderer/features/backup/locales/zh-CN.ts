import type { en } from './en';

export const zhCN: typeof en = {
  backup: {
    title: '备份', adminOnly: '只有管理员可以管理备份。',
    hint: '备份是整个数据库的副本，备份时打包和接单照常进行。请备份到另一块磁盘（U 盘、网络共享）：与数据库在同一块磁盘上的副本会随磁盘一起丢失。',
    folder: '文件夹', everyHours: '间隔（小时，0 = 仅手动）', keep: '保留最近', inUse: '备份存放于 {{folder}}',
    next: '下次 {{at}}', off: '未设定计划', last: '上次 {{at}}', lastFailed: '上次备份失败（{{at}}）：{{error}}',
    now: '立即备份', running: '正在备份…', taken: '备份完成', files: '文件夹中的备份', file: '文件', at: '备份时间', size: '大小', none: '还没有备份。',
    restore: '恢复', confirmRestore: '用此备份替换全部数据？之后的新订单将丢失。',
    pending: '备份已检查无误：重启 Packline 即完成恢复（在此之前一切保持不变）。',
  },
};
