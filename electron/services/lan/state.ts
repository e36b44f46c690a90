// What the console knows about its LAN service once the server is up: the addresses a tablet can
// type, the two ports and the https certificate (public part only). Set on AppEnv by the server.
export interface LanState {
  /** the address the server listens on (0.0.0.0: every interface) */
  bindHost: string;
  /** the IPv4 addresses to type on a tablet */
  addresses: string[];
  hostname: string;
  httpPort: number;
  /** null: https turned off (--no-https) */
  httpsPort: number | null;
  cert: {
    /** the site CA tablets install: SHA-256 of its DER, upper-case hex */
    sha256: string;
    der: Buffer;
    notAfter: string;
    /** the server certificate it signed (renewed on its own when addresses change) */
    serverSha256: string;
    serverNotAfter: string;
    ips: string[];
    dnsNames: string[];
  } | null;
}

/** Loopback names: serving these is not serving the LAN. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
