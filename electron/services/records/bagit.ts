// BagIt (RFC 8493) packages serialised as one zip with the bag's folder at its top (§4): bagit.txt,
// bag-info.txt, data/ (the payload), manifest-sha256.txt over data/ and tagmanifest-sha256.txt over
// the tag files. Written with yazl (ZIP64 when large) and read back with yauzl, entry by entry.
import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export interface BagFile {
  /** path under data/, with forward slashes */
  path: string;
  data: Buffer;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export function encodePath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function decodePath(p: string): string {
  return p.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function infoText(info: readonly (readonly [string, string])[]): string {
  // §2.2.2: one label per line; a value never spans lines here (line breaks become spaces)
  return info.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export interface WrittenBag {
  manifestSha256: string;
  fileSha256: string;
  byteSize: number;
  payloadOxum: string;
}

/** Writes the bag to `file` (through a temporary file, so a half-written bag never has the name). */
export async function writeBag(file: string, bagName: string, payload: readonly BagFile[], info: readonly (readonly [string, string])[], mtime: Date): Promise<WrittenBag> {
  const seen = new Set<string>();
  for (const f of payload) {
    if (seen.has(f.path) || f.path.startsWith('/') || f.path.split('/').includes('..')) throw new Error(`writeBag: bad or repeated payload path ${f.path}`);
    seen.add(f.path);
  }
  const sorted = [...payload].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = sorted.map((f) => `${sha256(f.data)}  data/${encodePath(f.path)}\n`).join('');
  const octets = sorted.reduce((s, f) => s + f.data.length, 0);
  const payloadOxum = `${octets}.${sorted.length}`;
  const bagInfo = infoText([...info, ['Payload-Oxum', payloadOxum]]);
  const tags: [string, string][] = [
    ['bagit.txt', BAGIT_TXT],
    ['bag-info.txt', bagInfo],
    ['manifest-sha256.txt', manifest],
  ];
  const tagmanifest = tags.map(([n, t]) => `${sha256(t)}  ${n}\n`).join('');
  const zip = new yazl.ZipFile();
  for (const [n, t] of tags) zip.addBuffer(Buffer.from(t, 'utf8'), `${bagName}/${n}`, { mtime });
  zip.addBuffer(Buffer.from(tagmanifest, 'utf8'), `${bagName}/tagmanifest-sha256.txt`, { mtime });
  for (const f of sorted) {
    // JPEG and PDF are compressed already
    zip.addBuffer(f.data, `${bagName}/data/${f.path}`, { mtime, compress: !/\.(jpe?g|png|zip|xlsx|pdf)$/i.test(f.path) });
  }
  zip.end();
  const part = `${file}.part`;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(part, { mode: 0o600 });
    zip.outputStream.on('data', (c: Buffer) => hash.update(c));
    zip.outputStream.on('error', reject);
    out.on('error', reject);
    out.on('close', () => resolve());
    zip.outputStream.pipe(out);
  });
  renameSync(part, file);
  return { manifestSha256: sha256(manifest), fileSha256: hash.digest('hex'), byteSize: statSync(file).size, payloadOxum };
}

export type BagProblemCode =
  | 'not_zip'
  | 'layout'
  | 'bagit_txt'
  | 'bag_info'
  | 'manifest_missing'
  | 'manifest_line'
  | 'tagmanifest'
  | 'hash_mismatch'
  | 'missing_file'
  | 'unlisted_file'
  | 'oxum'
  | 'content';

export interface BagProblem {
  code: BagProblemCode;
  path?: string;
  detail: string;
}

export interface BagRead {
  bagName: string;
  info: Map<string, string>;
  /** payload paths (under data/) with their SHA-256 as read */
  payload: Map<string, { sha256: string; size: number }>;
  manifest: Map<string, string>;
  manifestSha256: string | null;
  problems: BagProblem[];
  /** small payload files kept in memory for the content checks (JSON, text) */
  small: Map<string, Buffer>;
}

const SMALL = /\.(json|jsonl|txt)$/i;

function entries(file: string): Promise<{ name: string; data?: Buffer; sha256: string; size: number }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: { name: string; data?: Buffer; sha256: string; size: number }[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err2, stream?: Readable) => {
          if (err2 || !stream) return reject(err2 ?? new Error('unreadable entry'));
          const h = createHash('sha256');
          const keep = SMALL.test(e.fileName) || !e.fileName.includes('/data/');
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
            if (keep) chunks.push(c);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: e.fileName, sha256: h.digest('hex'), size, ...(keep ? { data: Buffer.concat(chunks) } : {}) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function parseManifest(text: string, problems: BagProblem[], what: string): Map<string, string> {
  const m = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    const match = /^([0-9a-f]{64})[ \t]+(.+)$/.exec(line);
    if (!match) {
      problems.push({ code: 'manifest_line', path: what, detail: `第 ${i + 1} 行格式错误 / line ${i + 1} is malformed` });
      return;
    }
    m.set(decodePath(match[2]!), match[1]!);
  });
  return m;
}

