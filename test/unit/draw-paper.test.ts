// The 考场安排表 as a real xlsx (exceljs), read back and opened by LibreOffice (soffice → pdf and
// html), with the seed's columns; the printable data and the badges.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDrawPlan } from '../support/draw-seed';
import { siteHead, tempDir, testConsole } from './helpers';

describe('draw paper: 考场安排表 (001 附件4) and badges', () => {
  it('xlsx with the theory and skill forms, their columns, the drawn names; LibreOffice opens it', { timeout: 120_000 }, async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const seed = seedDrawPlan(c.app.env.opened.db, c.clock, c.app.env.random);
    const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
    await c.ok('draw.run', { batchId: seed.batchId }, token);
    const board = await c.ok<{ sessions: { kind: string; rooms: { code: string; proctors: { staffId: number; name: string }[]; chief: { name: string } | null }[] }[] }>('draw.board', { batchId: seed.batchId }, token);

    // P11: a name beyond the common set on the form (whoever the draw put in room 1)
    const room1Proctor = board.sessions.find((s) => s.kind === 'theory')!.rooms[0]!.proctors[0]!;
    c.app.env.opened.sqlite.prepare('UPDATE staff SET name = ? WHERE id = ?').run('𪚥林', room1Proctor.staffId);
    room1Proctor.name = '𪚥林';
    const paper = await c.ok<{ fileName: string; base64: string }>('draw.paper', { batchId: seed.batchId }, token);
    expect(paper.fileName).toBe('考场安排表_2026-05-21.xlsx');
    const dir = tempDir();
    const file = join(dir, 'arrangement.xlsx');
    writeFileSync(file, Buffer.from(paper.base64, 'base64'));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['理论考试', '技能考核']);
    const theory = wb.getWorksheet('理论考试')!;
    expect(theory.getCell(1, 1).value).toBe('职业技能等级认定理论考试考场安排表');
    expect(theory.getRow(2).values).toEqual([undefined, '考试地点', '枣庄市技师学院考点', '枣庄市技师学院考点', '考试时间', '2026年5月21日', '参评人数', '15']);
    expect((theory.getRow(3).values as unknown[]).slice(1)).toEqual(['考场', '职业（工种）', '人数', '等级', '考号区间', '考试具体时间', '监考人员']);
    const first = (theory.getRow(4).values as unknown[]).slice(1) as string[];
    const room1 = board.sessions.find((s) => s.kind === 'theory')!.rooms[0]!;
    expect(first[0]).toBe('第1考场（实训楼3层301）');
    expect(first[1]).toBe('车工（——）'); // P2: no work type prints ——
    expect(first[2]).toBe('5');
    expect(first[3]).toBe('四级/中级工');
    expect(first[4]).toBe('2605210001—2605210005');
    expect(first[5]).toBe('2026-05-21 09:00—10:30');
    expect(first[6]).toBe(room1.proctors.map((p) => p.name).join('、'));
    expect(first[6]).toContain('𪚥林');
    const skill = wb.getWorksheet('技能考核')!;
    expect((skill.getRow(3).values as unknown[]).slice(1)).toEqual(['考场', '职业（工种）', '等级', '考试具体时间', '考评组长', '考评员', '统分人']);
    const skillRow = (skill.getRow(4).values as unknown[]).slice(1) as string[];
    expect(skillRow[4]).toBe(board.sessions.find((s) => s.kind === 'skill')!.rooms[0]!.chief!.name);
    expect(skillRow[6]).not.toBe(''); // 统分人: the score clerk on duty

    // LibreOffice opens it: to PDF (what prints) and to HTML (to read every sheet's text back)
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 90_000 });
    expect(existsSync(join(dir, 'arrangement.pdf'))).toBe(true);
    expect(readFileSync(join(dir, 'arrangement.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'html', '--outdir', dir, file], { stdio: 'pipe', timeout: 90_000 });
    const html = readFileSync(join(dir, 'arrangement.html'), 'utf8');
    for (const col of ['考号区间', '考试具体时间', '监考人员', '考评组长', '统分人', '𪚥林']) expect(html).toContain(col);
  });

  it('printable data and badges: each person on duty once, with the role they were drawn for (S7)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const seed = seedDrawPlan(c.app.env.opened.db, c.clock, c.app.env.random);
    const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds];
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
    await c.ok('draw.run', { batchId: seed.batchId }, token);
    const print = await c.ok<{ forms: { kind: string; rows: string[][] }[]; badges: { staffId: number; name: string; role: string }[] }>('draw.print', { batchId: seed.batchId }, token);
    expect(print.forms.map((f) => f.kind)).toEqual(['theory', 'skill']);
    expect(print.forms[0]!.rows).toHaveLength(3);
    const byId = new Map(print.badges.map((b) => [b.staffId, b.role]));
    expect(byId.get(seed.supervisorIds[0]!)).toBe('督导员');
    for (const id of seed.chiefIds) expect(['考评组长', '考评员', undefined]).toContain(byId.get(id));
    for (const id of seed.proctorIds) expect(['监考人员', undefined]).toContain(byId.get(id));
    expect(new Set(print.badges.map((b) => b.staffId)).size).toBe(print.badges.length);
  });
});
