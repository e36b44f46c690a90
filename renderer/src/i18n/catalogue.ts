// The message catalogue: one module per area, merged here. An area adds one import and one spread.
import * as core from './messages/core';

export const zhCN = { ...core.zh } as const;
export const enUS: Record<MessageKey, string> = { ...core.en };

export type MessageKey = keyof typeof zhCN;
