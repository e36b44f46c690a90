// The renderer's view of the registry: types only (the renderer imports this file with `import type`).
import type { z } from 'zod';
import type { ErrorData } from '../services/errors';
import type { Commands } from './index';
import type { GateCommands } from './vault';
import type { Unserialized } from '../workers/serialized';

/** The registry's commands and the gate's (what answers before the database is open). */
type AllCommands = Commands & GateCommands;
export type Method = keyof AllCommands & string;
export type InputOf<M extends Method> = z.input<AllCommands[M]['input']>;
/** what a command answers; an answer serialized off the serving thread arrives as the value it stands for */
export type OutputOf<M extends Method> = Unserialized<Awaited<ReturnType<AllCommands[M]['handler']>>>;
export type { VaultStatus, FoundBackupView, RestoreReport } from './vault';
export type { ErrorData };
export type { Role } from '../services/roles';
export type CallResult<O> = { ok: true; data: O } | { ok: false; error: ErrorData };
export type { Bar as DrawBar, DrawIssue, Problem as DrawProblem, Violation as DrawViolation } from '../services/draw/types';
export type { Bridge } from './bridge';
