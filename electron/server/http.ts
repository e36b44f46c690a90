import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ConsoleApp } from '../app';
import { BODY_LIMITS, sizeText } from '../domain/limits';
import { AppError, internalError, type ErrorCode } from '../services/errors';
import type { DeviceClaim } from '../services/devices/credential';
import { ownChunk, RawJsonBody, WORKER_DECODED_METHODS } from '../workers/body';
import { Serialized } from '../workers/serialized';
import { BodyGuard, bodyLimitFor, HttpRefusal, tooLarge } from './body-limits';
import { contentSecurityPolicy, renderIndexHtml } from './html';

export interface HttpOptions {
  app: ConsoleApp;
  port: number;
  /** 127.0.0.1 by default: the LAN is opened on purpose, later, with its own checks */
  host?: string;
  /** the built renderer (dist/renderer); without it only /api is served */
  rendererDir?: string;
  /** extra Host header values to accept besides loopback */
  allowedHosts?: string[];
  /** LAN names/addresses (no port) accepted in the Host header on the http and the https port */
  lanHosts?: string[];
  /** also serve https on a second port (0: any free port) with this certificate chain, same handler;
   * certDer: what /site.crt hands out (the site CA tablets install; default the first certificate) */
  https?: { port: number; cert: string; key: string; certDer?: Buffer };
}

export interface RunningServer {
  url: string;
  port: number;
  server: FastifyInstance;
  /** the https listener, when asked for */
  https: { url: string; port: number; server: FastifyInstance } | null;
  /** replaces the LAN names accepted in the Host header (the machine's addresses moved) */
  setLanHosts(names: string[]): void;
  /** swaps the https certificate for new connections (no restart, open connections keep theirs) */
  setCertificate(cert: { cert: string; key: string; certDer?: Buffer }): void;
  close(): Promise<void>;
}

/** The site CA as a download (/site.crt): DER, what Android, iOS and Windows install. */
export const SITE_CERT_PATH = '/site.crt';

const LOOPBACK_IP = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

/**
 * Whether a request on the plain-http port comes from this PC: its socket is loopback and it
 * dialled a loopback name. Anything else crossed the LAN, where PINs and tokens must not travel
 * in clear text: the http port then only redirects to https and hands out the CA certificate.
 */
export function isLocalRequest(remoteIp: string | undefined, hostHeader: string | undefined): boolean {
  return !!remoteIp && LOOPBACK_IP.test(remoteIp) && !!hostHeader && LOOPBACK_HOST.test(hostHeader);
}

function hostAllowed(hostHeader: string | undefined, ports: number[], names: string[], extra: string[]): boolean {
  if (!hostHeader) return false;
  const allowed = new Set(extra);
  for (const p of ports) for (const n of ['127.0.0.1', 'localhost', '[::1]', ...names]) allowed.add(`${n}:${p}`);
  return allowed.has(hostHeader.toLowerCase());
}

function bearerOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() || null : null;
}

// `http:` for the https port too: commands tell a browser from the desktop shell by this prefix (plan.ts)
function deviceOf(req: FastifyRequest): string {
  const named = req.headers['x-device-name'];
  let name = '';
  if (typeof named === 'string') {
    try {
      name = decodeURIComponent(named);
    } catch {
      name = named;
    }
    // a label, not markup: letters, digits and a little punctuation
    name = name.replace(/[^\p{L}\p{N} _.:#-]/gu, '').slice(0, 40);
  }
  return `http:${req.ip}${name ? ` ${name}` : ''}`;
}

/** Whether an Origin header names the host the request was sent to (same scheme-less host:port). */
export function sameOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host.toLowerCase() === hostHeader.toLowerCase();
  } catch {
    // 'null' (a sandboxed frame, a file) and anything unparsable
    return false;
  }
}

/** A path that climbs out of where it points (`..` in any spelling) or carries a NUL byte. */
export function traversal(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  // twice: %252e%252e is %2e%2e once decoded
  for (let i = 0; i < 2; i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return true;
    }
  }
  return decoded.includes('\0') || decoded.split(/[\\/]+/).some((seg) => seg === '..');
}

