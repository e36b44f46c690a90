// The site's https certificates for the LAN (door tablets need a secure context for the camera),
// made with `selfsigned` and kept in <dataDir>/keys/ next to the site key (private keys 0600 in a
// 0700 folder):
// - the site's own small CA (lan-ca.crt, ~10 years): what a tablet installs once. Android installs
//   only certificates marked CA as trust anchors, and a CA that stays put means a DHCP move needs
//   no reinstall on every tablet;
// - the server certificate it signs (lan-https.crt, ECDSA P-256, ~825 days, not a CA): SANs are
//   every LAN IPv4 of the machine + its hostname + localhost. Reused while it still names them all;
//   replaced (the old pair kept with a timestamp) when DHCP moved the laptop, the hostname changed,
//   it nears expiry or the CA changed.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readSecretFile, writeSecretFile } from '../vault/files';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Clock } from '../runtime';

export const LAN_CERT_FILE = join('keys', 'lan-https.crt');
export const LAN_KEY_FILE = join('keys', 'lan-https.key');
export const LAN_CA_FILE = join('keys', 'lan-ca.crt');
export const LAN_CA_KEY_FILE = join('keys', 'lan-ca.key');

/** ~825 days: the longest validity Apple platforms accept for a TLS server certificate. */
export const LAN_CERT_DAYS = 825;
/** the tablets' trust anchor: long-lived, so a site installs it once */
export const LAN_CA_DAYS = 3650;
/** replaced ahead of expiry, so no exam day meets an expired certificate */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface LanCertificate {
  /** the server certificate followed by the CA (the chain the https port presents) */
  chainPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the server certificate (DER), upper-case hex */
  sha256: string;
  ips: string[];
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
  certFile: string;
  keyFile: string;
  /** the site CA: what tablets install (DER) and compare (SHA-256 fingerprint) */
  ca: { certPem: string; der: Buffer; sha256: string; notAfter: string; file: string; generated: boolean };
  /** the server certificate was made in this call (first start or a replacement) */
  generated: boolean;
  /** why the previous server certificate was replaced, and where it was kept */
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

/** Hostname as a DNS name the certificate can carry (Windows names may hold characters DNS does not). */
function dnsName(name: string): string | null {
  const n = name.trim().toLowerCase();
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(n) ? n : null;
}

const hex = (c: X509Certificate) => c.fingerprint256.replace(/:/g, '').toUpperCase();

/** Why a stored pair no longer serves (null: keep it). */
function pairProblem(certPem: string, keyPem: string, now: Date): { cert: X509Certificate; problem: string | null } | { cert: null; problem: string } {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { cert: null, problem: 'unreadable certificate' };
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return { cert, problem: 'key does not match' };
  } catch {
    return { cert, problem: 'unreadable key' };
  }
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return { cert, problem: 'expires soon' };
  if (new Date(cert.validFrom).getTime() > now.getTime() + DAY_MS) return { cert, problem: 'not yet valid' };
  return { cert, problem: null };
}

/** Moves a stale pair aside as <base>-<UTC stamp>.crt/.key; returns the kept certificate's path. */
function keepAside(dir: string, base: string, certFile: string, keyFile: string, now: Date): string {
  let kept = join(dir, `${base}-${stamp(now)}`);
  for (let n = 2; existsSync(`${kept}.crt`); n++) kept = join(dir, `${base}-${stamp(now)}-${n}`);
  renameSync(certFile, `${kept}.crt`);
  renameSync(keyFile, `${kept}.key`);
  return `${kept}.crt`;
}

function writePair(dataDir: string, certFile: string, keyFile: string, certPem: string, keyPem: string): void {
  // the key first, owner-only and sealed under the database key while the console is open; the certificate is public
  writeSecretFile(dataDir, keyFile, keyPem);
  if (process.platform !== 'win32') chmodSync(keyFile, 0o600);
  writeFileSync(certFile, certPem, { mode: 0o644 });
}

