// The data folder's free space against what the rest of the day needs (the home page and the
// dashboard warn below it). A query: statfs and one count, no write (a full disk must still answer).
import { z } from 'zod';
import { diskStatus } from '../services/system/disk';
import { defineCommand } from './registry';

export const systemDisk = defineCommand({
  name: 'system.disk',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => diskStatus(ctx.sqlite, ctx.env.dataDir),
});

export const diskCommands = [systemDisk] as const;