/** A paired door device's credential and what it says of its queue and clock (x-device-*). */
function deviceClaimOf(req: FastifyRequest): DeviceClaim | undefined {
  const key = req.headers['x-device-key'];
  if (typeof key !== 'string' || !key) return undefined;
  const num = (h: string | string[] | undefined) => (typeof h === 'string' && /^-?\d{1,15}$/.test(h) ? Number(h) : undefined);
  return { key: key.slice(0, 100), queued: num(req.headers['x-device-queue']), offsetMs: num(req.headers['x-device-offset']) };
}

/** The browser shell: the built renderer and POST /api/<method>, over the same registry as IPC. */
export async function startHttpServer(opts: HttpOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  // closing must not wait for browsers' keep-alive connections (a test's page, a proctor's tablet)
  // the largest body any command takes; each call's own limit is applied as it arrives (body-limits.ts)
  const base = { logger: false, bodyLimit: Math.max(...Object.values(BODY_LIMITS.byMethod)), forceCloseConnections: true } as const;
  const server = Fastify(base);
  // the same handler on https: Fastify's type follows its raw server, the routes are the same
  const secure = opts.https ? (Fastify({ ...base, https: { cert: opts.https.cert, key: opts.https.key } }) as unknown as FastifyInstance) : null;
  const ports = { http: opts.port, https: opts.https?.port ?? -1 };
  const extraHosts = (opts.allowedHosts ?? []).map((h) => h.toLowerCase());
  const bound = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === 'localhost' || host === '::1' ? [] : [host];
  const namesOf = (hosts: string[]) => [...new Set([...bound, ...hosts].map((h) => h.toLowerCase()))];
  let lanNames = namesOf(opts.lanHosts ?? []);
  let certDer = opts.https ? (opts.https.certDer ?? pemToDer(opts.https.cert)) : null;

  await setup(server, secure ? 'httpBesideHttps' : 'only');
  if (secure) await setup(secure, 'https');

  await server.listen({ port: opts.port, host });
  ports.http = boundPort(server, opts.port);
  const shown = host === '::1' ? '[::1]' : host;
  const url = `http://${shown}:${ports.http}`;
  let https: RunningServer['https'] = null;
  if (secure && opts.https) {
    try {
      await secure.listen({ port: opts.https.port, host });
    } catch (e) {
      await server.close();
      throw e;
    }
    ports.https = boundPort(secure, opts.https.port);
    https = { url: `https://${shown}:${ports.https}`, port: ports.https, server: secure };
  }
  return {
    url,
    port: ports.http,
    server,
    https,
    setLanHosts: (names) => {
      lanNames = namesOf(names);
    },
    setCertificate: (next) => {
      if (!secure) throw new Error('setCertificate: this server has no https port');
      // the raw node https.Server under Fastify
      (secure.server as unknown as import('node:https').Server).setSecureContext({ cert: next.cert, key: next.key });
      certDer = next.certDer ?? pemToDer(next.cert);
    },
    close: async () => {
      await Promise.all([server.close(), secure?.close()]);
    },
  };

  /**
   * A LAN request on the plain-http port: the CA certificate and /api/health are served (a tablet
   * needs the certificate before it can trust https), the API is refused with where to go, and a
   * page is redirected to the same path on https (308 keeps the method).
   */
  function lanOverHttp(req: FastifyRequest, reply: FastifyReply) {
    const path = req.url.split('?')[0] ?? '/';
    if (path === SITE_CERT_PATH || path === '/api/health') return;
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    const target = `https://${hostName}:${ports.https}${req.url}`;
    if (path.startsWith('/api/')) {
      const err = new AppError('FORBIDDEN', 'http.httpsOnly', { url: `https://${hostName}:${ports.https}` }).toData();
      return reply.code(403).send({ ok: false, error: err });
    }
    return reply.redirect(target, 308);
  }

  /**
   * role: 'only' (no https port: loopback, or the LAN with https turned off on purpose),
   * 'httpBesideHttps' (the plain port next to https: from the LAN it only redirects), 'https'.
   */
  async function setup(server: FastifyInstance, role: 'only' | 'httpBesideHttps' | 'https'): Promise<void> {
    // DNS rebinding: a page on another origin resolving to 127.0.0.1 carries its own Host.
    server.addHook('onRequest', async (req, reply) => {
      if (!hostAllowed(req.headers.host, [ports.http, ports.https].filter((p) => p > 0), lanNames, extraHosts)) {
        const err = new AppError('HOST_REFUSED', '拒绝访问：主机名不在允许列表中。', 'Host header not allowed.').toData();
        return reply.code(421).send({ ok: false, error: err });
      }
      // a page of another site posting to this PC's console (CSRF): its browser names the site
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, req.headers.host)) {
        const err = new AppError('HOST_REFUSED', 'http.originRefused', { origin: origin.slice(0, 80) }).toData();
        return reply.code(403).send({ ok: false, error: err });
      }
      if (traversal(req.url)) {
        return reply.code(400).send({ ok: false, error: new AppError('BAD_INPUT', 'http.badPath').toData() });
      }
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      reply.header('X-Frame-Options', 'DENY');
      // hashed build files never change under their name: a tablet keeps them a year; everything else is fetched fresh
      reply.header('Cache-Control', isHashedAsset(req.url) ? IMMUTABLE : 'no-store');
      if (role === 'httpBesideHttps' && !isLocalRequest(req.socket.remoteAddress, req.headers.host)) return lanOverHttp(req, reply);
    });

    // BODY_LIMITS and JSON_LIMITS (domain/limits.ts) as the body arrives, before it is parsed
    server.addHook('preParsing', async (req, _reply, payload) => {
      const method = /^\/api\/([^/?#]+)/.exec(req.url)?.[1];
      if (!method) return payload;
      const token = bearerOf(req);
      let signedIn = !!token;
      // a large limit only for a live session: a made-up token must not open the door to 64 MB
      if (signedIn && bodyLimitFor(method, true) > BODY_LIMITS.default) {
        const me = await opts.app.call({ method: 'auth.me', input: {}, token, device: deviceOf(req), client: `ip:${req.ip}` });
        signedIn = me.ok;
      }
      const limit = bodyLimitFor(method, signedIn);
      const declared = Number(req.headers['content-length']);
      if (declared > limit) throw tooLarge(declared, limit, signedIn);
      return payload.pipe(new BodyGuard(limit, signedIn, /json/i.test(req.headers['content-type'] ?? '')));
    });

    // a body that carries files (several MB of base64) is kept as bytes: the import worker parses
    // it (workers/body.ts), so the door's requests are not held up while it is read; every other
    // body is parsed here as Fastify would (prototype poisoning refused)
    const json = server.getDefaultJsonParser('error', 'error');
    server.removeContentTypeParser('application/json');
    server.addContentTypeParser('application/json', (req, payload, done) => {
      const method = /^\/api\/([^/?#]+)/.exec(req.url)?.[1];
      const toWorker = !!method && WORKER_DECODED_METHODS.has(method);
      // the chunks as they come (several MB of them are never joined here: one copy of the whole
      // body would hold this thread as long as a door scan takes)
      const chunks: Uint8Array[] = [];
      let size = 0;
      payload.on('data', (c: Buffer) => {
        chunks.push(toWorker ? ownChunk(c) : c);
        size += c.length;
      });
      payload.once('error', (e: Error) => done(e, undefined));
      payload.once('end', () => {
        const declared = req.headers['content-length'];
        if (declared !== undefined && Number(declared) !== size) return done(Object.assign(new Error('the body is not as long as its Content-Length'), { statusCode: 400 }), undefined);
        if (toWorker && size > 0) return done(null, new RawJsonBody(chunks, size));
        json(req, Buffer.concat(chunks, size).toString('utf8'), done);
      });
    });

    server.setErrorHandler((error: { statusCode?: number }, _req, reply) => {
      if (error instanceof HttpRefusal) return reply.code(error.statusCode).send({ ok: false, error: error.refusal.toData() });
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      const err =
        status === 413
          ? new AppError('LIMIT_EXCEEDED', 'limits.body', { size: `> ${sizeText(base.bodyLimit)}`, limit: sizeText(base.bodyLimit) }).toData()
          : status < 500
            ? new AppError('BAD_INPUT', 'http.malformed').toData()
            : internalError();
      if (status >= 500) console.error('http:', error);
      return reply.code(status).send({ ok: false, error: err });
    });

    server.get('/api/health', async () => ({ ok: true, version: opts.app.env.version }));

    // public by nature (every TLS handshake sends it): a tablet fetches it once to install it
    if (certDer) {
      server.get(SITE_CERT_PATH, async (_req, reply) =>
        reply.type('application/x-x509-ca-cert').header('Content-Disposition', 'attachment; filename="exam-site-console-ca.crt"').send(certDer),
      );
    }

    server.post('/api/:method', async (req: FastifyRequest<{ Params: { method: string } }>, reply: FastifyReply) => {
      const token = bearerOf(req);
      const result = await opts.app.call({ method: req.params.method, input: req.body ?? {}, token, device: deviceOf(req), client: `ip:${req.ip}`, deviceClaim: deviceClaimOf(req), acceptsSerialized: true });
      // an answer serialized on a worker (the plan with every photo) goes out as its bytes, never made into JSON here
      if (result.ok && result.data instanceof Serialized) {
        const b = result.data.bytes;
        return reply.code(200).type('application/json; charset=utf-8').send(Readable.from([Buffer.from('{"ok":true,"data":'), Buffer.from(b.buffer, b.byteOffset, b.byteLength), Buffer.from('}')]));
      }
      const status = result.ok ? 200 : statusOf(result.error.code);
      return reply.code(status).send(result);
    });

    server.all('/api/*', async (_req, reply) =>
      reply.code(404).send({ ok: false, error: new AppError('UNKNOWN_COMMAND', '未知接口。', 'Unknown endpoint.').toData() }),
    );

    const rendererDir = opts.rendererDir;
    if (rendererDir && existsSync(join(rendererDir, 'index.html'))) {
      const template = readFileSync(join(rendererDir, 'index.html'), 'utf8');
      const sendIndex = (reply: FastifyReply) => {
        const nonce = opts.app.env.random.bytes(16).toString('base64');
        return reply
          .header('Content-Security-Policy', contentSecurityPolicy(nonce))
          .type('text/html; charset=utf-8')
          .send(renderIndexHtml(template, nonce));
      };
      // the .br/.gz made at build (scripts/precompress.ts) go out as they are to a browser that accepts them
      await server.register(fastifyStatic, {
        root: rendererDir,
        index: false,
        wildcard: false,
        preCompressed: true,
        cacheControl: false,
        globIgnore: ['**/*.br', '**/*.gz'],
        setHeaders: (reply, path) => {
          const url = `/${relative(rendererDir, path).split(sep).join('/')}`;
          reply.header('Cache-Control', isHashedAsset(url) ? IMMUTABLE : 'no-store');
        },
      });
      server.get('/', async (_req, reply) => sendIndex(reply));
      // client-side routes fall back to the page; unknown files under /assets stay 404
      server.setNotFoundHandler(async (req, reply) => {
        if (req.method === 'GET' && !req.url.startsWith('/assets/')) return sendIndex(reply);
        return reply.code(404).send('Not found');
      });
    }
  }
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite's content-hashed output (/assets/name-<hash>.ext): its name changes whenever its bytes do. */
export function isHashedAsset(url: string): boolean {
  return /^\/assets\/[^/?#]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?(\?.*)?$/.test(url);
}

function boundPort(server: FastifyInstance, asked: number): number {
  const address = server.server.address();
  return address && typeof address === 'object' ? address.port : asked;
}

function pemToDer(pem: string): Buffer {
  const first = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(pem);
  return Buffer.from((first?.[1] ?? '').replace(/\s+/g, ''), 'base64');
}

/** The HTTP status of each error code: exhaustive, so a new code cannot fall through to a wrong status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNKNOWN_COMMAND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PIN_WRONG: 401,
  PIN_LOCKED: 423,
  RATE_LIMITED: 429,
  SETUP_DONE: 409,
  SETUP_REQUIRED: 400,
  HOST_REFUSED: 400,
  SYNC_NOT_CONFIGURED: 400,
  PLAN_INVALID: 400,
  PLAN_CONFIRM_REQUIRED: 400,
  PLAN_LOCKED: 400,
  DRAW_INFEASIBLE: 400,
  DRAW_RULE: 400,
  DRAW_STARTED: 400,
  ID_CHECK_FAILED: 400,
  DOOR_REFUSED: 400,
  ENTRY_CLOSED: 400,
  LEAVE_TOO_EARLY: 400,
  SEAL_NOT_READY: 400,
  PLATFORM_ERROR: 400,
  DISK_FULL: 507,
  LIMIT_EXCEEDED: 413,
  // a locked console answers only the gate until the recovery code is typed on this PC
  VAULT_LOCKED: 423,
  RECOVERY_CODE_WRONG: 401,
  DB_KEY_WRONG: 401,
  BACKUP_ERROR: 400,
  RESTORE_REFUSED: 409,
  DEVICE_REFUSED: 403,
  INTERNAL: 500,
};

function statusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}
