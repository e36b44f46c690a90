// The data folder's disk: the warning on the home page and the dashboard (services/system/disk.ts).
export const zh = {
  'disk.title': '磁盘空间',
  'disk.warn.low': '磁盘空间不足：剩余 {free}（共 {total}），尚有 {count} 人次待签到，连同照片和备份约需 {needed}。请尽快清理本机磁盘（删除不需要的文件、清空回收站）或把数据移到空间更大的磁盘。',
  'disk.warn.full': '磁盘已满：剩余 {free}（共 {total}），签到、评分等记录将无法保存。请立即清理本机磁盘；空间恢复后无需重启，已确认的记录不会丢失。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'disk.title': 'Disk space',
  'disk.warn.low': 'Disk space is low: {free} left (of {total}), while the {count} sign-ins still to come need about {needed} with their photos and backups. Free space on this PC soon (delete files you do not need, empty the recycle bin) or move the data to a larger disk.',
  'disk.warn.full': 'The disk is full: {free} left (of {total}); sign-ins, sheets and other records cannot be saved. Free space on this PC now; no restart is needed once there is space, and nothing confirmed is lost.',
};
