import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { PROCTOR_A, PROCTOR_B, seedDoor } from '../support/door-seed';
import { siteHead, tempDir, testConsole } from './helpers';

async function setup() {
  const c = testConsole('2026-05-21T09:40:00+08:00');
  await siteHead(c);
  const seed = seedDoor(c.app.env.opened.db, c.clock);
  const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  return { c, seed, token, door: { sessionId: seed.theorySessionId, roomId: seed.room1.id } };
}

describe('the sign-in sheet (签到表) and door list (E8, A2)', () => {
  it('writes the 签到表 columns with masked ID numbers, rare names intact and remarks, and LibreOffice converts it to PDF', async () => {
    const { c, seed, token, door } = await setup();
    // one signed in (without camera), the rest marked absent at the cut-off
    c.clock.set('2026-05-21T09:10:00+08:00');
    await c.ok('checkin.confirm', { ...door, candidateId: seed.room1Candidates[0]!.id, method: 'ticket', noPhotoReason: '无摄像头' }, token);
    c.clock.set('2026-05-21T09:31:00+08:00');
    const missing = await c.ok<{ candidateId: number }[]>('checkin.missing', door, token);
    await c.ok('checkin.markAbsent', { ...door, candidateIds: missing.map((m) => m.candidateId), second: { staffNo: PROCTOR_B.staffNo, pin: PROCTOR_B.pin } }, token);

    const file = await c.ok<{ fileName: string; base64: string; rows: number }>('checkin.sheet', { ...door, kind: 'signSheet' }, token);
    expect(file.fileName).toBe('考生签到表_T1_第1考场.xlsx');
    expect(file.rows).toBe(6);
    const dir = tempDir();
    const path = join(dir, 'sign-sheet.xlsx');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('签到表')!;
    expect(ws.getRow(4).values).toEqual([undefined, '序号', '姓名', '准考证号', '证件号码', '座号', '签名', '备注']);
    const first = seed.room1Candidates[0]!;
    expect(ws.getRow(5).values).toEqual([undefined, 1, '张𠀋', first.ticketNo, `${first.docNumber.slice(0, 4)}**********${first.docNumber.slice(-4)}`, '1', '', '']);
    expect(ws.getRow(6).getCell(2).value).toBe('李𪚥华'); // P11
    expect(ws.getRow(6).getCell(7).value).toBe('缺考');
    expect(String(ws.getCell('A3').value)).toContain('第1考场');
    // no full ID number anywhere in the workbook
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => all.push(String(cell.value))));
    for (const cand of seed.room1Candidates) expect(all.join('|')).not.toContain(cand.docNumber);
    expect(all.join('|')).toContain('应到 6 人，实到 1 人，缺考 5 人。');

    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, path], { stdio: 'pipe', timeout: 120_000 });
    const pdf = join(dir, 'sign-sheet.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(1000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('the door list carries seat, sex and the door status', async () => {
    const { c, token, door } = await setup();
    const file = await c.ok<{ base64: string }>('checkin.sheet', { ...door, kind: 'doorList' }, token);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('门口名单')!;
    expect(ws.getRow(4).values).toEqual([undefined, '序号', '座号', '姓名', '性别', '准考证号', '证件号码', '签到情况']);
    expect(ws.getRow(5).getCell(7).value).toBe('未到');
  });
});

describe('admission tickets (准考证)', () => {
  it('each ticket’s QR code, rendered and read back, finds its candidate at the door', async () => {
    const { c, seed, token, door } = await setup();
    c.clock.set('2026-05-21T08:30:00+08:00');
    const out = await c.ok<{ tickets: { candidateId: number; qr: string; occupation: string; level: string; sittings: unknown[] }[] }>('checkin.tickets', door, token);
    expect(out.tickets).toHaveLength(6);
    const t = out.tickets[2]!;
    expect(t.occupation).toBe('健康照护师（——）'); // P2: no work type prints ——
    expect(t.level).toBe('四级/中级工');
    expect(t.sittings.length).toBeGreaterThanOrEqual(1);
    // draw the QR the ticket page draws and read it like the webcam does (jsQR)
    const qr = QRCode.create(t.qr, { errorCorrectionLevel: 'M' });
    const scale = 4;
    const quiet = 4;
    const n = qr.modules.size;
    const w = (n + quiet * 2) * scale;
    const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        if (qr.modules.get(y, x))
          for (let dy = 0; dy < scale; dy++)
            for (let dx = 0; dx < scale; dx++) {
              const i = (((y + quiet) * scale + dy) * w + (x + quiet) * scale + dx) * 4;
              rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
            }
    const read = jsQR(rgba, w, w);
    expect(read?.data).toBe(t.qr);
    const scan = await c.ok<{ kind: string; verdict: { code: string; method: string; candidate: { id: number } } }>('checkin.scan', { ...door, code: read!.data }, token);
    expect(scan.verdict).toMatchObject({ code: 'ok', method: 'qr', candidate: { id: seed.room1Candidates[2]!.id } });
  });
});
