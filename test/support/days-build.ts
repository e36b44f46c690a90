// Plays the demo day for the e2e fixtures in a process of its own (started by the e2e global setup
// when the run's specs need it, so it overlaps the specs that do not); same lock and cache as a
// worker would use (days.ts). `npx tsx test/support/days-build.ts` builds it by hand.
import { lowerPinCostForTests } from '../../electron/services/pins';
import { DayStore } from './days';

// the day's staff PINs at the test cost, as a worker playing it would hash them (fixtures.ts): the
// day's 360 signed sheets each prove their PINs, which at production's cost took minutes
lowerPinCostForTests();

const store = new DayStore();
store.ensure((line) => console.log(line)).then(
  (ms) => console.log(ms ? `e2e day ${store.key} played in ${(ms / 1000).toFixed(1)} s` : `e2e day ${store.key} was ready`),
  (e: unknown) => {
    console.error(`e2e day ${store.key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
