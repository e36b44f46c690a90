import { Registry, type CommandMap } from './registry';
import { checkinCommands } from './checkin';
import { incidentCommands } from './incidents';
import { drawCommands } from './draw';
import { planCommands } from './plan';
import { sealCommands } from './seal';
import { syncCommands } from './sync';
import { systemCommands } from './system';
import { scoringCommands } from './scoring';
import { resultsCommands } from './results';
import { planDownloadCommands } from './plan-download';
import { lanCommands } from './lan';
import { recordsCommands } from './records';
import { backupCommands } from './backup';
import { recoveryCommands } from './recovery';
import { diskCommands } from './disk';
import { deviceCommands } from './devices';
import { homeCommands } from './home';
import { cardreaderCommands } from './cardreader';

/** Every command of the console. Later capabilities add their lists here, one line each. */
export const commands = [
  ...systemCommands,
  ...sealCommands,
  ...syncCommands,
  ...planCommands,
  ...drawCommands,
  ...checkinCommands,
  ...incidentCommands,
  ...scoringCommands,
  ...resultsCommands,
  ...planDownloadCommands,
  ...lanCommands,
  ...recordsCommands,
  ...backupCommands,
  ...recoveryCommands,
  ...diskCommands,
  ...deviceCommands,
  ...homeCommands,
  ...cardreaderCommands,
] as const;

export type Commands = CommandMap<typeof commands>;

export function createRegistry(): Registry {
  return new Registry(commands);
}