/** Reads a serialised bag and checks it against RFC 8493: layout, hashes both ways, Payload-Oxum. */
export async function readBag(file: string): Promise<BagRead> {
  const problems: BagProblem[] = [];
  const empty: BagRead = { bagName: '', info: new Map(), payload: new Map(), manifest: new Map(), manifestSha256: null, problems, small: new Map() };
  let list: Awaited<ReturnType<typeof entries>>;
  try {
    list = await entries(file);
  } catch (e) {
    problems.push({ code: 'not_zip', detail: `不是可读的 zip 文件 / not a readable zip: ${(e as Error).message}` });
    return empty;
  }
  const tops = new Set(list.map((e) => e.name.split('/')[0]!));
  if (tops.size !== 1 || list.some((e) => !e.name.includes('/'))) {
    problems.push({ code: 'layout', detail: 'zip 顶层应恰好有一个包目录 / the zip must hold exactly one bag folder at its top' });
    return empty;
  }
  const bagName = [...tops][0]!;
  const byName = new Map(list.map((e) => [e.name.slice(bagName.length + 1), e]));
  const text = (n: string) => byName.get(n)?.data?.toString('utf8');
  const read: BagRead = { ...empty, bagName };
  if (text('bagit.txt') !== BAGIT_TXT) problems.push({ code: 'bagit_txt', path: 'bagit.txt', detail: 'bagit.txt 缺失或内容不符 / bagit.txt missing or wrong' });
  const infoRaw = text('bag-info.txt');
  if (infoRaw === undefined) problems.push({ code: 'bag_info', path: 'bag-info.txt', detail: 'bag-info.txt 缺失 / missing' });
  for (const line of (infoRaw ?? '').split('\n')) {
    const i = line.indexOf(': ');
    if (i > 0) read.info.set(line.slice(0, i), line.slice(i + 2));
  }
  const manifestRaw = text('manifest-sha256.txt');
  if (manifestRaw === undefined) {
    problems.push({ code: 'manifest_missing', path: 'manifest-sha256.txt', detail: 'manifest-sha256.txt 缺失 / missing' });
  } else {
    read.manifestSha256 = byName.get('manifest-sha256.txt')!.sha256;
    read.manifest = parseManifest(manifestRaw, problems, 'manifest-sha256.txt');
  }
  const tagRaw = text('tagmanifest-sha256.txt');
  if (tagRaw === undefined) {
    problems.push({ code: 'tagmanifest', path: 'tagmanifest-sha256.txt', detail: 'tagmanifest-sha256.txt 缺失 / missing' });
  } else {
    const tags = parseManifest(tagRaw, problems, 'tagmanifest-sha256.txt');
    for (const [n, h] of tags) {
      const e = byName.get(n);
      if (!e) problems.push({ code: 'tagmanifest', path: n, detail: `标签文件缺失 / tag file missing: ${n}` });
      else if (e.sha256 !== h) problems.push({ code: 'hash_mismatch', path: n, detail: `标签文件哈希不符（被改动）/ tag file hash mismatch: ${n}` });
    }
    for (const n of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
      if (byName.has(n) && !tags.has(n)) problems.push({ code: 'tagmanifest', path: n, detail: `tagmanifest 未列出 ${n} / not listed` });
    }
  }
  for (const [n, e] of byName) {
    if (!n.startsWith('data/')) continue;
    read.payload.set(n, { sha256: e.sha256, size: e.size });
    if (e.data) read.small.set(n, e.data);
  }
  for (const [n, h] of read.manifest) {
    const got = read.payload.get(n);
    if (!got) problems.push({ code: 'missing_file', path: n, detail: `清单中的文件缺失 / listed file missing: ${n}` });
    else if (got.sha256 !== h) problems.push({ code: 'hash_mismatch', path: n, detail: `文件哈希与清单不符（被改动）/ hash mismatch: ${n}` });
  }
  for (const n of read.payload.keys()) {
    if (!read.manifest.has(n)) problems.push({ code: 'unlisted_file', path: n, detail: `文件不在清单中 / not in the manifest: ${n}` });
  }
  const oxum = read.info.get('Payload-Oxum');
  const octets = [...read.payload.values()].reduce((s, p) => s + p.size, 0);
  if (oxum !== `${octets}.${read.payload.size}`) problems.push({ code: 'oxum', path: 'bag-info.txt', detail: `Payload-Oxum ${oxum ?? '缺失'} 与实际 ${octets}.${read.payload.size} 不符 / does not match` });
  return read;
}

export function removeQuietly(file: string): void {
  rmSync(file, { force: true });
}
