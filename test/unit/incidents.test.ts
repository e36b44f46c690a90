// The incidents desk on the real demo plan and draw: E6 recording with the drawn pair's signatures,
// S8 rulings that are final (superseded, never edited: the database refuses), E2/E9 bag checks,
// E7/E8/E1 events, R4 links, the 附件10 report (xlsx) — and every record in the audit chain (A1).
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, test } from 'vitest';
import { photo } from '../support/door-seed';
import { PIN, seedIncidents, type IncidentsSeed } from '../support/incidents-seed';
import { siteHead, testConsole, type TestConsole } from './helpers';
import { describeError, describeIssue } from '../../renderer/src/i18n';
import { enrolStaff } from '../support/enrol';

// a real JPEG (the camera page sends compressed JPEG)
const JPEG = photo(1).toString('base64');

let c: TestConsole;
let seed: IncidentsSeed;
let head: string;
let proctor: string;
let supervisor: string;

const sqlite = () => c.app.env.opened.sqlite;
const signIn = async (staffNo: string, role?: string) => (await c.ok<{ token: string }>('auth.signIn', { staffNo, pin: PIN, ...(role ? { role } : {}) })).token;

async function record(extra: Record<string, unknown> = {}) {
  return c.ok<{ incidentId: number; status: string; photoIds: number[] }>(
    'incidents.record',
    {
      sessionId: seed.sessionId,
      roomId: seed.roomId,
      subjectType: 'candidate',
      candidateId: seed.candidates[0]!.id,
      kind: 'crib_notes',
      description: '桌面发现写有答案的纸条',
      witnesses: '邻座考生',
      photos: [{ jpegBase64: JPEG, width: 1, height: 1 }],
      second: { staffNo: seed.proctorB.staffNo, pin: PIN },
      ...extra,
    },
    proctor,
  );
}

beforeEach(async () => {
  c = testConsole('2026-05-21T07:30:00+08:00');
  head = await siteHead(c);
  seed = await seedIncidents(c, sqlite(), head);
  proctor = await signIn(seed.proctorA.staffNo, 'proctor');
  supervisor = await signIn(seed.supervisor.staffNo, 'supervisor');
  const s = sqlite().prepare('SELECT starts_at AS s FROM exam_sessions WHERE id = ?').get(seed.sessionId) as { s: string };
  c.clock.set(new Date(new Date(s.s).getTime() + 45 * 60_000));
});

describe('E6 recording an incident', () => {
  test('the drawn pair signs (the second with PIN): the incident is open with its photo; a wrong PIN writes nothing', async () => {
    const bad = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[0]!.id, kind: 'crib_notes', description: 'x', second: { staffNo: seed.proctorB.staffNo, pin: '000000' } }, proctor);
    expect(bad.ok).toBe(false);
    expect((sqlite().prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number }).n).toBe(0);
    const out = await record();
    expect(out.status).toBe('open');
    expect(out.photoIds).toHaveLength(1);
    const row = sqlite().prepare('SELECT * FROM incidents WHERE id = ?').get(out.incidentId) as Record<string, unknown>;
    expect(row.second_signer_id).toBe(seed.proctorB.staffId);
    expect(row.kind).toBe('crib_notes');
    expect(row).not.toHaveProperty('kind_zh');
  });

  test('the proctor cannot sign as second, nor can a proctor who was not drawn for the room (S2)', async () => {
    const self = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[0]!.id, kind: 'talking', description: 'x', second: { staffNo: seed.proctorA.staffNo, pin: PIN } }, proctor);
    expect(self.ok).toBe(false);
    const other = sqlite()
      .prepare(`SELECT s.id, s.staff_no AS staffNo FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'proctor' WHERE s.id NOT IN (?, ?) LIMIT 1`)
      .get(seed.proctorA.staffId, seed.proctorB.staffId) as { id: number; staffNo: string };
    await enrolStaff(c, head, [other.id], PIN);
    const r = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[0]!.id, kind: 'talking', description: 'x', second: { staffNo: other.staffNo, pin: PIN } }, proctor);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'FORBIDDEN', reason: 'incidents.signerNotDrawn' });
      expect(describeError('zh-CN', r.error)).toContain('不是本场次本考场抽中的监考人员');
    }
  });

  test('a time edited away from the clock needs a reason; signing later moves awaiting_second to open', async () => {
    const earlier = new Date(c.clock.now().getTime() - 10 * 60_000).toISOString();
    const noReason = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[1]!.id, kind: 'talking', description: '与邻座交谈', occurredAt: earlier }, proctor);
    expect(noReason.ok).toBe(false);
    const out = await c.ok<{ incidentId: number; status: string }>('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[1]!.id, kind: 'talking', description: '与邻座交谈', occurredAt: earlier, timeEditReason: '事后补记' }, proctor);
    expect(out.status).toBe('awaiting_second');
    const early = await c.call('incidents.rule', { incidentId: out.incidentId, decision: 'warning', reason: 'x', pin: PIN }, supervisor);
    expect(early.ok).toBe(false);
    await c.ok('incidents.sign', { incidentId: out.incidentId, staffNo: seed.proctorB.staffNo, pin: PIN }, proctor);
    expect((await c.ok<{ status: string }>('incidents.get', { incidentId: out.incidentId }, supervisor)).status).toBe('open');
  });
});

