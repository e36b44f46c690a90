// Loads one part of the catalogue in one language (i18n/split.ts): each is a chunk of its own, so the
// door's first load carries its own words in the user's language only.
import type { Lang } from './index';
import type { Part } from './split';

type Table = Record<string, string>;

const chunks: Record<Lang, Record<Part, () => Promise<{ default: Table }>>> = {
  'zh-CN': {
    door: () => import('virtual:esc-messages/door/zh-CN'),
    rest: () => import('virtual:esc-messages/rest/zh-CN'),
  },
  en: {
    door: () => import('virtual:esc-messages/door/en'),
    rest: () => import('virtual:esc-messages/rest/en'),
  },
};

export async function loadMessages(lang: Lang, part: Part): Promise<Table> {
  return (await chunks[lang][part]()).default;
}
