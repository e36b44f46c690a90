// The results the seal reads (the results area, before the seal in the area order), through the
// read-only connection.
import type { ReadSqlite } from '../../../db';
import { compileResults, resultsForPackage, type CandidateResult } from '../results/compile';

export function batchResults(sqlite: ReadSqlite, batchId: number): CandidateResult[] {
  return compileResults(sqlite, batchId);
}

export function packagedResults(sqlite: ReadSqlite, batchId: number): ReturnType<typeof resultsForPackage>['results'] {
  return resultsForPackage(sqlite, batchId).results;
}
