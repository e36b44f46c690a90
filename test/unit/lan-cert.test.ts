// The LAN's https certificates (keys/): the site CA tablets install once, and the server
// certificate it signs: made once, reused, carrying the machine's addresses, keys owner-only;
// the server certificate replaced (the old one kept) when DHCP moved the laptop, the CA kept.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLanCertificate, groupCertFingerprint, lanAddresses, LAN_CA_FILE, LAN_CA_KEY_FILE, LAN_CERT_FILE, LAN_KEY_FILE } from '../../electron/services/lan/cert';
import { ManualClock } from '../../electron/services/runtime';
import { tempDir } from './helpers';

const clock = () => new ManualClock('2026-05-20T09:00:00+08:00');
const read = (dataDir: string, file: string) => new X509Certificate(readFileSync(join(dataDir, file)));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('LAN https certificates', () => {
  it('first start makes the site CA and a server certificate it signs: SANs = LAN IPv4s + hostname + localhost, ECDSA P-256, 825 days, keys 0600', async () => {
    const dataDir = tempDir();
    const c = await ensureLanCertificate({ dataDir, clock: clock(), addresses: ['192.168.1.23', '10.0.0.5'], hostname: 'KAODIAN-PC' });
    expect(c.generated).toBe(true);
    expect(c.ca.generated).toBe(true);
    expect(c.replaced).toBeNull();
    const x = read(dataDir, LAN_CERT_FILE);
    const ca = read(dataDir, LAN_CA_FILE);
    expect(x.subjectAltName).toBe('IP Address:192.168.1.23, IP Address:10.0.0.5, IP Address:127.0.0.1, DNS:kaodian-pc, DNS:localhost');
    for (const ip of ['192.168.1.23', '10.0.0.5', '127.0.0.1']) expect(x.checkIP(ip)).toBe(ip);
    expect(x.checkHost('kaodian-pc')).toBe('kaodian-pc');
    expect(x.checkIP('192.168.1.24')).toBeUndefined();
    expect(x.publicKey.asymmetricKeyType).toBe('ec');
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // the server certificate is no CA (browsers refuse a CA as the end of a chain); the CA is one (Android installs only those)
    expect(x.ca).toBe(false);
    expect(ca.ca).toBe(true);
    expect(x.checkIssued(ca)).toBe(true);
    expect(x.verify(ca.publicKey)).toBe(true);
    expect(x.issuer).toBe(ca.subject);
    expect(x.checkPrivateKey(createPrivateKey(readFileSync(join(dataDir, LAN_KEY_FILE), 'utf8')))).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(readFileSync(join(dataDir, LAN_CA_KEY_FILE), 'utf8')))).toBe(true);
    const days = (x509: X509Certificate) => (new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()) / 86_400_000;
    expect(days(x)).toBe(825);
    expect(days(ca)).toBe(3650);
    // valid from a day before the clock (a tablet a little behind still accepts it)
    expect(new Date(x.validFrom).toISOString()).toBe('2026-05-19T01:00:00.000Z');
    expect(c.sha256).toBe(x.fingerprint256.replace(/:/g, ''));
    expect(c.ca.sha256).toBe(ca.fingerprint256.replace(/:/g, ''));
    expect(c.ca.der.equals(ca.raw)).toBe(true);
    expect(c.chainPem).toBe(`${c.certPem.trim()}\n${c.ca.certPem.trim()}\n`);
    if (process.platform !== 'win32') {
      expect(mode(join(dataDir, LAN_KEY_FILE))).toBe(0o600);
      expect(mode(join(dataDir, LAN_CA_KEY_FILE))).toBe(0o600);
      expect(mode(join(dataDir, 'keys'))).toBe(0o700);
    }
  });

  it('is reused on the next start while every address is still in it (same files, same fingerprints)', async () => {
    const dataDir = tempDir();
    const first = await ensureLanCertificate({ dataDir, clock: clock(), addresses: ['192.168.1.23', '10.0.0.5'], hostname: 'kaodian-pc' });
    const pem = readFileSync(join(dataDir, LAN_CERT_FILE), 'utf8');
    // a subset of the addresses (a cable unplugged) still finds them all in the certificate
    const again = await ensureLanCertificate({ dataDir, clock: clock(), addresses: ['10.0.0.5'], hostname: 'kaodian-pc' });
    expect(again.generated).toBe(false);
    expect(again.ca.generated).toBe(false);
    expect(again.sha256).toBe(first.sha256);
    expect(again.ca.sha256).toBe(first.ca.sha256);
    expect(readFileSync(join(dataDir, LAN_CERT_FILE), 'utf8')).toBe(pem);
    expect(readdirSync(join(dataDir, 'keys')).sort()).toEqual(['lan-ca.crt', 'lan-ca.key', 'lan-https.crt', 'lan-https.key']);
  });

  it('DHCP gave the machine an address the certificate lacks: a new server certificate, the old pair kept with a timestamp, the CA (what tablets installed) unchanged', async () => {
    const dataDir = tempDir();
    const c = clock();
    const first = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'kaodian-pc' });
    c.set('2026-05-21T07:10:00+08:00');
    const moved = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.57'], hostname: 'kaodian-pc' });
    expect(moved.generated).toBe(true);
    expect(moved.sha256).not.toBe(first.sha256);
    expect(moved.replaced?.reason).toBe('address 192.168.1.57 not in the certificate');
    expect(moved.ca.generated).toBe(false);
    expect(moved.ca.sha256).toBe(first.ca.sha256);
    const x = read(dataDir, LAN_CERT_FILE);
    expect(x.checkIP('192.168.1.57')).toBe('192.168.1.57');
    expect(x.checkIP('192.168.1.23')).toBeUndefined();
    expect(x.verify(read(dataDir, LAN_CA_FILE).publicKey)).toBe(true);
    const kept = join(dataDir, 'keys', 'lan-https-20260520T231000Z');
    expect(moved.replaced?.keptAs).toBe(`${kept}.crt`);
    expect(new X509Certificate(readFileSync(`${kept}.crt`)).fingerprint256.replace(/:/g, '')).toBe(first.sha256);
    if (process.platform !== 'win32') {
      expect(mode(`${kept}.key`)).toBe(0o600);
      expect(mode(join(dataDir, LAN_KEY_FILE))).toBe(0o600);
    }
  });

  it('is replaced when the hostname changed, it nears expiry, its key does not match, or the CA was replaced', async () => {
    const dataDir = tempDir();
    const c = clock();
    await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'kaodian-pc' });
    const renamed = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'office-1' });
    expect(renamed.replaced?.reason).toBe('name office-1 not in the certificate');
    c.set('2028-07-25T09:00:00+08:00'); // valid to 2028-08-22: 28 days left
    const renewed = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'office-1' });
    expect(renewed.replaced?.reason).toBe('expires soon');
    expect(renewed.ca.generated).toBe(false);
    // a key from elsewhere copied over ours
    const other = tempDir();
    await ensureLanCertificate({ dataDir: other, clock: c, addresses: ['192.168.1.23'], hostname: 'office-1' });
    writeFileSync(join(dataDir, LAN_KEY_FILE), readFileSync(join(other, LAN_KEY_FILE)));
    const fixed = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'office-1' });
    expect(fixed.replaced?.reason).toBe('key does not match');
    // another site's CA copied in: our server certificate is not its, so it is reissued under it
    writeFileSync(join(dataDir, LAN_CA_FILE), readFileSync(join(other, LAN_CA_FILE)));
    writeFileSync(join(dataDir, LAN_CA_KEY_FILE), readFileSync(join(other, LAN_CA_KEY_FILE)));
    const reissued = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'office-1' });
    expect(reissued.replaced?.reason).toBe('not issued by the site CA');
    expect(read(dataDir, LAN_CERT_FILE).verify(read(other, LAN_CA_FILE).publicKey)).toBe(true);
    expect(readdirSync(join(dataDir, 'keys')).filter((f) => f.startsWith('lan-https') && f.endsWith('.crt'))).toHaveLength(5);
  });

  it('a CA near its end (10 years on) is replaced, kept aside, and the server certificate reissued under the new one', async () => {
    const dataDir = tempDir();
    const c = clock();
    const first = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'kaodian-pc' });
    c.set('2036-05-01T09:00:00+08:00');
    const later = await ensureLanCertificate({ dataDir, clock: c, addresses: ['192.168.1.23'], hostname: 'kaodian-pc' });
    expect(later.ca.generated).toBe(true);
    expect(later.ca.sha256).not.toBe(first.ca.sha256);
    expect(later.generated).toBe(true);
    expect(read(dataDir, LAN_CERT_FILE).verify(read(dataDir, LAN_CA_FILE).publicKey)).toBe(true);
    expect(existsSync(join(dataDir, 'keys', 'lan-ca-20360501T010000Z.crt'))).toBe(true);
  });

  it('keeps loopback and link-local out of the addresses to type; a hostname DNS cannot carry is left out', async () => {
    const ifaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.23', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '169.254.10.2', family: 'IPv4', internal: false }, { address: '10.0.0.5', family: 'IPv4', internal: false }],
    } as unknown as Parameters<typeof lanAddresses>[0];
    expect(lanAddresses(ifaces)).toEqual(['192.168.1.23', '10.0.0.5']);
    const dataDir = tempDir();
    const c = await ensureLanCertificate({ dataDir, clock: clock(), addresses: ['192.168.1.23'], hostname: '考点电脑' });
    expect(c.dnsNames).toEqual(['localhost']);
    expect(existsSync(join(dataDir, LAN_CERT_FILE))).toBe(true);
  });

  it('groups the SHA-256 fingerprint as byte pairs, 8 a line, to read aloud', () => {
    const hex = 'f40246396dfbfc3be0dc58ac7263f9f6c203ce6dcab8361f30467b95b463da40';
    expect(groupCertFingerprint(hex)).toBe('F4 02 46 39 6D FB FC 3B\nE0 DC 58 AC 72 63 F9 F6\nC2 03 CE 6D CA B8 36 1F\n30 46 7B 95 B4 63 DA 40');
  });
});
