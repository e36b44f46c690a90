import { Registry, type CommandMap } from './registry';
import { checkinCommands } from './checkin';
import { systemCommands } from './system';

/** Every command of the console. Later capabilities add their lists here. */
export const commands = [...systemCommands, ...checkinCommands] as const;

export type Commands = CommandMap<typeof commands>;

export function createRegistry(): Registry {
  return new Registry(commands);
}
