// The renderer's view of the registry: types only (the renderer imports this file with `import type`).
import type { z } from 'zod';
import type { ErrorData } from '../services/errors';
import type { Commands } from './index';

export type Method = keyof Commands & string;
export type InputOf<M extends Method> = z.input<Commands[M]['input']>;
export type OutputOf<M extends Method> = ReturnType<Commands[M]['handler']>;
export type { ErrorData };
export type { Role } from '../services/roles';
export type CallResult<O> = { ok: true; data: O } | { ok: false; error: ErrorData };
export type { Bar as DrawBar, DrawIssue, Problem as DrawProblem, Violation as DrawViolation } from '../services/draw/types';
export type { Bridge } from './bridge';