describe('E6 staff incidents and who may record', () => {
  test('a staff member’s violation (考评/管理人员违纪) is recorded; its ruling touches no candidate and cannot void a result', async () => {
    const out = await record({ subjectType: 'staff', candidateId: undefined, staffId: seed.supervisor.staffId, kind: 'staff_misconduct', description: '考评人员向考生提示答案' });
    const void_ = await c.call('incidents.rule', { incidentId: out.incidentId, decision: 'subject_void', reason: 'x', pin: PIN }, supervisor);
    expect(void_.ok).toBe(false);
    await c.ok('incidents.rule', { incidentId: out.incidentId, decision: 'warning', reason: '通报批评', pin: PIN }, supervisor);
    expect(sqlite().prepare('SELECT candidate_id AS c, staff_id AS s, subject_id AS j FROM incident_rulings').get()).toEqual({ c: null, s: seed.supervisor.staffId, j: null });
    // a candidate kind is not a staff kind
    expect((await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'staff', staffId: seed.supervisor.staffId, kind: 'crib_notes', description: 'x' }, proctor)).ok).toBe(false);
  });

  test('a proctor the draw did not put in the room cannot record there (S2); a candidate of another room is refused', async () => {
    const other = sqlite()
      .prepare(`SELECT s.id, s.staff_no AS staffNo FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'proctor' WHERE s.id NOT IN (?, ?) LIMIT 1`)
      .get(seed.proctorA.staffId, seed.proctorB.staffId) as { id: number; staffNo: string };
    await enrolStaff(c, head, [other.id], PIN);
    const t = await signIn(other.staffNo, 'proctor');
    const r = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: seed.candidates[0]!.id, kind: 'talking', description: 'x' }, t);
    expect(!r.ok && r.error.reason).toBe('incidents.recorderNotDrawn');
    expect(!r.ok && describeError('zh-CN', r.error)).toContain('不是本场次本考场抽中的监考人员');
    const elsewhere = sqlite().prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE session_id = ? AND room_id <> ? LIMIT 1').get(seed.sessionId, seed.roomId) as { id: number };
    const r2 = await c.call('incidents.record', { sessionId: seed.sessionId, roomId: seed.roomId, subjectType: 'candidate', candidateId: elsewhere.id, kind: 'talking', description: 'x' }, proctor);
    expect(!r2.ok && r2.error.reason).toBe('incidents.candidateNotHere');
    expect(!r2.ok && describeError('zh-CN', r2.error)).toContain('不在本场次本考场');
    expect((sqlite().prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number }).n).toBe(0);
  });
});

