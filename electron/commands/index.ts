import { Registry, type CommandMap } from './registry';
import { planCommands } from './plan';
import { sealCommands } from './seal';
import { syncCommands } from './sync';
import { systemCommands } from './system';

/** Every command of the console. Later capabilities add their lists here. */
export const commands = [...systemCommands, ...sealCommands, ...syncCommands, ...planCommands] as const;

export type Commands = CommandMap<typeof commands>;

export function createRegistry(): Registry {
  return new Registry(commands);
}
