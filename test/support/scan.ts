// The byte scan of records at rest: every file under the given folders searched for what the demo
// plan seeds (candidates' and staff members' names and ID numbers, in UTF-8 and UTF-16LE, and a
// slice of every candidate photo). A hit is personal data in clear.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../../electron/services/plan/zip';

export interface Needle {
  what: string;
  bytes: Buffer;
}

interface DemoPlan {
  candidates: { name: string; docNumber: string; ticketNo: string }[];
  staff: { name: string; idNumber?: string | null }[];
}

const MIN_NEEDLE_BYTES = 6;

/** What the demo plan seeds: names and ID numbers (two encodings each), a 48-byte slice from the middle of every photo. */
export async function demoNeedles(resources = 'resources/demo-plan'): Promise<Needle[]> {
  const plan = JSON.parse(readFileSync(join(resources, 'demo-plan.json'), 'utf8')) as DemoPlan;
  const out: Needle[] = [];
  // a needle of 4 bytes (a two-character name in UTF-16) turns up in any 100 MB of ciphertext by
  // chance (about one in 40 per needle): only needles of 6 bytes and more can say "in clear"
  const text = (what: string, s: string) => {
    for (const [label, bytes] of [[what, Buffer.from(s, 'utf8')], [`${what} (UTF-16)`, Buffer.from(s, 'utf16le')]] as const) {
      if (bytes.length >= MIN_NEEDLE_BYTES) out.push({ what: label, bytes });
    }
  };
  for (const c of plan.candidates) {
    text(`candidate name ${c.name}`, c.name);
    text(`ID number ${c.docNumber}`, c.docNumber);
  }
  for (const s of plan.staff) {
    if (s.name.length >= 2) text(`staff name ${s.name}`, s.name);
    if (s.idNumber) text(`staff ID number ${s.idNumber}`, s.idNumber);
  }
  for (const e of await readZip(readFileSync(join(resources, 'demo-photos.zip')))) {
    const mid = Math.floor(e.data.length / 2);
    out.push({ what: `photo ${e.name}`, bytes: e.data.subarray(mid, mid + 48) });
  }
  return out;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out.push(dir);
  return out;
}

export interface Hit {
  file: string;
  what: string;
}

/** Every (file, needle) found in clear. */
export function scanForClear(files: string[], needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const data = readFileSync(file);
    for (const n of needles) if (data.includes(n.bytes)) hits.push({ file, what: n.what });
  }
  return hits;
}
