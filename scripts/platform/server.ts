// A reference provincial platform (DOMAIN G7) for demos and tests. The real platforms publish no API,
// so this one defines the console's side of it: resumable upload with tus, an idempotent commit keyed
// by the package hash, receipts and later statements signed with the platform's own Ed25519 key,
// rejections with reasons, certificate numbers, plans to download, and fault switches.
// It imports nothing from electron/: it is the other party, not part of the console.
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { mkdirSync, readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { canonical, loadOrCreateKey, seededRandom, sha256Hex, signText, verifyText, type PlatformKey } from './crypto';
import { openStore, type RecordRow, type Sqlite, type StatementRow } from './store';

export const PROTOCOL = 'esc-platform/1';
export const PACKAGE_FORMAT = 'esc-package/1';

export interface FaultSwitches {
  /** share of requests answered 503 without doing anything */
  error5xx: number;
  /** share of requests whose connection is dropped before anything is applied */
  dropBeforeApply: number;
  /** share of requests fully applied whose connection is then dropped instead of answered */
  dropAfterCommit: number;
  /** share of requests applied and answered only after `slowMs` */
  slow: number;
  slowMs: number;
  /** share of status/corrections replies that list every statement twice */
  duplicate: number;
  /** idempotency by package hash; turned off, every commit makes a new record */
  dedupe: boolean;
  /** seed of the fault draws, so a run can be replayed */
  seed: number;
}

export const NO_FAULTS: FaultSwitches = { error5xx: 0, dropBeforeApply: 0, dropAfterCommit: 0, slow: 0, slowMs: 0, duplicate: 0, dedupe: true, seed: 1 };

type FaultKind = 'error5xx' | 'dropBeforeApply' | 'dropAfterCommit' | 'slow' | 'duplicate';

export interface PlatformOptions {
  dataDir: string;
  port?: number;
  host?: string;
  name?: string;
  faults?: Partial<FaultSwitches>;
  now?: () => Date;
}

export interface PlatformStats {
  requests: number;
  faults: Record<FaultKind, number>;
  /** every tus PATCH as it arrived: the upload id and the offset it starts from */
  patches: { uploadId: string; offset: number }[];
}

export interface RunningPlatform {
  url: string;
  port: number;
  publicKey: string;
  fingerprint: string;
  store: Sqlite;
  stats: PlatformStats;
  faults(): FaultSwitches;
  setFaults(patch: Partial<FaultSwitches>): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error ?? status));
  }
}

async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, { error: 'too-large' });
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new HttpError(400, { error: 'bad-json' });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Holds back what the handler writes: dropped (connection cut after the work is done) or delayed. */
function interceptResponse(res: ServerResponse, mode: { drop: true } | { delayMs: number }): void {
  const ops: (() => void)[] = [];
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  // The handler's writes are swallowed here and replayed (or not) below; `any` keeps Node's overloads.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  (res as any).writeHead = (...a: unknown[]) => (ops.push(() => writeHead(...a)), res);
  (res as any).write = (...a: unknown[]) => (ops.push(() => write(...a)), true);
  (res as any).end = (...a: unknown[]) => {
    /* eslint-enable @typescript-eslint/no-explicit-any */
    const cb = a.find((x) => typeof x === 'function') as (() => void) | undefined;
    if ('drop' in mode) {
      res.socket?.destroy();
      cb?.();
    } else {
      const t = setTimeout(() => {
        for (const op of ops) op();
        end(...a);
      }, mode.delayMs);
      t.unref();
    }
    return res;
  };
}

const HASH = /^[0-9a-f]{64}$/;
const UPLOAD_ID = /^[0-9A-Za-z_-]{8,128}$/;

