// The site's https certificate for the LAN (door tablets need a secure context for the camera):
// a self-signed ECDSA P-256 certificate made with `selfsigned` on first LAN start, kept in
// <dataDir>/keys/ next to the site key (private key 0600 in a 0700 folder), reused while it still
// names every address of this machine, replaced (the old pair kept with a timestamp) when DHCP
// moved the laptop or the hostname changed, or when it is about to expire.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Clock } from '../runtime';

export const LAN_CERT_FILE = join('keys', 'lan-https.crt');
export const LAN_KEY_FILE = join('keys', 'lan-https.key');

/** ~825 days: the longest validity Apple platforms accept for a TLS server certificate. */
export const LAN_CERT_DAYS = 825;
/** replaced ahead of expiry, so no exam day meets an expired certificate */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface LanCertificate {
  certPem: string;
  keyPem: string;
  /** the certificate in DER, what a tablet installs */
  certDer: Buffer;
  /** SHA-256 of the DER certificate, upper-case hex without separators */
  sha256: string;
  ips: string[];
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
  certFile: string;
  keyFile: string;
  /** made in this call (first start or a replacement) */
  generated: boolean;
  /** why the previous certificate was replaced, and where it was kept */
  replaced: { reason: string; keptAs: string } | null;
}

/** Every non-loopback IPv4 of this machine (what a tablet on the LAN can type), in interface order. */
export function lanAddresses(ifaces: ReturnType<typeof networkInterfaces> = networkInterfaces()): string[] {
  const out: string[] = [];
  for (const list of Object.values(ifaces)) {
    for (const a of list ?? []) {
      // link-local 169.254.x.x means "no DHCP answer": nobody can reach it on purpose
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.') && !a.address.startsWith('169.254.') && !out.includes(a.address)) out.push(a.address);
    }
  }
  return out;
}

/** The SHA-256 fingerprint as byte pairs (what browsers' certificate viewers show), 8 pairs a group, to read aloud. */
export function groupCertFingerprint(hex: string): string {
  const pairs = hex.toUpperCase().match(/.{2}/g) ?? [];
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) groups.push(pairs.slice(i, i + 8).join(' '));
  return groups.join('\n');
}

function parseSans(cert: X509Certificate): { ips: string[]; dnsNames: string[] } {
  const ips: string[] = [];
  const dnsNames: string[] = [];
  for (const part of (cert.subjectAltName ?? '').split(/,\s*/)) {
    if (part.startsWith('IP Address:')) ips.push(part.slice('IP Address:'.length));
    else if (part.startsWith('DNS:')) dnsNames.push(part.slice('DNS:'.length).toLowerCase());
  }
  return { ips, dnsNames };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Hostname as a DNS label the certificate can carry (Windows names may hold characters DNS does not). */
function dnsName(name: string): string | null {
  const n = name.trim().toLowerCase();
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(n) ? n : null;
}

function describe(certPem: string, keyPem: string, certFile: string, keyFile: string, generated: boolean, replaced: LanCertificate['replaced']): LanCertificate {
  const cert = new X509Certificate(certPem);
  const { ips, dnsNames } = parseSans(cert);
  return {
    certPem,
    keyPem,
    certDer: cert.raw,
    sha256: cert.fingerprint256.replace(/:/g, '').toUpperCase(),
    ips,
    dnsNames,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    certFile,
    keyFile,
    generated,
    replaced,
  };
}

/** Why the stored certificate no longer serves (null: keep it). */
function staleness(certPem: string, keyPem: string, ips: string[], dns: string[], now: Date): string | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return 'unreadable certificate';
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return 'key does not match';
  } catch {
    return 'unreadable key';
  }
  const sans = parseSans(cert);
  const missingIp = ips.find((ip) => !sans.ips.includes(ip));
  if (missingIp) return `address ${missingIp} not in the certificate`;
  const missingDns = dns.find((d) => !sans.dnsNames.includes(d));
  if (missingDns) return `name ${missingDns} not in the certificate`;
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return 'expires soon';
  if (new Date(cert.validFrom).getTime() > now.getTime() + DAY_MS) return 'not yet valid';
  return null;
}

export interface EnsureLanCertOptions {
  dataDir: string;
  /** real time: tablets check the certificate against their own clocks */
  clock: Clock;
  /** the machine's LAN IPv4 addresses (default: lanAddresses()) */
  addresses?: string[];
  /** the machine's name (default: os.hostname()) */
  hostname?: string;
}

/**
 * The LAN certificate: loaded when it still names every address and the hostname, otherwise made
 * (first start) or replaced (the old pair renamed lan-https-<UTC stamp>.crt/.key and kept).
 */
export async function ensureLanCertificate(opts: EnsureLanCertOptions): Promise<LanCertificate> {
  const now = opts.clock.now();
  const ips = [...new Set([...(opts.addresses ?? lanAddresses()), '127.0.0.1'])];
  const host = dnsName(opts.hostname ?? osHostname());
  const dns = [...new Set([...(host ? [host] : []), 'localhost'])];
  const dir = join(opts.dataDir, 'keys');
  const certFile = join(opts.dataDir, LAN_CERT_FILE);
  const keyFile = join(opts.dataDir, LAN_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  let replaced: LanCertificate['replaced'] = null;
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, 'utf8');
    const keyPem = readFileSync(keyFile, 'utf8');
    const why = staleness(certPem, keyPem, ips, dns, now);
    // a copied-in key may arrive world-readable: narrow it (no-op on Windows, where ACLs rule)
    if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    if (!why) return describe(certPem, keyPem, certFile, keyFile, false, null);
    let keptAs = join(dir, `lan-https-${stamp(now)}`);
    for (let n = 2; existsSync(`${keptAs}.crt`); n++) keptAs = join(dir, `lan-https-${stamp(now)}-${n}`);
    renameSync(certFile, `${keptAs}.crt`);
    renameSync(keyFile, `${keptAs}.key`);
    replaced = { reason: why, keptAs: `${keptAs}.crt` };
  }

  // backdated a day: a tablet whose clock runs a little behind still accepts it
  const notBeforeDate = new Date(now.getTime() - DAY_MS);
  const notAfterDate = new Date(notBeforeDate.getTime() + LAN_CERT_DAYS * DAY_MS);
  const made = await generate(
    [
      { name: 'commonName', value: host ?? ips[0] ?? 'localhost' },
      { name: 'organizationName', value: 'Exam-Site Console LAN' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...ips.map((ip) => ({ type: 7 as const, ip })), ...dns.map((value) => ({ type: 2 as const, value }))] },
      ],
    },
  );
  // the key first, owner-only; the certificate is public
  writeFileSync(keyFile, made.private, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(keyFile, 0o600);
  writeFileSync(certFile, made.cert, { mode: 0o644 });
  return describe(made.cert, made.private, certFile, keyFile, true, replaced);
}