function narrowKey(keyFile: string): void {
  // a copied-in key may arrive world-readable: narrow it (no-op on Windows, where ACLs rule)
  if (process.platform !== 'win32' && existsSync(keyFile) && (statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
}

export interface EnsureLanCertOptions {
  dataDir: string;
  /** real time: tablets check the certificates against their own clocks */
  clock: Clock;
  /** the machine's LAN IPv4 addresses (default: lanAddresses()) */
  addresses?: string[];
  /** the machine's name (default: os.hostname()) */
  hostname?: string;
}

/**
 * The site CA and the server certificate: each loaded while it still serves, otherwise made (first
 * start) or replaced, the old pair renamed <name>-<UTC stamp>.crt/.key and kept.
 */
export async function ensureLanCertificate(opts: EnsureLanCertOptions): Promise<LanCertificate> {
  const now = opts.clock.now();
  const ips = [...new Set([...(opts.addresses ?? lanAddresses()), '127.0.0.1'])];
  const host = dnsName(opts.hostname ?? osHostname());
  const dns = [...new Set([...(host ? [host] : []), 'localhost'])];
  const dir = join(opts.dataDir, 'keys');
  const caFile = join(opts.dataDir, LAN_CA_FILE);
  const caKeyFile = join(opts.dataDir, LAN_CA_KEY_FILE);
  const certFile = join(opts.dataDir, LAN_CERT_FILE);
  const keyFile = join(opts.dataDir, LAN_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  narrowKey(caKeyFile);
  narrowKey(keyFile);
  // backdated a day: a tablet whose clock runs a little behind still accepts them
  const notBeforeDate = new Date(now.getTime() - DAY_MS);

  // the CA: kept as long as it is sound, since every tablet trusts it
  let caGenerated = false;
  let caPem = existsSync(caFile) ? readFileSync(caFile, 'utf8') : '';
  let caKeyPem = existsSync(caKeyFile) ? readSecretFile(opts.dataDir, caKeyFile).toString('utf8') : '';
  const caState = caPem && caKeyPem ? pairProblem(caPem, caKeyPem, now) : null;
  if (!caState || caState.problem || !caState.cert?.ca) {
    if (caState) keepAside(dir, 'lan-ca', caFile, caKeyFile, now);
    const made = await generate(
      [
        { name: 'commonName', value: `Exam-Site Console LAN CA${host ? ` (${host})` : ''}` },
        { name: 'organizationName', value: 'Exam-Site Console' },
      ],
      {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        notBeforeDate,
        notAfterDate: new Date(notBeforeDate.getTime() + LAN_CA_DAYS * DAY_MS),
        extensions: [
          // signs server certificates only, never another CA
          { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ],
      },
    );
    writePair(opts.dataDir, caFile, caKeyFile, made.cert, made.private);
    caPem = made.cert;
    caKeyPem = made.private;
    caGenerated = true;
  }
  const caCert = new X509Certificate(caPem);

  // the server certificate: every address and name, issued by this CA
  let replaced: LanCertificate['replaced'] = null;
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, 'utf8');
    const keyPem = readSecretFile(opts.dataDir, keyFile).toString('utf8');
    const state = pairProblem(certPem, keyPem, now);
    let why = state.problem;
    if (!why && state.cert) {
      const sans = parseSans(state.cert);
      const missingIp = ips.find((ip) => !sans.ips.includes(ip));
      const missingDns = dns.find((d) => !sans.dnsNames.includes(d));
      if (missingIp) why = `address ${missingIp} not in the certificate`;
      else if (missingDns) why = `name ${missingDns} not in the certificate`;
      else if (!state.cert.verify(caCert.publicKey)) why = 'not issued by the site CA';
    }
    if (!why) return describe(certPem, keyPem, certFile, keyFile, caPem, caFile, caGenerated, false, null);
    replaced = { reason: why, keptAs: keepAside(dir, 'lan-https', certFile, keyFile, now) };
  }

  const made = await generate(
    [
      { name: 'commonName', value: host ?? ips[0] ?? 'localhost' },
      { name: 'organizationName', value: 'Exam-Site Console' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + LAN_CERT_DAYS * DAY_MS),
      ca: { cert: caPem, key: caKeyPem },
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...ips.map((ip) => ({ type: 7 as const, ip })), ...dns.map((value) => ({ type: 2 as const, value }))] },
      ],
    },
  );
  writePair(opts.dataDir, certFile, keyFile, made.cert, made.private);
  return describe(made.cert, made.private, certFile, keyFile, caPem, caFile, caGenerated, true, replaced);
}

function describe(
  certPem: string,
  keyPem: string,
  certFile: string,
  keyFile: string,
  caPem: string,
  caFile: string,
  caGenerated: boolean,
  generated: boolean,
  replaced: LanCertificate['replaced'],
): LanCertificate {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caPem);
  const { ips, dnsNames } = parseSans(cert);
  return {
    chainPem: `${certPem.trim()}\n${caPem.trim()}\n`,
    certPem,
    keyPem,
    sha256: hex(cert),
    ips,
    dnsNames,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    certFile,
    keyFile,
    ca: { certPem: caPem, der: ca.raw, sha256: hex(ca), notAfter: new Date(ca.validTo).toISOString(), file: caFile, generated: caGenerated },
    generated,
    replaced,
  };
}
