// A console served on the LAN for e2e: bound to this machine's first non-loopback IPv4 with https
// beside http (the site certificate in its data folder), as `npm run serve -- --host <ip>` does.
// The test is skipped, saying why, on a machine with no LAN address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsole } from '../../electron/app';
import { serveConsole, type ServedConsole } from '../../electron/server/lan';
import { lanAddresses } from '../../electron/services/lan/cert';
import { ManualClock, systemClock } from '../../electron/services/runtime';
import { SITE_HEAD, test as base, type ConsoleFixture } from '../e2e/fixtures';

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
  lan: async ({}, use, testInfo) => {
    const ip = lanAddresses()[0];
    testInfo.skip(!ip, 'this machine has no non-loopback IPv4 address: nothing to serve the LAN on');
    const dataDir = mkdtempSync(join(tmpdir(), 'esc-e2e-lan-'));
    const clock = new ManualClock('2026-05-21T07:30:00+08:00');
    const app = openConsole({ dataDir, clock });
    const served = await serveConsole({ app, port: 0, host: ip!, rendererDir, certClock: systemClock });
    const call = async <T,>(method: string, input: unknown, token?: string): Promise<T> => {
      const r = await app.call({ method, input, token: token ?? null, device: 'e2e-fixture' });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as T;
    };
    const fixture: ConsoleFixture = {
      app,
      server: served.running,
      url: served.running.url,
      dataDir,
      clock,
      call,
      setupSite: async () => {
        await call('setup.init', { siteName: SITE_HEAD.siteName, headName: SITE_HEAD.name, staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin });
        return (await call<{ token: string }>('auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin })).token;
      },
    };
    await use({ console: fixture, served, ip: ip!, httpUrl: served.running.url, httpsUrl: served.running.https!.url });
    await served.running.close();
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '../e2e/fixtures';
