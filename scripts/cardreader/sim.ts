// A simulated vendor card-reader service for tests and demos (E3): a small HTTP server on 127.0.0.1
// that answers like the local services readers' vendors install (JSON with the card's fields and the
// chip photo as base64), plus the profile that reads it. Only 127.0.0.1, never the LAN.
//   npx tsx scripts/cardreader/sim.ts --port 5197   (prints the profile to paste on the 读卡器 page)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VendorProfile } from '../../electron/services/cardreader/profile';

export interface SimCard {
  name: string;
  /** GB/T 2261.1: 1 male, 2 female */
  sex: '1' | '2';
  /** YYYYMMDD */
  born: string;
  number: string;
  photo?: Buffer | null;
}

/** A 24-bit BMP of w×h (what many readers' software writes after decoding the chip's photo): a face-ish pattern. */
export function simBmp(w = 102, h = 126): Buffer {
  const row = Math.ceil((w * 3) / 4) * 4;
  const size = 54 + row * h;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18);
  b.writeInt32LE(h, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * h, 34);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = (x - w / 2) / (w * 0.32);
      const dy = (y - h * 0.55) / (h * 0.3);
      const face = dx * dx + dy * dy < 1;
      const o = 54 + y * row + x * 3;
      // BGR: a pale background, a skin-toned oval
      b[o] = face ? 150 : 235;
      b[o + 1] = face ? 180 : 235;
      b[o + 2] = face ? 225 : 240;
    }
  }
  return b;
}

/** The profile that reads this simulator's answers. */
export function simProfile(url: string): VendorProfile {
  return {
    url: `${url}/api/readcard`,
    method: 'GET',
    body: '',
    timeoutMs: 3000,
    fields: { number: 'resultContent.certNumber', name: 'resultContent.partyName', sex: 'resultContent.gender', birthDate: 'resultContent.bornDay', photo: 'resultContent.identityPic' },
    success: { path: 'resultFlag', equals: 0 },
    message: 'errorMsg',
  };
}

export interface CardReaderSim {
  url: string;
  /** the card now on the reader (null: none) */
  setCard(card: SimCard | null): void;
  reads(): number;
  close(): Promise<void>;
}

export async function startCardReaderSim(opts: { port?: number; card?: SimCard | null } = {}): Promise<CardReaderSim> {
  let card: SimCard | null = opts.card ?? null;
  let reads = 0;
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/api/readcard')) {
      res.writeHead(404).end();
      return;
    }
    reads++;
    const body = card
      ? { resultFlag: 0, errorMsg: '', resultContent: { partyName: card.name, gender: card.sex, bornDay: card.born, certNumber: card.number, identityPic: card.photo ? card.photo.toString('base64') : '' } }
      : { resultFlag: -1, errorMsg: '未检测到身份证，请将证件放在读卡区', resultContent: null };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    setCard: (c) => void (card = c),
    reads: () => reads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && /cardreader[\\/]sim\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5197;
  const sim = await startCardReaderSim({ port, card: { name: '张𠀋明', sex: '1', born: '19900307', number: '110101199003070011', photo: simBmp() } });
  console.log(`模拟读卡服务 / simulated card reader: ${sim.url}/api/readcard`);
  console.log(JSON.stringify(simProfile(sim.url), null, 2));
}