test('before any draw, any two proctors sign and the record says so (S2 note)', async () => {
  const fresh = testConsole('2026-05-21T09:40:00+08:00');
  const h = await siteHead(fresh);
  await fresh.ok('plan.loadDemo', {}, h);
  const db = fresh.app.env.opened.sqlite;
  const two = db.prepare(`SELECT s.id, s.staff_no AS staffNo FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'proctor' ORDER BY s.staff_no LIMIT 2`).all() as { id: number; staffNo: string }[];
  await enrolStaff(fresh, h, two.map((x) => x.id), PIN);
  const t = (await fresh.ok<{ token: string }>('auth.signIn', { staffNo: two[0]!.staffNo, pin: PIN, role: 'proctor' })).token;
  const at = db.prepare('SELECT cs.session_id AS s, cs.room_id AS r, cs.candidate_id AS c FROM candidate_subjects cs JOIN exam_sessions es ON es.id = cs.session_id ORDER BY es.starts_at LIMIT 1').get() as { s: number; r: number; c: number };
  const out = await fresh.ok<{ incidentId: number; status: string }>('incidents.record', { sessionId: at.s, roomId: at.r, subjectType: 'candidate', candidateId: at.c, kind: 'talking', description: '交头接耳', second: { staffNo: two[1]!.staffNo, pin: PIN } }, t);
  expect(out.status).toBe('open');
  expect(db.prepare('SELECT signer_note AS n FROM incidents WHERE id = ?').get(out.incidentId)).toEqual({ n: 'no_draw' });
  const inc = await fresh.ok<{ signerNote: { reason: string } | null }>('incidents.get', { incidentId: out.incidentId }, t);
  expect(inc.signerNote).toEqual({ reason: 'no_draw' });
});

describe('S8 rulings are final: superseded, never edited', () => {
  test('a second rule is refused; supersede adds a new attributed ruling and marks the old one; results read the contract columns', async () => {
    const { incidentId } = await record();
    const first = await c.ok<{ rulingId: number }>('incidents.rule', { incidentId, decision: 'subject_void', reason: '夹带属实', pin: PIN }, supervisor);
    const again = await c.call('incidents.rule', { incidentId, decision: 'warning', reason: '改判', pin: PIN }, supervisor);
    expect(again.ok).toBe(false);
    const second = await c.ok<{ rulingId: number; supersedes: number }>('incidents.supersede', { incidentId, rulingId: first.rulingId, decision: 'result_void', reason: '复核：情节严重', pin: PIN }, supervisor);
    expect(second.supersedes).toBe(first.rulingId);
    const rows = sqlite().prepare('SELECT id, candidate_id, subject_id, decision, reason, decided_at, superseded_by FROM incident_rulings ORDER BY id').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ candidate_id: seed.candidates[0]!.id, decision: 'subject_void', superseded_by: second.rulingId });
    expect(rows[0]!.subject_id).not.toBeNull();
    expect(rows[1]).toMatchObject({ decision: 'result_void', subject_id: null, superseded_by: null });
    // superseding what is already superseded is refused
    const stale = await c.call('incidents.supersede', { incidentId, rulingId: first.rulingId, decision: 'none', reason: 'x', pin: PIN }, supervisor);
    expect(stale.ok).toBe(false);
  });

  test('the database refuses to edit or delete a ruling, or to move superseded_by once set', async () => {
    const { incidentId } = await record();
    const first = await c.ok<{ rulingId: number }>('incidents.rule', { incidentId, decision: 'warning', reason: '口头警告', pin: PIN }, supervisor);
    const db = sqlite();
    expect(() => db.prepare("UPDATE incident_rulings SET decision = 'none' WHERE id = ?").run(first.rulingId)).toThrow(/never edited/);
    expect(() => db.prepare("UPDATE incident_rulings SET reason = 'x' WHERE id = ?").run(first.rulingId)).toThrow(/never edited/);
    expect(() => db.prepare('DELETE FROM incident_rulings WHERE id = ?').run(first.rulingId)).toThrow(/never deleted/);
    // superseded_by must name a ruling that supersedes this one
    expect(() => db.prepare('UPDATE incident_rulings SET superseded_by = ? WHERE id = ?').run(first.rulingId, first.rulingId)).toThrow(/never edited/);
    const second = await c.ok<{ rulingId: number }>('incidents.supersede', { incidentId, rulingId: first.rulingId, decision: 'none', reason: '复核：不构成违纪', pin: PIN }, supervisor);
    expect(() => db.prepare('UPDATE incident_rulings SET superseded_by = NULL WHERE id = ?').run(first.rulingId)).toThrow(/never edited/);
    expect(() => db.prepare('UPDATE incident_rulings SET superseded_by = 999 WHERE id = ?').run(first.rulingId)).toThrow(/never edited/);
    expect(() => db.prepare("INSERT INTO incident_rulings (incident_id, decision, reason, decided_at, decided_by, device, signature) VALUES (?, 'expel', 'x', 'x', 1, 'x', 'x')").run(incidentId)).toThrow(/decision must be/);
    expect(() => db.prepare("UPDATE incidents SET description = 'rewritten' WHERE id = ?").run(incidentId)).toThrow(/never rewritten/);
    expect(() => db.prepare('DELETE FROM incident_photos').run()).toThrow(/never deleted/);
    expect((db.prepare('SELECT superseded_by AS s FROM incident_rulings WHERE id = ?').get(first.rulingId) as { s: number }).s).toBe(second.rulingId);
  });

  test('a wrong supervisor PIN writes no ruling', async () => {
    const { incidentId } = await record();
    const r = await c.call('incidents.rule', { incidentId, decision: 'warning', reason: 'x', pin: '999999' }, supervisor);
    expect(r.ok).toBe(false);
    expect((sqlite().prepare('SELECT COUNT(*) AS n FROM incident_rulings').get() as { n: number }).n).toBe(0);
  });
});

