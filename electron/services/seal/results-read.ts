// The results the seal reads, through the read-only connection. The results area's functions are
// still typed on the writable handle (they only run SELECTs); once that area takes ReadSqlite this
// bridge goes and the seal calls them directly.
import type { ReadSqlite, Sqlite } from '../../../db';
import { compileResults, resultsForPackage, type CandidateResult } from '../results/compile';

// the one handle cast of the seal area: compileResults and resultsForPackage only read
const asResultsHandle = (sqlite: ReadSqlite): Sqlite => sqlite as Sqlite;

export function batchResults(sqlite: ReadSqlite, batchId: number): CandidateResult[] {
  return compileResults(asResultsHandle(sqlite), batchId);
}

export function packagedResults(sqlite: ReadSqlite, batchId: number): ReturnType<typeof resultsForPackage>['results'] {
  return resultsForPackage(asResultsHandle(sqlite), batchId).results;
}
