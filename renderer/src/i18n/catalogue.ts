// The message catalogue: one module per area, merged here. An area adds one import and one spread.
import * as core from './messages/core';
import * as draw from './messages/draw';

export const zhCN = { ...core.zh, ...draw.zh } as const;
export const enUS: Record<MessageKey, string> = { ...core.en, ...draw.en };

export type MessageKey = keyof typeof zhCN;
