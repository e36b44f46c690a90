// What the e2e need before they run, made while `npm test` typechecks, lints and runs the unit tests
// (scripts/test-all.sh): the renderer build, and the demo day started in a process of its own, at a
// lower priority, that goes on playing through the unit phase (the e2e workers that need it wait for
// it; the global setup does both itself when Playwright runs alone).
// `npx tsx test/e2e/prepare.ts [words…]`: the words are npm test's filter (the specs they select).
import { buildRenderer, startDayIfNeeded, wordFilters } from './global-setup';

process.env.E2E_RUN_ID ??= `${process.pid}-${Date.now()}`;
startDayIfNeeded(wordFilters(process.argv.slice(2)), { detached: true });
buildRenderer();
