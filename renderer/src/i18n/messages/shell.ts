// The console's frame on every device: the menu drawer, the phases of the day in the menu.
export const zh = {
  'shell.menu.open': '菜单',
  'shell.menu.close': '关闭菜单',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'shell.menu.open': 'Menu',
  'shell.menu.close': 'Close menu',
};
