// What the About page and the door chooser show for tablets on the LAN: the https addresses to
// type, the site CA's fingerprint to read aloud, the site CA to install once (DER, base64).
import { z } from 'zod';
import { groupCertFingerprint } from '../services/lan/cert';
import { defineCommand } from './registry';

export const systemLanInfo = defineCommand({
  name: 'system.lanInfo',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const lan = ctx.env.lan;
    if (!lan) return { serving: false as const, addresses: [], httpsPort: null, cert: null };
    return {
      serving: true as const,
      hostname: lan.hostname,
      httpPort: lan.httpPort,
      httpsPort: lan.httpsPort,
      addresses: lan.addresses.map((ip) => ({
        ip,
        http: `http://${ip}:${lan.httpPort}`,
        https: lan.httpsPort === null ? null : `https://${ip}:${lan.httpsPort}`,
      })),
      cert: lan.cert
        ? {
            sha256: lan.cert.sha256,
            fingerprintGrouped: groupCertFingerprint(lan.cert.sha256),
            notAfter: lan.cert.notAfter,
            derBase64: lan.cert.der.toString('base64'),
            fileName: 'exam-site-console-ca.crt',
            downloadPath: '/site.crt',
          }
        : null,
    };
  },
});

export const lanCommands = [systemLanInfo] as const;