describe('site events, monitoring links, the report', () => {
  test('E2/E9 a bag that does not match raises an incident; a matching one does not', async () => {
    const room = await c.ok<{ bag: { occupationCode: string; level: number; count: number } }>('incidents.room', { sessionId: seed.sessionId, roomId: seed.roomId }, proctor);
    const ok = await c.ok<{ outcome: string; incidentId: number | null }>('events.record', { kind: 'bag_received', sessionId: seed.sessionId, roomId: seed.roomId, occupationCode: room.bag.occupationCode, level: room.bag.level, count: room.bag.count, sealIntact: true }, proctor);
    expect(ok).toMatchObject({ outcome: 'ok', incidentId: null });
    const bad = await c.ok<{ outcome: string; incidentId: number }>('events.record', { kind: 'bag_received', sessionId: seed.sessionId, roomId: seed.roomId, occupationCode: room.bag.occupationCode, level: room.bag.level, count: room.bag.count, sealIntact: false }, proctor);
    expect(bad.outcome).toBe('mismatch');
    const inc = await c.ok<{ kind: string; subjectType: string; description: string }>('incidents.get', { incidentId: bad.incidentId }, supervisor);
    expect(inc).toMatchObject({ kind: 'paper_bag', subjectType: 'site' });
    expect(inc).not.toHaveProperty('kindZh');
    const event = sqlite().prepare('SELECT detail FROM site_events WHERE incident_id = ?').get(bad.incidentId) as { detail: string };
    expect(JSON.parse(event.detail).problems).toEqual([{ reason: 'seal' }]);
    expect(inc.description).toContain('密封已破损');
  });

  test('R4 an incident shows the recording that covers its time', async () => {
    const now = c.clock.now().getTime();
    await c.ok('monitoring.add', { sessionId: seed.sessionId, roomId: seed.roomId, channel: 'NVR-1 通道03', fileName: 'room1_0900.mp4', startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }, head);
    const { incidentId } = await record();
    const inc = await c.ok<{ recordings: { fileName: string }[] }>('incidents.get', { incidentId }, supervisor);
    expect(inc.recordings.map((r) => r.fileName)).toEqual(['room1_0900.mp4']);
  });

  test('the report is prefilled from the facts, signed with the PIN and exported as 附件10 xlsx', async () => {
    const { incidentId } = await record();
    await c.ok('incidents.rule', { incidentId, decision: 'subject_void', reason: '夹带属实', pin: PIN }, supervisor);
    await c.ok('events.record', { kind: 'equipment_failure', sessionId: seed.sessionId, roomId: seed.roomId, equipment: '3号机死机', minutesLost: 8, action: '换备用机并补时 8 分钟' }, proctor);
    const view = await c.ok<{ draft: { checklist: Record<string, number>; opinion: string }; facts: { incidents: { line: string }[] } }>('report.get', { batchId: seed.batchId }, supervisor);
    expect(view.draft.checklist.discipline).toBe(1);
    expect(view.draft.checklist.candidate_handling).toBe(0);
    expect(view.facts.incidents[0]!.line).toContain('该科目成绩无效');
    expect(view.draft.opinion).toContain('设备故障 1 次，共耽误 8 分钟');
    await c.ok('report.sign', { batchId: seed.batchId, supervisorUnit: '枣庄市职业技能鉴定中心', checklist: view.draft.checklist, opinion: view.draft.opinion, issues: '无', pin: PIN }, supervisor);
    const x = await c.ok<{ base64: string }>('report.xlsx', { batchId: seed.batchId }, supervisor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const all: string[] = [];
    ws.eachRow((r) => r.eachCell((cell) => all.push(String(cell.value))));
    expect(all).toContain('技能等级认定现场督导情况报告');
    expect(all).toContain('☑无考评、管理人员违纪');
    expect(all).toContain('☑部分有问题');
    expect(all).toContain('考场纪律及违纪问题处理');
    expect(all.some((v) => v.includes(seed.supervisor.name))).toBe(true);
  });

  test('P11 a rare-character name survives the incident, the ruling, the report and its xlsx', async () => {
    const rare = (sqlite().prepare(`SELECT c.id, c.name, cs.session_id AS sessionId, cs.room_id AS roomId FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id`).all() as { id: number; name: string; sessionId: number; roomId: number }[]).find((r) =>
      [...r.name].some((ch) => ch.codePointAt(0)! > 0xffff),
    )!;
    expect(rare).toBeDefined();
    const pair = sqlite().prepare(`SELECT s.id, s.staff_no AS staffNo FROM draw_assignments a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position`).all(rare.sessionId, rare.roomId) as { id: number; staffNo: string }[];
    await enrolStaff(c, head, pair.map((x) => x.id), PIN);
    const t = await signIn(pair[0]!.staffNo, 'proctor');
    const { incidentId } = await c.ok<{ incidentId: number }>('incidents.record', { sessionId: rare.sessionId, roomId: rare.roomId, subjectType: 'candidate', candidateId: rare.id, kind: 'disobedience', description: `${rare.name} 拒不交出手机`, second: { staffNo: pair[1]!.staffNo, pin: PIN } }, t);
    await c.ok('incidents.rule', { incidentId, decision: 'police', reason: `${rare.name} 携带作弊器材`, pin: PIN }, supervisor);
    expect((await c.ok<{ candidateName: string }>('incidents.get', { incidentId }, supervisor)).candidateName).toBe(rare.name);
    const view = await c.ok<{ draft: { checklist: Record<string, number>; opinion: string } }>('report.get', { batchId: seed.batchId }, supervisor);
    await c.ok('report.sign', { batchId: seed.batchId, checklist: view.draft.checklist, opinion: view.draft.opinion, issues: `${rare.name} 一案已移交公安机关`, pin: PIN }, supervisor);
    const x = await c.ok<{ base64: string }>('report.xlsx', { batchId: seed.batchId }, supervisor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const all: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((cell) => all.push(String(cell.value))));
    expect(all.some((v) => v.includes(`${rare.name} 一案已移交公安机关`))).toBe(true);
    // police voids the whole result (subject_id null)
    expect(sqlite().prepare('SELECT subject_id AS j FROM incident_rulings WHERE incident_id = ?').get(incidentId)).toEqual({ j: null });
  });

  test('A1 every record is in the audit chain, and the chain verifies', async () => {
    const { incidentId } = await record();
    const r = await c.ok<{ rulingId: number }>('incidents.rule', { incidentId, decision: 'warning', reason: '口头警告', pin: PIN }, supervisor);
    const s = await c.ok<{ rulingId: number }>('incidents.supersede', { incidentId, rulingId: r.rulingId, decision: 'subject_void', reason: '复核', pin: PIN }, supervisor);
    const ev = await c.ok<{ eventId: number }>('events.record', { kind: 'papers_sealed', sessionId: seed.sessionId, roomId: seed.roomId, papers: 30, answerSheets: 0, signInSheets: 1, sealNo: 'F-01' }, proctor);
    const now = c.clock.now().getTime();
    const link = await c.ok<{ linkId: number }>('monitoring.add', { sessionId: seed.sessionId, roomId: seed.roomId, channel: 'c', fileName: 'f.mp4', startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 1000).toISOString() }, head);
    const view = await c.ok<{ draft: { checklist: Record<string, number>; opinion: string } }>('report.get', { batchId: seed.batchId }, supervisor);
    const rep = await c.ok<{ reportId: number }>('report.sign', { batchId: seed.batchId, checklist: view.draft.checklist, opinion: view.draft.opinion, pin: PIN }, supervisor);
    const events = sqlite().prepare("SELECT command, detail FROM audit_events WHERE outcome = 'ok'").all() as { command: string; detail: string }[];
    const find = (command: string, key: string, value: number) => events.some((e) => e.command === command && (JSON.parse(e.detail) as { subject?: Record<string, unknown> }).subject?.[key] === value);
    expect(find('incidents.record', 'incidentId', incidentId)).toBe(true);
    expect(find('incidents.rule', 'rulingId', r.rulingId)).toBe(true);
    expect(find('incidents.supersede', 'rulingId', s.rulingId)).toBe(true);
    expect(find('events.record', 'eventId', ev.eventId)).toBe(true);
    expect(find('monitoring.add', 'linkId', link.linkId)).toBe(true);
    expect(find('report.sign', 'reportId', rep.reportId)).toBe(true);
    // every row of every incidents table is named by some audit event
    const tables: [string, string, string][] = [
      ['incidents', 'incidentId', 'SELECT id FROM incidents'],
      ['incident_rulings', 'rulingId', 'SELECT id FROM incident_rulings'],
      ['site_events', 'eventId', 'SELECT id FROM site_events'],
      ['monitoring_links', 'linkId', 'SELECT id FROM monitoring_links'],
      ['supervisor_reports', 'reportId', 'SELECT id FROM supervisor_reports'],
    ];
    for (const [, key, q] of tables) {
      for (const { id } of sqlite().prepare(q).all() as { id: number }[]) {
        expect(events.some((e) => (JSON.parse(e.detail) as { subject?: Record<string, unknown> }).subject?.[key] === id)).toBe(true);
      }
    }
    expect((await c.ok<{ ok: boolean }>('audit.verify', {}, head)).ok).toBe(true);
  });

  test('the dashboard counts per room and session: sign-ins, open incidents, events; the session is running at +45 min', async () => {
    await record();
    await c.ok('events.record', { kind: 'equipment_failure', sessionId: seed.sessionId, roomId: seed.roomId, equipment: '空调停机', minutesLost: 0, action: '开窗通风' }, proctor);
    const dash = await c.ok<{ rows: { sessionId: number; roomId: number; phase: string; openIncidents: number; events: string[]; expected: number }[] }>('incidents.dashboard', {}, head);
    const row = dash.rows.find((r) => r.sessionId === seed.sessionId && r.roomId === seed.roomId)!;
    expect(row).toMatchObject({ phase: 'running', openIncidents: 1, events: ['equipment_failure'] });
    expect(row.expected).toBe(seed.candidates.length);
    expect((await c.call('incidents.dashboard', {}, proctor)).ok).toBe(false);
  });

  test('a doubtful admission becomes a case with the door’s signers (S8)', async () => {
    const cand = seed.candidates[3]!;
    c.clock.set(new Date(c.clock.now().getTime() - 40 * 60_000));
    const ck = await c.ok<{ checkinId: number }>(
      'checkin.confirm',
      { sessionId: seed.sessionId, roomId: seed.roomId, candidateId: cand.id, method: 'pick', noPhotoReason: '无摄像头', doubtful: { reason: '照片与本人差异大', secondStaffNo: seed.proctorB.staffNo, secondPin: PIN } },
      proctor,
    );
    const { incidentId } = await c.ok<{ incidentId: number }>('incidents.fromDoubtful', { checkinId: ck.checkinId, description: '核对户籍信息后仍无法确认' }, supervisor);
    const inc = await c.ok<{ status: string; secondName: string; kind: string; signerNote: unknown }>('incidents.get', { incidentId }, supervisor);
    expect(inc).toMatchObject({ status: 'open', secondName: seed.proctorB.name, kind: 'impersonation', signerNote: { reason: 'doubtful', params: { reason: '照片与本人差异大' } } });
    expect((await c.call('incidents.fromDoubtful', { checkinId: ck.checkinId, description: 'x' }, supervisor)).ok).toBe(false);
  });

  test('a door alarm becomes an incident the supervisor can rule', async () => {
    // a candidate signed in at room 1 is scanned again there: the door raises an alarm draft
    const cand = sqlite().prepare('SELECT c.id, c.ticket_no AS t FROM candidates c WHERE c.id = ?').get(seed.candidates[2]!.id) as { id: number; t: string };
    c.clock.set(new Date(c.clock.now().getTime() - 40 * 60_000));
    await c.ok('checkin.confirm', { sessionId: seed.sessionId, roomId: seed.roomId, candidateId: cand.id, method: 'ticket', scanned: cand.t, noPhotoReason: '无摄像头' }, proctor);
    await c.ok('checkin.refuse', { sessionId: seed.sessionId, roomId: seed.roomId, code: cand.t, candidateId: cand.id, method: 'ticket' }, proctor);
    const cases = await c.ok<{ alarms: { id: number; status: string; kind: string }[] }>('incidents.cases', {}, supervisor);
    expect(cases.alarms).toHaveLength(1);
    expect(cases.alarms[0]).toMatchObject({ kind: 'impersonation_suspect', status: 'draft' });
    expect(cases.alarms[0]).not.toHaveProperty('kindZh');
    const { incidentId } = await c.ok<{ incidentId: number }>('incidents.fromAlert', { alertId: cases.alarms[0]!.id, description: '核对照片后确认为本人重复扫码' }, supervisor);
    expect((await c.call('incidents.fromAlert', { alertId: cases.alarms[0]!.id, description: 'x' }, supervisor)).ok).toBe(false);
    const inc = await c.ok<{ kind: string; source: string; signerNote: { reason: string; params?: Record<string, string> } | null }>('incidents.get', { incidentId }, supervisor);
    expect(inc).toMatchObject({ kind: 'impersonation', source: 'door_alert', signerNote: { reason: 'door_alert', params: { kind: '@door.alert.kind.impersonation_suspect', proctor: seed.proctorA.name } } });
    // worded in either language from codes: the English note has no Chinese but the proctor's name
    const en = describeIssue('en', inc.signerNote!, 'inc.signerNote.');
    expect(en).toBe(`Door alarm: Suspected impersonation (scanned by proctor ${seed.proctorA.name})`);
    await c.ok('incidents.rule', { incidentId, decision: 'none', reason: '重复扫码，非替考', pin: PIN }, supervisor);
  });
});

