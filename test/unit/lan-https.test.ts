// The LAN server over real sockets: https on a second port with the site certificate (node https
// trusting only the site CA that signed it), the same Host allow-list (421 for a foreign Host), /site.crt,
// system.lanInfo, loopback untouched.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { checkServerIdentity } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lanAddresses, LAN_CA_FILE, LAN_CERT_FILE } from '../../electron/services/lan/cert';
import { serveConsole, type ServedConsole } from '../../electron/server/lan';
import { ManualClock } from '../../electron/services/runtime';
import { siteHead, testConsole } from './helpers';

let served: ServedConsole | null = null;
afterEach(async () => {
  await served?.running.close();
  served = null;
});

interface Answer {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  peerSha256: string | null;
}

/**
 * GET over https trusting only `ca` (no rejectUnauthorized: false anywhere), Host as given; the
 * certificate must name the address dialled (node would otherwise check the Host header's name).
 */
function getTls(ip: string, port: number, path: string, ca: string, host = `${ip}:${port}`): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: ip, port, path, ca, headers: { host }, agent: false, checkServerIdentity: (_name, cert) => checkServerIdentity(ip, cert) }, (res) => {
      const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers, peerSha256: cert?.fingerprint256?.replace(/:/g, '') ?? null }));
    });
    req.on('error', reject);
    req.end();
  });
}

