// The message catalogue: one module per area, merged here. An area adds one import and one spread.
import * as core from './messages/core';
import * as draw from './messages/draw';
import * as plan from './messages/plan';
import * as sync from './messages/sync';
import * as scoring from './messages/scoring';

export const zhCN = { ...core.zh, ...sync.zh, ...plan.zh, ...draw.zh, ...scoring.zh } as const;
export const enUS: Record<MessageKey, string> = { ...core.en, ...sync.en, ...plan.en, ...draw.en, ...scoring.en };

export type MessageKey = keyof typeof zhCN;