export async function startPlatform(opts: PlatformOptions): Promise<RunningPlatform> {
  mkdirSync(opts.dataDir, { recursive: true });
  const uploadsDir = join(opts.dataDir, 'uploads');
  mkdirSync(uploadsDir, { recursive: true });
  const key: PlatformKey = loadOrCreateKey(join(opts.dataDir, 'platform-ed25519.pem'));
  const db = openStore(join(opts.dataDir, 'platform.sqlite'));
  const now = opts.now ?? (() => new Date());
  const name = opts.name ?? '职业技能综合评价信息平台（参考实现）';
  let faults: FaultSwitches = { ...NO_FAULTS, ...opts.faults };
  let rand = seededRandom(faults.seed);
  const stats: PlatformStats = { requests: 0, faults: { error5xx: 0, dropBeforeApply: 0, dropAfterCommit: 0, slow: 0, duplicate: 0 }, patches: [] };

  const datastore = new FileStore({ directory: uploadsDir });
  const tus = new TusServer({
    path: '/files',
    datastore,
    maxSize: 512 * 1024 * 1024,
    async onUploadCreate(_req, upload) {
      const md = upload.metadata ?? {};
      if (!md.hash || !HASH.test(md.hash) || !md.signature) {
        throw { status_code: 400, body: 'metadata hash (sha-256 hex) and signature (base64) are required\n' };
      }
      return {};
    },
  });

  const signStatement = (hash: string, kind: StatementRow['kind'], fields: Record<string, unknown>): { statement: string; signature: string } => {
    const statement = canonical({ protocol: PROTOCOL, kind, packageHash: hash, platform: key.fingerprint, at: now().toISOString(), ...fields });
    const signature = signText(key, statement);
    db.prepare('INSERT INTO statements (hash, kind, statement, signature) VALUES (?, ?, ?, ?)').run(hash, kind, statement, signature);
    return { statement, signature };
  };

  const firstStatement = (hash: string, kind: StatementRow['kind']) =>
    db.prepare('SELECT statement, signature FROM statements WHERE hash = ? AND kind = ? ORDER BY id LIMIT 1').get(hash, kind) as
      | { statement: string; signature: string }
      | undefined;

  /** Checks the bytes against the hash and the site's signature; the reasons say what is wrong. */
  function checkPackage(bytes: Buffer, hash: string, signature: string): { reasons: string[]; envelope: Record<string, unknown> | null } {
    const reasons: string[] = [];
    if (sha256Hex(bytes) !== hash) reasons.push('包内容与哈希不符 / bytes do not match the hash');
    let envelope: Record<string, unknown> | null = null;
    try {
      envelope = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      reasons.push('包不是 JSON / not JSON');
    }
    if (envelope) {
      if (envelope.format !== PACKAGE_FORMAT) reasons.push(`格式不支持 / unsupported format ${String(envelope.format)}`);
      const site = envelope.site as { publicKey?: string } | undefined;
      if (!site?.publicKey || !verifyText(site.publicKey, bytes, signature)) reasons.push('考点签名无效 / the site signature does not verify');
    }
    return { reasons, envelope };
  }

  const apply = db.transaction((hash: string, bytes: Buffer, signature: string, envelope: Record<string, unknown>) => {
    if (faults.dedupe) {
      const existing = db.prepare('SELECT id FROM records WHERE hash = ? ORDER BY id LIMIT 1').get(hash);
      const receipt = firstStatement(hash, 'receipt');
      if (existing && receipt) return receipt;
    }
    const batch = (envelope.batch ?? {}) as { planCode?: string };
    const info = db
      .prepare(
        `INSERT INTO records (record_no, hash, site_key, plan_code, version, kind, byte_size, body, signature, received_at)
         VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hash,
        (envelope.site as { publicKey: string }).publicKey,
        batch.planCode ?? null,
        typeof envelope.version === 'number' ? envelope.version : null,
        typeof envelope.kind === 'string' ? envelope.kind : null,
        bytes.length,
        bytes.toString('utf8'),
        signature,
        now().toISOString(),
      );
    const id = Number(info.lastInsertRowid);
    const recordNo = `R${now().getUTCFullYear()}${String(id).padStart(8, '0')}`;
    db.prepare('UPDATE records SET record_no = ? WHERE id = ?').run(recordNo, id);
    return signStatement(hash, 'receipt', { recordNo, byteSize: bytes.length, planCode: batch.planCode ?? null, version: envelope.version ?? null });
  });

  async function commit(body: Record<string, unknown>): Promise<[number, unknown]> {
    const hash = String(body.hash ?? '');
    const uploadId = String(body.uploadId ?? '');
    if (!HASH.test(hash) || !UPLOAD_ID.test(uploadId)) return [400, { error: 'bad-request', message: 'hash and uploadId required' }];
    let upload;
    try {
      upload = await datastore.getUpload(uploadId);
    } catch {
      return [404, { error: 'unknown-upload' }];
    }
    if (upload.size === undefined || upload.offset !== upload.size) return [409, { error: 'incomplete', offset: upload.offset, size: upload.size ?? null }];
    if (upload.metadata?.hash !== hash) return [400, { error: 'bad-request', message: 'the upload carries another hash' }];
    const bytes = readFileSync(join(uploadsDir, uploadId));
    const signature = upload.metadata.signature ?? '';
    const { reasons, envelope } = checkPackage(bytes, hash, signature);
    if (reasons.length || !envelope) {
      const s = signStatement(hash, 'rejection', { recordNo: null, reasons: reasons.map((message) => ({ ref: null, message })) });
      return [422, { error: 'invalid-package', ...s }];
    }
    return [200, apply(hash, bytes, signature, envelope)];
  }

  function statementsOf(hash: string, dup: boolean) {
    const rows = db.prepare('SELECT statement, signature FROM statements WHERE hash = ? ORDER BY id').all(hash) as { statement: string; signature: string }[];
    return dup ? rows.flatMap((r) => [r, r]) : rows;
  }

  function reject(body: Record<string, unknown>): [number, unknown] {
    const hash = String(body.hash ?? '');
    const raw = Array.isArray(body.reasons) ? body.reasons : [];
    const reasons = raw.map((r) => (typeof r === 'string' ? { ref: null, message: r } : { ref: (r as { ref?: string }).ref ?? null, message: String((r as { message?: string }).message ?? '') }));
    if (reasons.length === 0) return [400, { error: 'reasons required' }];
    const rec = db.prepare('SELECT * FROM records WHERE hash = ? ORDER BY id LIMIT 1').get(hash) as RecordRow | undefined;
    if (!rec) return [404, { error: 'unknown-package' }];
    db.prepare("UPDATE records SET status = 'rejected' WHERE hash = ?").run(hash);
    return [200, signStatement(hash, 'rejection', { recordNo: rec.record_no, reasons })];
  }

  const certify = db.transaction((hash: string): [number, unknown] => {
    const rec = db.prepare('SELECT * FROM records WHERE hash = ? ORDER BY id LIMIT 1').get(hash) as RecordRow | undefined;
    if (!rec) return [404, { error: 'unknown-package' }];
    const done = firstStatement(hash, 'certification');
    if (done) return [200, done];
    if (rec.status === 'rejected') return [409, { error: 'rejected' }];
    const env = JSON.parse(rec.body) as { content?: { results?: { ticketNo?: string; outcome?: string }[] } };
    // a certificate only for a candidate who passed (G1); results that carry no outcome (test samples) all count
    const refs = (env.content?.results ?? [])
      .filter((r) => r.outcome === undefined || r.outcome === 'passed')
      .map((r) => r.ticketNo)
      .filter((t): t is string => typeof t === 'string');
    const year = now().getUTCFullYear();
    const base = (db.prepare('SELECT COUNT(*) AS n FROM certificates').get() as { n: number }).n;
    const certificates = (refs.length ? refs : [rec.record_no]).map((candidateRef, i) => ({
      candidateRef,
      certificateNo: `${year}37${String(base + i + 1).padStart(10, '0')}`,
    }));
    const ins = db.prepare('INSERT INTO certificates (record_id, candidate_ref, certificate_no) VALUES (?, ?, ?)');
    for (const c of certificates) ins.run(rec.id, c.candidateRef, c.certificateNo);
    db.prepare("UPDATE records SET status = 'certified' WHERE hash = ?").run(hash);
    return [200, signStatement(hash, 'certification', { recordNo: rec.record_no, certificates })];
  });

  function pickFault(): FaultKind | null {
    const r = rand();
    let edge = 0;
    for (const k of ['error5xx', 'dropBeforeApply', 'dropAfterCommit', 'slow'] as const) {
      edge += faults[k];
      if (r < edge) return k;
    }
    return null;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://platform');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!path.startsWith('/admin/')) {
      stats.requests += 1;
      const fault = method === 'OPTIONS' ? null : pickFault();
      if (fault) stats.faults[fault] += 1;
      if (fault === 'dropBeforeApply') {
        req.socket.destroy();
        return;
      }
      if (fault === 'error5xx') {
        res.setHeader('connection', 'close');
        return send(res, 503, { error: 'injected-5xx' });
      }
      if (fault === 'dropAfterCommit') interceptResponse(res, { drop: true });
      if (fault === 'slow') interceptResponse(res, { delayMs: faults.slowMs });
    }
    if (path === '/files' || path.startsWith('/files/')) {
      if (method === 'PATCH') stats.patches.push({ uploadId: path.split('/').pop() ?? '', offset: Number(req.headers['upload-offset'] ?? -1) });
      await tus.handle(req, res);
      return;
    }
    if (method === 'GET' && path === '/api/platform') {
      return send(res, 200, { protocol: PROTOCOL, name, publicKey: key.publicKey, fingerprint: key.fingerprint });
    }
    if (method === 'POST' && path === '/api/packages/commit') {
      const [status, body] = await commit(await readJson(req));
      return send(res, status, body);
    }
    if (method === 'POST' && path === '/api/packages/status') {
      const body = await readJson(req);
      const hashes = (Array.isArray(body.hashes) ? body.hashes : []).map(String).filter((h) => HASH.test(h)).slice(0, 1000);
      const dup = rand() < faults.duplicate;
      if (dup) stats.faults.duplicate += 1;
      const items = hashes.map((hash) => {
        const rec = db.prepare('SELECT status FROM records WHERE hash = ? ORDER BY id LIMIT 1').get(hash) as { status: string } | undefined;
        return { hash, found: !!rec, status: rec?.status ?? null, statements: statementsOf(hash, dup) };
      });
      return send(res, 200, { items: dup ? items.flatMap((i) => [i, i]) : items });
    }
    if (method === 'GET' && path === '/api/corrections') {
      const rows = db.prepare("SELECT statement, signature FROM statements WHERE kind = 'rejection' ORDER BY id").all();
      return send(res, 200, { items: rows });
    }
    const plan = /^\/api\/plans\/([^/]+)$/.exec(path);
    if (method === 'GET' && plan) {
      const row = db.prepare('SELECT document FROM plans WHERE plan_code = ?').get(decodeURIComponent(plan[1]!)) as { document: string } | undefined;
      if (!row) return send(res, 404, { error: 'unknown-plan' });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(row.document);
      return;
    }
    // admin: the switches a test or a demo turns (loopback only, like the whole server)
    if (method === 'POST' && path === '/admin/faults') {
      setFaults((await readJson(req)) as Partial<FaultSwitches>);
      return send(res, 200, faults);
    }
    if (method === 'POST' && path === '/admin/reject') {
      const [status, body] = reject(await readJson(req));
      return send(res, status, body);
    }
    if (method === 'POST' && path === '/admin/certify') {
      const [status, body] = certify(String((await readJson(req)).hash ?? ''));
      return send(res, status, body);
    }
    const adminPlan = /^\/admin\/plans\/([^/]+)$/.exec(path);
    if (method === 'PUT' && adminPlan) {
      const doc = await readJson(req, 64 * 1024 * 1024);
      db.prepare('INSERT OR REPLACE INTO plans (plan_code, document) VALUES (?, ?)').run(decodeURIComponent(adminPlan[1]!), JSON.stringify(doc));
      return send(res, 200, { stored: true });
    }
    if (method === 'GET' && path === '/admin/records') {
      return send(res, 200, { records: db.prepare('SELECT id, record_no AS recordNo, hash, status, byte_size AS byteSize FROM records ORDER BY id').all() });
    }
    return send(res, 404, { error: 'not-found' });
  }

  function setFaults(patch: Partial<FaultSwitches>): void {
    faults = { ...faults, ...patch };
    if (patch.seed !== undefined) rand = seededRandom(faults.seed);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (e instanceof HttpError) return send(res, e.status, e.body);
      console.error('platform:', e);
      send(res, 500, { error: 'internal' });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    store: db,
    stats,
    faults: () => faults,
    setFaults,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