test('migration 0024: kind_zh leaves incidents and checkin_alerts; signer notes become a code (no_draw) or follow from the source', async () => {
  const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { openDatabase } = await import('../../db');
  const dir = mkdtempSync(join(tmpdir(), 'esc-0024-'));
  try {
    // the migrations as they were before 0024
    const before = join(dir, 'migrations');
    cpSync(fileURLToPath(new URL('../../db/migrations', import.meta.url)), before, { recursive: true });
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
    // the journal's order is the order of application (drizzle goes by each entry's time), not idx
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag.startsWith('0024_')));
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'site.db');
    const old = openDatabase(file, { migrationsDir: before });
    old.sqlite.pragma('foreign_keys = OFF');
    const insert = old.sqlite.prepare(
      `INSERT INTO incidents (id, batch_id, session_id, room_id, subject_type, candidate_id, kind, kind_zh, occurred_at, description, recorded_at, recorded_by, device, signer_note, source, status)
       VALUES (?, 1, 1, 1, 'candidate', 1, ?, ?, 'x', 'd', 'x', 1, 'vitest', ?, ?, 'open')`,
    );
    insert.run(1, 'talking', '交头接耳', '本场次该考场尚未抽签，由两名监考人员签字', 'manual');
    insert.run(2, 'impersonation', '替考/冒名顶替', '门口告警：替考/冒名顶替嫌疑（由监考人员 #3 扫码触发）', 'door_alert');
    insert.run(3, 'impersonation', '替考/冒名顶替', '存疑入场：照片不符；由督导员 王五 立案', 'doubtful');
    insert.run(4, 'crib_notes', '夹带', null, 'manual');
    old.sqlite
      .prepare(`INSERT INTO checkin_alerts (kind, kind_zh, candidate_id, session_id, room_id, at, proctor_id, device) VALUES ('impersonation_suspect', '替考/冒名顶替嫌疑', 1, 1, 1, 'x', 1, 'vitest')`)
      .run();
    old.close();

    const now = openDatabase(file);
    const columns = (t: string) => now.sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t}')`).all().map((r) => r.name);
    expect(columns('incidents')).not.toContain('kind_zh');
    expect(columns('checkin_alerts')).not.toContain('kind_zh');
    expect(columns('incidents')).toContain('kind');
    expect(now.sqlite.prepare('SELECT id, kind, signer_note AS note FROM incidents ORDER BY id').all()).toEqual([
      { id: 1, kind: 'talking', note: 'no_draw' },
      { id: 2, kind: 'impersonation', note: null },
      { id: 3, kind: 'impersonation', note: null },
      { id: 4, kind: 'crib_notes', note: null },
    ]);
    expect(now.sqlite.prepare('SELECT kind, status FROM checkin_alerts').all()).toEqual([{ kind: 'impersonation_suspect', status: 'draft' }]);
    now.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
