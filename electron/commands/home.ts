// The home page's reads: what comes next for the one who asks (electron/services/home).
import { z } from 'zod';
import { actorOf } from '../services/context';
import { nextSteps } from '../services/home/next-steps';
import { defineCommand } from './registry';

/** The next steps for the caller's role, with counts of what waits (the first is the next to do). */
export const homeNext = defineCommand({
  name: 'home.next',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => nextSteps(ctx, actorOf(ctx)),
});

export const homeCommands = [homeNext] as const;
