// Which messages the door's first load carries. The catalogue (messages/*.ts, one file per area,
// zh-CN and en) is cut at build time into two parts per language (scripts/vite/i18n-split.ts):
// - 'door': what a door tablet shows from its first paint — the door's own areas whole, and from
//   every area the words the shell, the door screen and its errors name (menu labels, roles, error
//   reasons, field labels, batch and plan words the door header uses);
// - 'rest': everything else, loaded when a page outside the door is first opened (i18n/load.ts).
// A key the door names but this list misses still shows: the missing key loads the rest (index.tsx),
// and test/unit/i18n-split.test.ts fails on every literal key the door's modules name outside 'door'.

export type Part = 'door' | 'rest';
export const PARTS: readonly Part[] = ['door', 'rest'];

/** areas (messages/<area>.ts) the door carries whole */
export const DOOR_AREAS: ReadonlySet<string> = new Set(['core', 'shell', 'door', 'doorflows', 'forms', 'errors', 'limits', 'lan', 'cardreader', 'devices']);

/** keys of other areas the door carries, by the start of the key */
export const DOOR_KEYS: readonly string[] = [
  // the shell's menu, its tooltips, the pages' titles (routes.tsx) and the role names
  'nav.',
  'draw.screen',
  'draw.print',
  'role.',
  // a refused call words its reason (the door's own areas carry theirs; any other reason shows its
  // code's general wording until the rest arrives), a refused field names its label
  'error.code.',
  'error.access.',
  'error.incidents.',
  'field.',
  // the door header and the draw note
  'batch.status.',
  'plan.kind.',
  'plan.mode.',
  'plan.level.',
  'plan.roomKind.',
  'plan.role.',
  'plan.tab.',
  'draw.inForce.',
  'print.draw',
  'recovery.title',
  // the incident form opened at the door
  'inc.',
];

/** the part a key of an area belongs to */
export function partOf(area: string, key: string): Part {
  if (DOOR_AREAS.has(area)) return 'door';
  return DOOR_KEYS.some((p) => key.startsWith(p)) ? 'door' : 'rest';
}

/** routes whose first load is the door's part only (the door, its lists and print-outs) */
export function isDoorPath(path: string): boolean {
  return path === '/door' || path.startsWith('/door/');
}
