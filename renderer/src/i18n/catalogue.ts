// The message catalogue: one module per area, merged here. An area adds one import and one spread.
import * as core from './messages/core';
import * as door from './messages/door';
import * as doorflows from './messages/doorflows';
import * as forms from './messages/forms';
import * as incidents from './messages/incidents';
import * as draw from './messages/draw';
import * as plan from './messages/plan';
import * as sync from './messages/sync';
import * as scoring from './messages/scoring';
import * as seal from './messages/seal';
import * as lan from './messages/lan';
import * as records from './messages/records';
import * as errors from './messages/errors';
import * as shell from './messages/shell';
import * as vault from './messages/vault';
import * as limits from './messages/limits';
import * as disk from './messages/disk';
import * as devices from './messages/devices';
import * as home from './messages/home';
import * as cardreader from './messages/cardreader';

export const zhCN = { ...core.zh, ...sync.zh, ...plan.zh, ...draw.zh, ...door.zh, ...doorflows.zh, ...forms.zh, ...incidents.zh, ...scoring.zh, ...seal.zh, ...lan.zh, ...errors.zh, ...shell.zh, ...records.zh, ...vault.zh, ...limits.zh, ...disk.zh, ...devices.zh, ...home.zh, ...cardreader.zh } as const;
export const enUS: Record<MessageKey, string> = { ...core.en, ...sync.en, ...plan.en, ...draw.en, ...door.en, ...doorflows.en, ...forms.en, ...incidents.en, ...scoring.en, ...seal.en, ...lan.en, ...errors.en, ...shell.en, ...records.en, ...vault.en, ...limits.en, ...disk.en, ...devices.en, ...home.en, ...cardreader.en };

export type MessageKey = keyof typeof zhCN;
