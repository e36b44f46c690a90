// A console served on the LAN for e2e: bound to this machine's first non-loopback IPv4 with https
// beside http (the site certificate in its data folder), as `npm run serve -- --host <ip>` does.
// The test is skipped, saying why, on a machine with no LAN address. Same teardown order as the
// consoleApp fixture (openTestConsole): browser, server, commands, database.
import { fileURLToPath } from 'node:url';
import { serveConsole, type ServedConsole } from '../../electron/server/lan';
import { lanAddresses } from '../../electron/services/lan/cert';
import { ManualClock, systemClock } from '../../electron/services/runtime';
import { openTestConsole, test as base, type ConsoleFixture } from '../e2e/fixtures';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface LanConsole {
  /** the console as the door helpers expect it, its url the plain http://IP:port */
  console: ConsoleFixture;
  served: ServedConsole;
  ip: string;
  httpUrl: string;
  httpsUrl: string;
}

export const test = base.extend<{ lan: LanConsole }>({
  lan: async ({ browser }, use, testInfo) => {
    const ip = lanAddresses()[0];
    testInfo.skip(!ip, 'this machine has no non-loopback IPv4 address: nothing to serve the LAN on');
    const held: { served?: ServedConsole } = {};
    const opened = await openTestConsole({
      clock: new ManualClock('2026-05-21T07:30:00+08:00'),
      serve: async (app) => {
        held.served = await serveConsole({ app, port: 0, host: ip!, rendererDir, certClock: systemClock });
        return held.served.running;
      },
      // the API over plain http is refused from the LAN: the fixture seeds over https, trusting the site CA
      api: (server) => ({ url: server.https!.url, ca: held.served!.cert!.ca.certPem }),
    });
    const s = held.served!;
    await use({ console: opened.fixture, served: s, ip: ip!, httpUrl: s.running.url, httpsUrl: s.running.https!.url });
    await opened.close(browser, testInfo);
  },
});

export { expect } from '../e2e/fixtures';