function getPlain(ip: string, port: number, path: string, opts: { host?: string; method?: string; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `${ip}:${port}` };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const req = httpRequest({ host: ip, port, path, method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers, peerSha256: null }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const certClock = new ManualClock('2026-05-20T09:00:00+08:00');
const machineIp = lanAddresses()[0];

describe('LAN https', () => {
  it('serves /api/health on the https port with the site certificate and refuses a foreign Host there (421)', async () => {
    const c = testConsole();
    served = await serveConsole({ app: c.app, port: 0, host: '0.0.0.0', certClock, addresses: ['192.168.50.7'], hostname: 'kaodian-pc' });
    const https = served.running.https!;
    expect(https.port).toBeGreaterThan(0);
    expect(https.port).not.toBe(served.running.port);
    const ca = readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8');
    const ok = await getTls('127.0.0.1', https.port, '/api/health', ca);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toEqual({ ok: true, version: c.app.env.version });
    expect(ok.peerSha256).toBe(served.cert!.sha256);
    // a tablet that typed the LAN address (Host carries it) or the machine's name
    expect((await getTls('127.0.0.1', https.port, '/api/health', ca, `192.168.50.7:${https.port}`)).status).toBe(200);
    expect((await getTls('127.0.0.1', https.port, '/api/health', ca, `kaodian-pc:${https.port}`)).status).toBe(200);
    // DNS rebinding over https is refused just the same
    const bad = await getTls('127.0.0.1', https.port, '/api/health', ca, `attacker.example:${https.port}`);
    expect(bad.status).toBe(421);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ ok: false, error: { code: 'HOST_REFUSED' } });
    // a LAN address that is not this machine's is not on the list either
    expect((await getTls('127.0.0.1', https.port, '/api/health', ca, `192.168.50.8:${https.port}`)).status).toBe(421);
    // the http port still answers, with its own port in the Host
    expect((await getPlain('127.0.0.1', served.running.port, '/api/health')).status).toBe(200);
  });

  it('answers on the machine\'s own LAN address over https, verified against the generated certificate', async (t) => {
    if (!machineIp) t.skip('this machine has no non-loopback IPv4 address');
    const c = testConsole();
    served = await serveConsole({ app: c.app, port: 0, host: machineIp!, certClock });
    const ca = readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8');
    const ok = await getTls(machineIp!, served.running.https!.port, '/api/health', ca);
    expect(ok.status).toBe(200);
    expect(served.running.https!.url).toBe(`https://${machineIp}:${served.running.https!.port}`);
    expect(served.lines.join('\n')).toContain(`https://${machineIp}:${served.running.https!.port}`);
    // another certificate (not this site's) is not trusted: the TLS check is real
    const other = testConsole();
    const foreign = await serveConsole({ app: other.app, port: 0, host: machineIp!, certClock });
    try {
      await expect(getTls(machineIp!, served.running.https!.port, '/api/health', readFileSync(join(other.dataDir, LAN_CA_FILE), 'utf8'))).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      await foreign.running.close();
    }
  });

  it('hands out the site CA certificate (DER) at /site.crt on both ports and through system.lanInfo', async () => {
    const c = testConsole();
    served = await serveConsole({ app: c.app, port: 0, host: '0.0.0.0', certClock, addresses: ['192.168.50.7', '10.8.0.2'], hostname: 'kaodian-pc' });
    const plain = await getPlain('127.0.0.1', served.running.port, '/site.crt');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(plain.body.equals(served.cert!.ca.der)).toBe(true);
    const ca = readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8');
    expect((await getTls('127.0.0.1', served.running.https!.port, '/site.crt', ca)).body.equals(served.cert!.ca.der)).toBe(true);

    const token = await siteHead(c);
    const info = await c.ok<{
      serving: boolean;
      httpsPort: number;
      addresses: { ip: string; http: string; https: string }[];
      cert: { sha256: string; fingerprintGrouped: string; derBase64: string };
    }>('system.lanInfo', {}, token);
    expect(info.serving).toBe(true);
    const hp = served.running.https!.port;
    expect(info.addresses).toEqual([
      { ip: '192.168.50.7', http: `http://192.168.50.7:${served.running.port}`, https: `https://192.168.50.7:${hp}` },
      { ip: '10.8.0.2', http: `http://10.8.0.2:${served.running.port}`, https: `https://10.8.0.2:${hp}` },
    ]);
    expect(info.cert.sha256).toBe(served.cert!.ca.sha256);
    expect(info.cert.fingerprintGrouped.split('\n')).toHaveLength(4);
    expect(Buffer.from(info.cert.derBase64, 'base64').equals(served.cert!.ca.der)).toBe(true);
    // signed out: nothing
    expect((await c.call('system.lanInfo', {})).ok).toBe(false);
  });

  it('DHCP moves the machine while it serves: refresh() reissues the server certificate under the same CA, swaps it in without a restart, and the new address is allowed and listed', async () => {
    const c = testConsole();
    let addresses = ['192.168.50.7'];
    served = await serveConsole({ app: c.app, port: 0, host: '0.0.0.0', certClock, addresses: () => addresses, hostname: 'kaodian-pc' });
    const hp = served.running.https!.port;
    const ca = readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8');
    const before = await getTls('127.0.0.1', hp, '/api/health', ca, `192.168.50.7:${hp}`);
    expect(before.peerSha256).toBe(served.cert!.sha256);
    expect(await served.refresh()).toEqual([]); // nothing moved: nothing said, nothing made
    expect((await getTls('127.0.0.1', hp, '/api/health', ca, `192.168.50.9:${hp}`)).status).toBe(421);

    addresses = ['192.168.50.9'];
    const said = await served.refresh();
    expect(said[0]).toContain('本机局域网地址已变更');
    expect(said).toContain(`  https://192.168.50.9:${hp}  ← 门口平板请用此地址（摄像头需要 HTTPS）/ door tablets: use this (the camera needs https)`);
    expect(said.join('\n')).toContain('address 192.168.50.9 not in the certificate');
    // the same CA (tablets keep what they installed) still verifies the new server certificate
    expect(readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8')).toBe(ca);
    const after = await getTls('127.0.0.1', hp, '/api/health', ca, `192.168.50.9:${hp}`);
    expect(after.status).toBe(200);
    expect(after.peerSha256).toBe(served.cert!.sha256);
    expect(after.peerSha256).not.toBe(before.peerSha256);
    expect(new X509Certificate(served.cert!.certPem).checkIP('192.168.50.9')).toBe('192.168.50.9');
    // the old address is no longer this machine's
    expect((await getTls('127.0.0.1', hp, '/api/health', ca, `192.168.50.7:${hp}`)).status).toBe(421);
    const token = await siteHead(c);
    const info = await c.ok<{ addresses: { ip: string }[]; cert: { sha256: string } }>('system.lanInfo', {}, token);
    expect(info.addresses.map((a) => a.ip)).toEqual(['192.168.50.9']);
    expect(info.cert.sha256).toBe(served.cert!.ca.sha256);
  });

  it('on the LAN the plain-http port only redirects to https and hands out the CA: the API (PINs, tokens) is https only; this PC keeps http', async (t) => {
    if (!machineIp) t.skip('this machine has no non-loopback IPv4 address');
    const c = testConsole();
    served = await serveConsole({ app: c.app, port: 0, host: '0.0.0.0', certClock, addresses: [machineIp!], hostname: 'kaodian-pc' });
    const hp = served.running.https!.port;
    const port = served.running.port;
    await c.ok('setup.init', { siteName: '考点', headName: '李明', staffNo: 'H001', pin: '246810' });
    const signIn = JSON.stringify({ staffNo: 'H001', pin: '246810' });
    // a tablet dialling the LAN address over http: the page moves to https, the API refuses and says where
    const page = await getPlain(machineIp!, port, '/door?x=1');
    expect(page.status).toBe(308);
    expect(page.headers.location).toBe(`https://${machineIp}:${hp}/door?x=1`);
    const api = await getPlain(machineIp!, port, '/api/auth.signIn', { method: 'POST', body: signIn });
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body.toString())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'http.httpsOnly', params: { url: `https://${machineIp}:${hp}` } } });
    // nothing was done: no session was opened by the refused sign-in
    expect(c.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM auth_sessions').get()).toEqual({ n: 0 });
    // loopback socket but a LAN Host (a proxy or a rebinding trick) is treated as the LAN
    expect((await getPlain('127.0.0.1', port, '/api/auth.signIn', { method: 'POST', body: signIn, host: `${machineIp}:${port}` })).status).toBe(403);
    // what a tablet needs before it trusts https still comes over http
    expect((await getPlain(machineIp!, port, '/site.crt')).status).toBe(200);
    expect((await getPlain(machineIp!, port, '/api/health')).status).toBe(200);
    // the PC itself (loopback, loopback name) keeps plain http
    const local = await getPlain('127.0.0.1', port, '/api/auth.signIn', { method: 'POST', body: signIn });
    expect(local.status).toBe(200);
    // and over https the LAN signs in
    const ca = readFileSync(join(c.dataDir, LAN_CA_FILE), 'utf8');
    expect((await getTls(machineIp!, hp, '/api/health', ca)).status).toBe(200);
  });

  it('--no-https serves http only; loopback makes no certificate and says it is not serving the LAN', async () => {
    const c = testConsole();
    served = await serveConsole({ app: c.app, port: 0, host: '0.0.0.0', httpsPort: null, certClock, addresses: ['192.168.50.7'], hostname: 'kaodian-pc' });
    expect(served.running.https).toBeNull();
    expect(existsSync(join(c.dataDir, LAN_CERT_FILE))).toBe(false);
    expect(served.lines.join('\n')).toContain('--no-https');
    const token = await siteHead(c);
    expect(await c.ok('system.lanInfo', {}, token)).toMatchObject({ serving: true, httpsPort: null, cert: null });
    expect((await getPlain('127.0.0.1', served.running.port, '/site.crt')).status).not.toBe(200);
    await served.running.close();

    const d = testConsole();
    served = await serveConsole({ app: d.app, port: 0, certClock });
    expect(served.running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.running.https).toBeNull();
    expect(existsSync(join(d.dataDir, LAN_CERT_FILE))).toBe(false);
    const t2 = await siteHead(d);
    expect(await d.ok('system.lanInfo', {}, t2)).toMatchObject({ serving: false, cert: null });
  });
});
