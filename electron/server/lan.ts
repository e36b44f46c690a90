// The console's server for either entry point (the browser shell's CLI, the Electron shell, tests):
// loopback only, or the LAN (a non-loopback host) with https beside http so door tablets get a
// secure context, the camera with it (browsers allow getUserMedia only on https or localhost).
import { hostname as osHostname } from 'node:os';
import type { ConsoleApp } from '../app';
import { ensureLanCertificate, lanAddresses, type LanCertificate } from '../services/lan/cert';
import { isLoopbackHost, type LanState } from '../services/lan/state';
import type { Clock } from '../services/runtime';
import { SITE_CERT_PATH, startHttpServer, type RunningServer } from './http';

export interface ServeOptions {
  app: ConsoleApp;
  port: number;
  host?: string;
  rendererDir?: string;
  /** https port on the LAN: undefined = http port + 1 (0 when the http port is 0), null = no https */
  httpsPort?: number | null;
  /** real time for the certificates' validity (tablets check them against their own clocks) */
  certClock: Clock;
  /** the machine's LAN IPv4 addresses, or how to read them again (default: read from the OS) */
  addresses?: string[] | (() => string[]);
  hostname?: string;
}

export interface ServedConsole {
  running: RunningServer;
  lan: LanState | null;
  cert: LanCertificate | null;
  /** what to print at startup, Chinese first */
  lines: string[];
  /**
   * Reads the machine's addresses again; when they changed (DHCP moved the laptop) the server
   * certificate is reissued and swapped in, the Host allow-list and system.lanInfo follow.
   * Returns the lines to print, empty when nothing changed.
   */
  refresh(): Promise<string[]>;
  /** refresh() every intervalMs until the server closes */
  watch(intervalMs?: number): void;
}

const ANY = new Set(['0.0.0.0', '::']);
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function serveConsole(opts: ServeOptions): Promise<ServedConsole> {
  const host = opts.host ?? '127.0.0.1';
  if (isLoopbackHost(host)) {
    const running = await startHttpServer({ app: opts.app, port: opts.port, host, rendererDir: opts.rendererDir });
    const nothing = async () => [];
    return { running, lan: null, cert: null, lines: [`考点通 浏览器版已启动 / Exam-Site Console (browser shell): ${running.url}`], refresh: nothing, watch: () => undefined };
  }
  const machineName = opts.hostname ?? osHostname();
  const readAddresses = () => (typeof opts.addresses === 'function' ? opts.addresses() : (opts.addresses ?? lanAddresses()));
  const httpsPort = opts.httpsPort === undefined ? (opts.port === 0 ? 0 : opts.port + 1) : opts.httpsPort;

  /** For the machine's addresses now: the ones to type, the certificate naming them all, the Host names. */
  const prepare = async (all: string[]) => {
    // bound to one address: that is the one to type; bound to every interface: all of them
    const addresses = ANY.has(host) ? all : [host];
    const cert = httpsPort === null ? null : await ensureLanCertificate({ dataDir: opts.app.env.dataDir, clock: opts.certClock, addresses: [...new Set([...all, ...addresses])], hostname: machineName });
    return { all, addresses, cert, lanHosts: [...new Set([...all, ...addresses, machineName.toLowerCase()])] };
  };
  let now = await prepare(readAddresses());
  const running = await startHttpServer({
    app: opts.app,
    port: opts.port,
    host,
    rendererDir: opts.rendererDir,
    lanHosts: now.lanHosts,
    // the chain (server certificate + site CA); /site.crt hands out the CA, what tablets install
    ...(now.cert && httpsPort !== null ? { https: { port: httpsPort, cert: now.cert.chainPem, key: now.cert.keyPem, certDer: now.cert.ca.der } } : {}),
  });
  const stateOf = (p: typeof now): LanState => ({
    bindHost: host,
    addresses: p.addresses,
    hostname: machineName,
    httpPort: running.port,
    httpsPort: running.https?.port ?? null,
    cert: p.cert
      ? { sha256: p.cert.ca.sha256, der: p.cert.ca.der, notAfter: p.cert.ca.notAfter, serverSha256: p.cert.sha256, serverNotAfter: p.cert.notAfter, ips: p.cert.ips, dnsNames: p.cert.dnsNames }
      : null,
  });
  const certLines = (cert: LanCertificate): string[] => [
    ...(cert.ca.generated ? [`  已生成考点根证书（平板需安装一次）/ site CA made (install it on the tablets once): ${cert.ca.file}`] : []),
    ...(cert.replaced
      ? [`  HTTPS 证书已更新（${cert.replaced.reason}），旧证书保留为 ${cert.replaced.keptAs} / server certificate replaced`]
      : cert.generated
        ? [`  已生成 HTTPS 证书 / https certificate made: ${cert.certFile}`]
        : []),
  ];
  const addressLines = (addresses: string[], lan: LanState): string[] => {
    const out: string[] = [];
    for (const ip of addresses) {
      out.push(`  http://${ip}:${lan.httpPort}`);
      if (lan.httpsPort !== null) out.push(`  https://${ip}:${lan.httpsPort}  ← 门口平板请用此地址（摄像头需要 HTTPS）/ door tablets: use this (the camera needs https)`);
    }
    if (addresses.length === 0) out.push('  本机没有局域网 IPv4 地址 / no LAN IPv4 address on this machine');
    return out;
  };

  let lan = stateOf(now);
  opts.app.env.lan = lan;
  const local = ANY.has(host) ? `http://127.0.0.1:${running.port}` : running.url;
  const lines = [`考点通已在局域网提供服务 / Exam-Site Console serving the LAN: ${local}`, ...addressLines(now.addresses, lan)];
  if (now.cert) {
    lines.push(...certLines(now.cert));
    lines.push(`  考点根证书指纹 SHA-256 / site CA fingerprint: ${now.cert.ca.sha256.match(/.{2}/g)!.join(':')}`);
    lines.push(`  平板安装证书 / install on tablets: http://${now.addresses[0] ?? host}:${lan.httpPort}${SITE_CERT_PATH}`);
  } else {
    lines.push('  未启用 HTTPS（--no-https）：门口平板将无法使用摄像头 / https off: door tablets get no camera');
  }

  let busy = false;
  const refresh = async (): Promise<string[]> => {
    const all = readAddresses();
    if (busy || same(all, now.all)) return [];
    busy = true;
    try {
      const next = await prepare(all);
      if (next.cert && running.https) running.setCertificate({ cert: next.cert.chainPem, key: next.cert.keyPem, certDer: next.cert.ca.der });
      running.setLanHosts(next.lanHosts);
      now = next;
      lan = stateOf(next);
      opts.app.env.lan = lan;
      return [`考点通：本机局域网地址已变更 / the LAN addresses changed`, ...addressLines(next.addresses, lan), ...(next.cert ? certLines(next.cert) : [])];
    } finally {
      busy = false;
    }
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  const close = running.close;
  running.close = async () => {
    if (timer) clearInterval(timer);
    timer = null;
    await close();
  };
  const watch = (intervalMs = 30_000) => {
    if (timer) return;
    timer = setInterval(() => {
      refresh().then(
        (said) => said.forEach((l) => console.log(l)),
        (e: unknown) => console.error('lan refresh:', e),
      );
    }, intervalMs);
    timer.unref();
  };
  return {
    running,
    get lan() {
      return lan;
    },
    get cert() {
      return now.cert;
    },
    lines,
    refresh,
    watch,
  };
}
