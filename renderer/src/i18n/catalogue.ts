// The message catalogue: one module per area, merged here. An area adds one import and one spread.
import * as core from './messages/core';
import * as door from './messages/door';

export const zhCN = { ...core.zh, ...door.zh } as const;
export const enUS: Record<MessageKey, string> = { ...core.en, ...door.en };

export type MessageKey = keyof typeof zhCN;
