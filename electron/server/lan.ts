// The console's server for either entry point (the browser shell's CLI, tests): loopback only, or
// the LAN (a non-loopback host) with https beside http so door tablets get a secure context, the
// camera with it (browsers allow getUserMedia only on https or localhost).
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
  /** real time for the certificate's validity (tablets check it against their own clocks) */
  certClock: Clock;
  /** the machine's LAN IPv4 addresses and name (default: read from the OS) */
  addresses?: string[];
  hostname?: string;
}

export interface ServedConsole {
  running: RunningServer;
  lan: LanState | null;
  cert: LanCertificate | null;
  /** what to print at startup, Chinese first */
  lines: string[];
}

export async function serveConsole(opts: ServeOptions): Promise<ServedConsole> {
  const host = opts.host ?? '127.0.0.1';
  if (isLoopbackHost(host)) {
    const running = await startHttpServer({ app: opts.app, port: opts.port, host, rendererDir: opts.rendererDir });
    return { running, lan: null, cert: null, lines: [`考点通 浏览器版已启动 / Exam-Site Console (browser shell): ${running.url}`] };
  }
  const machineName = opts.hostname ?? osHostname();
  const all = opts.addresses ?? lanAddresses();
  // bound to one address: that is the one to type; bound to every interface: all of them
  const addresses = host === '0.0.0.0' || host === '::' ? all : [host];
  const httpsPort = opts.httpsPort === undefined ? (opts.port === 0 ? 0 : opts.port + 1) : opts.httpsPort;
  const cert = httpsPort === null ? null : await ensureLanCertificate({ dataDir: opts.app.env.dataDir, clock: opts.certClock, addresses: [...new Set([...all, ...addresses])], hostname: machineName });
  const lanHosts = [...new Set([...all, ...addresses, machineName.toLowerCase()])];
  const running = await startHttpServer({
    app: opts.app,
    port: opts.port,
    host,
    rendererDir: opts.rendererDir,
    lanHosts,
    // the chain (server certificate + site CA); /site.crt hands out the CA, what tablets install
    ...(cert && httpsPort !== null ? { https: { port: httpsPort, cert: cert.chainPem, key: cert.keyPem, certDer: cert.ca.der } } : {}),
  });
  const lan: LanState = {
    bindHost: host,
    addresses,
    hostname: machineName,
    httpPort: running.port,
    httpsPort: running.https?.port ?? null,
    cert: cert ? { sha256: cert.ca.sha256, der: cert.ca.der, notAfter: cert.ca.notAfter, serverSha256: cert.sha256, serverNotAfter: cert.notAfter, ips: cert.ips, dnsNames: cert.dnsNames } : null,
  };
  opts.app.env.lan = lan;
  const local = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${running.port}` : running.url;
  const lines = [`考点通已在局域网提供服务 / Exam-Site Console serving the LAN: ${local}`];
  for (const ip of addresses) {
    lines.push(`  http://${ip}:${lan.httpPort}`);
    if (lan.httpsPort !== null) lines.push(`  https://${ip}:${lan.httpsPort}  ← 门口平板请用此地址（摄像头需要 HTTPS）/ door tablets: use this (the camera needs https)`);
  }
  if (addresses.length === 0) lines.push('  本机没有局域网 IPv4 地址 / no LAN IPv4 address on this machine');
  if (cert) {
    if (cert.ca.generated) lines.push(`  已生成考点根证书（平板需安装一次）/ site CA made (install it on the tablets once): ${cert.ca.file}`);
    if (cert.replaced) lines.push(`  HTTPS 证书已更新（${cert.replaced.reason}），旧证书保留为 ${cert.replaced.keptAs} / server certificate replaced`);
    else if (cert.generated) lines.push(`  已生成 HTTPS 证书 / https certificate made: ${cert.certFile}`);
    lines.push(`  考点根证书指纹 SHA-256 / site CA fingerprint: ${cert.ca.sha256.match(/.{2}/g)!.join(':')}`);
    lines.push(`  平板安装证书 / install on tablets: http://${addresses[0] ?? host}:${lan.httpPort}${SITE_CERT_PATH}`);
  } else {
    lines.push('  未启用 HTTPS（--no-https）：门口平板将无法使用摄像头 / https off: door tablets get no camera');
  }
  return { running, lan, cert, lines };
}
