// The first step of a plan import: read what was handed in (exceljs is async, so this runs before
// the command's transaction) and digest it, so the audit names exactly which files were applied.
import { canonicalJson, sha256Hex } from '../canonical';
import type { EarlyCheck } from './check';
import { readPlanData, readPlanFiles, withLocator, type InputFile, type ReadData, type ReadResult } from './reader';
import { validateParts, type ValidatedParts } from './validate';

export interface PlanInput {
  files?: InputFile[];
  /** a plan package object (the JSON form) */
  pkg?: unknown;
}

export interface Prepared {
  read: ReadResult;
  /** SHA-256 over the files handed in (name and bytes) or the package object; null when nothing was readable */
  digest: string | null;
  /** the plan already validated (all but the photos) for this site day, off the event loop (checkPlan uses it when the day still matches) */
  validated?: Validated;
  /** the whole check, made off the event loop against the held plan (checkedPlan uses it while nothing was recorded since) */
  early?: EarlyCheck;
}

export interface Validated {
  today: string;
  parts: ValidatedParts;
}

/** SHA-256 over each file's name and bytes (in name order) and the package object. */
export function planDigest(input: PlanInput): string {
  return sha256Hex(
    canonicalJson({
      files: (input.files ?? []).map((f) => [f.name.replace(/^.*[\\/]/, ''), sha256Hex(f.data)]).sort(),
      pkg: input.pkg === undefined ? null : sha256Hex(canonicalJson(input.pkg)),
    }),
  );
}

/** Reads the files (or the package object) and digests what was read, on this thread. */
export async function preparePlan(input: PlanInput): Promise<Prepared> {
  const read = await readPlanFiles(input.files ?? [], input.pkg !== undefined ? { packageObject: input.pkg } : {});
  return { read, digest: read.pkg ? planDigest(input) : null };
}

/** What preparePlan gives, as plain data (the import worker's answer; withLocator makes it a Prepared). */
export interface PreparedData {
  read: ReadData;
  digest: string | null;
  validated?: Validated;
  early?: EarlyCheck;
}

/** What the import worker runs: read, digest and, given the site's day, validate all but the photos. */
export async function preparePlanData(input: PlanInput, today?: string): Promise<PreparedData> {
  const read = await readPlanData(input.files ?? [], input.pkg !== undefined ? { packageObject: input.pkg } : {});
  const digest = read.pkg ? planDigest(input) : null;
  if (!read.pkg || today === undefined) return { read, digest };
  return { read, digest, validated: { today, parts: validateParts(read.pkg, withLocator(read).locate, { today }) } };
}

export const preparedFromData = (d: PreparedData): Prepared => ({ read: withLocator(d.read), digest: d.digest, ...(d.validated ? { validated: d.validated } : {}), ...(d.early ? { early: d.early } : {}) });
