// A console served on the LAN for e2e: bound to this machine's first non-loopback IPv4 with https
// beside http (the site certificate in its data folder), as `npm run serve -- --host <ip>` does.
// The test is skipped, saying why, on a machine with no LAN address. Same teardown order as the
// consoleApp fixture (openTestConsole): browser, server, commands, database.
//
// A spec whose browser trusts the site CA (door tablets: service workers need a trusted
// certificate) gives the worker one CA (`siteCa`, made by makeSiteCa) that every console of the
// worker is served under, as a site's CA stays put across its exam days; its browser then pins it
// once, at launch (tabletLaunchOptions).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from '@playwright/test';
import { serveConsole, type ServedConsole } from '../../electron/server/lan';
import { ensureLanCertificate, LAN_CA_FILE, LAN_CA_KEY_FILE, lanAddresses } from '../../electron/services/lan/cert';
import { ManualClock, systemClock } from '../../electron/services/runtime';
import { readSecretFile, writeSecretFile } from '../../electron/services/vault/files';
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

/** A site CA kept for a worker's consoles: the pair as the console keeps it, and its SPKI pin. */
export interface SiteCa {
  certPem: string;
  keyPem: string;
  /** base64 SHA-256 of the CA's public key (what --ignore-certificate-errors-spki-list takes) */
  spkiSha256: string;
}

/** A site CA made as a console's first start makes it (in a scratch folder, removed after). */
export async function makeSiteCa(): Promise<SiteCa> {
  const dir = mkdtempSync(join(tmpdir(), 'esc-site-ca-'));
  try {
    const made = await ensureLanCertificate({ dataDir: dir, clock: systemClock });
    const spki = new X509Certificate(made.ca.certPem).publicKey.export({ type: 'spki', format: 'der' });
    return { certPem: made.ca.certPem, keyPem: readSecretFile(dir, join(dir, LAN_CA_KEY_FILE)).toString('utf8'), spkiSha256: createHash('sha256').update(spki).digest('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The browser of a tablet that installed this site CA: it trusts the CA's public key (pinned by its
 * SPKI hash), which registers service workers; the fixture's "accept the warning"
 * (ignoreHTTPSErrors) does not.
 */
export function tabletLaunchOptions(launch: LaunchOptions, ca: SiteCa): LaunchOptions {
  return { ...launch, args: [...(launch.args ?? []), `--ignore-certificate-errors-spki-list=${ca.spkiSha256}`] };
}

export const test = base.extend<{ lan: LanConsole }, { siteCa: SiteCa | null }>({
  // a worker option: null, each console makes its own CA at its first start
  siteCa: [null, { scope: 'worker', option: true }],
  lan: async ({ browser, siteCa }, use, testInfo) => {
    const ip = lanAddresses()[0];
    testInfo.skip(!ip, 'this machine has no non-loopback IPv4 address: nothing to serve the LAN on');
    const held: { served?: ServedConsole } = {};
    const opened = await openTestConsole({
      clock: new ManualClock('2026-05-21T07:30:00+08:00'),
      serve: async (app) => {
        if (siteCa) {
          // the worker's CA in this console's keys folder (its key sealed as the console seals it): the server certificate is issued by it
          const dataDir = app.env.dataDir;
          mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
          writeSecretFile(dataDir, join(dataDir, LAN_CA_KEY_FILE), siteCa.keyPem);
          writeFileSync(join(dataDir, LAN_CA_FILE), siteCa.certPem, { mode: 0o644 });
        }
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
