// The console's frame on every device: the menu drawer, the phases of the day in the menu.
export const zh = {
  'shell.menu.open': '菜单',
  'shell.menu.close': '关闭菜单',
  'shell.notFound': '没有这个页面，或当前角色不能打开它。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'shell.menu.open': 'Menu',
  'shell.menu.close': 'Close menu',
  'shell.notFound': 'There is no such page, or this role may not open it.',
};
