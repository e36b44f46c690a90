// `npm run demo:day`: a whole exam day on the demo plan, played through the public command API
// (app.call with tokens, as both shells do) on a ManualClock moved through the day from 07:30:
// set-up, the plan, staff on duty, the draw and the supervisor's confirmation, sign-ins (late, refused
// and admitted; one doubtful), an incident and its ruling, three examiners' sheets per skill
// candidate, the theory import, results, the seal with three signatures, the publication of the sealed
// version (the upload held until it ends), its confirmation, and the sync
// to a reference platform on 127.0.0.1. Prints each step in Chinese with figures. `playDemoDay` is
// also the end-to-end test (test/unit/demo-day.test.ts), and the e2e fixtures play it over HTTP up to
// a stage (`onStage`, `until`) to start their stories from the day as it stands there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BACKUP_MILESTONES, openConsole, type ConsoleApp, type ConsoleOptions } from '../electron/app';
import { startHttpServer, type RunningServer } from '../electron/server/http';
import { ManualClock } from '../electron/services/runtime';
import { runnerFor } from '../electron/services/sync/runner';
import { httpTransport, type Transport } from './api-client';
import { zhCN } from '../renderer/src/i18n/catalogue';
import type { Issue } from '../electron/services/errors';
import { startPlatform, type RunningPlatform } from './platform/server';

/** The demo day's site and its head (the e2e days start from it). */
export const SITE = { siteName: '枣庄市技师学院考点（演示日）', headName: '张𠀋明', staffNo: 'H001', pin: '246810' };
export const STAFF_PIN = '135790';
const NO_PHOTO = '演示：未接摄像头';

/**
 * The day's stages, in order, each named by what has just been done:
 * plan: the site set up, the demo plan loaded, every staff member's PIN set (07:30);
 * drawn: everyone on duty, the draw run and confirmed by the supervisor (07:45);
 * doors: every session's sign-ins, one refused late, one admitted late, one doubtful, the missing marked
 *   absent, one incident recorded and ruled (before the last sessions start);
 * scored: scoring standards, every examiner's signed sheets, theory imported and confirmed (17:40);
 * sealed: the seal with every signature (18:30); published: the 公示 of the sealed version opened;
 * ended: the 公示 period over and ended, the 确认单 made (the next working day after it, 09:00),
 *   the platform configured and the package still unsent; synced: sent and acknowledged.
 */
export const DEMO_STAGES = ['plan', 'drawn', 'doors', 'scored', 'sealed', 'published', 'ended', 'synced'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

export interface DemoDayOptions {
  dataDir?: string;
  platformDir?: string;
  log?: (line: string) => void;
  /** 'http': every command goes as POST /api/<method> to a browser-shell server on 127.0.0.1 (as the e2e fixtures seed) */
  transport?: 'direct' | 'http';
  /** called when a stage is done, the console quiet, its clock at the stage's moment */
  onStage?: (stage: DemoStage, app: ConsoleApp) => void | Promise<void>;
  backupDir?: string;
  /** how the console finds its key (default as the console: ESC_DB_KEY, else a new random key) */
  unlock?: ConsoleOptions['unlock'];
  /** runs once the day is done, with the console still open (its WAL on disk): the at-rest scan */
  beforeClose?: (app: ConsoleApp) => Promise<void> | void;
}

/** Ends the day early, after a stage (see playDemoDayUntil). */
class StopAfter extends Error {}

export interface DemoDayReport {
  lines: string[];
  batchId: number;
  candidates: number;
  signedIn: number;
  absent: number;
  lateRefused: number;
  lateAdmitted: number;
  doubtful: number;
  incidents: number;
  sheets: number;
  theoryScores: number;
  outcomes: Record<string, number>;
  publication: { startDate: string; endDate: string; count: number; version: number; confirmed: number; heldDuringPublication: boolean };
  seal: { version: number; hash: string; byteSize: number; signers: number };
  sync: { state: string; recordNo: string | null; platformRecords: number };
  /** certificate numbers the platform assigned later (G7), and one as the candidate's page shows it */
  certificates: { count: number; example: string | null };
  /** the encrypted backups the day left on the "USB drive" (the plan, each closed door, the seal), each checked */
  backups: { folder: string; count: number; reasons: string[]; failed: number };
  /** the recovery code setup showed (the demo prints it; a real site prints it on paper) */
  recoveryCode: string | null;
  dataDir: string;
}

class Day {
  readonly lines: string[] = [];
  private readonly tokens = new Map<string, string>();
  constructor(
    readonly app: ConsoleApp,
    readonly clock: ManualClock,
    private readonly log: (line: string) => void,
    private readonly transport: Transport,
    private readonly onStage: DemoDayOptions['onStage'],
    private readonly until: DemoStage | null,
  ) {}

  /** A stage is done: tell the watcher (the e2e fixture snapshots the console), stop if it was the last asked for. */
  async stage(name: DemoStage): Promise<void> {
    await this.onStage?.(name, this.app);
    if (name === this.until) throw new StopAfter(name);
  }

  say(line: string): void {
    const t = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    const out = `[${t}] ${line}`;
    this.lines.push(out);
    this.log(out);
  }

  async call<T>(method: string, input: unknown, token: string | null): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
    const r = await this.transport({ method, input, token, device: 'demo:day' });
    // a milestone's backup runs on a worker thread: the script waits for it, as a person would
    // look at the dashboard (and its result reaches this thread only between turns of the loop)
    if (r.ok && BACKUP_MILESTONES[method]) await this.app.backups?.idle();
    return r.ok ? { ok: true, data: r.data as T } : { ok: false, code: r.error.code, message: r.error.message };
  }

  async ok<T = unknown>(method: string, input: unknown, token: string | null): Promise<T> {
    const r = await this.call<T>(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${r.code} ${r.message}`);
    return r.data;
  }

  /** A token per person and role, signed in once (sign-in checks the PIN with scrypt). */
  async as(staffNo: string, role?: string, pin = STAFF_PIN): Promise<string> {
    const key = `${staffNo}/${role ?? ''}`;
    const held = this.tokens.get(key);
    if (held) return held;
    const r = await this.ok<{ token: string }>('auth.signIn', role ? { staffNo, pin, role } : { staffNo, pin }, null);
    this.tokens.set(key, r.token);
    return r.token;
  }

  /** Sessions expire: after a jump of the clock everyone signs in again. */
  forgetTokens(): void {
    this.tokens.clear();
  }

  at(iso: string): void {
    this.clock.set(iso);
    this.forgetTokens();
  }

  get sqlite() {
    return this.app.env.opened.sqlite;
  }
}

/** What the console answers in codes, worded in Chinese by its own catalogue (as the pages do). */
function zh(key: string, params: Record<string, unknown> = {}): string {
  const table = zhCN as Record<string, string>;
  return (table[key] ?? key).replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

function plus(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString();
}
const MIN = 60_000;
const BACKUP_REASON_ZH: Record<string, string> = { plan: '导入计划', door: '考场关门', seal: '成绩封存', timer: '定时', manual: '手动' };

export async function playDemoDay(opts: DemoDayOptions = {}): Promise<DemoDayReport> {
  const report = await play(opts, null);
  if (!report) throw new Error('demo day: ended before its end');
  return report;
}

/** The day up to and including a stage (onStage sees every stage until then); nothing after it runs. */
export async function playDemoDayUntil(until: DemoStage, opts: DemoDayOptions = {}): Promise<void> {
  await play(opts, until);
}

async function play(opts: DemoDayOptions, until: DemoStage | null): Promise<DemoDayReport | null> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'esc-demo-day-'));
  const backupDir = opts.backupDir ?? mkdtempSync(join(tmpdir(), 'esc-demo-usb-'));
  const clock = new ManualClock('2026-05-21T07:30:00+08:00');
  const app = openConsole({ dataDir, clock, ...(opts.unlock ? { unlock: opts.unlock } : {}) });
  let transport: Transport = (req) => app.call(req);
  const d = new Day(app, clock, opts.log ?? (() => {}), (req) => transport(req), opts.onStage, until);
  let server: RunningServer | null = null;
  let platform: RunningPlatform | null = null;
  try {
    if (opts.transport === 'http') {
      server = await startHttpServer({ app, port: 0 });
      transport = httpTransport(server.url, 'demo:day');
    }
    // 1. set-up and the plan
    const setup = await d.ok<{ recoveryCode: string | null }>('setup.init', SITE, null);
    const head = await d.as(SITE.staffNo, undefined, SITE.pin);
    // records that outlive the laptop: an encrypted backup to a second place at every milestone
    await d.ok('backup.configure', { folder: backupDir, everyMinutes: 30, keep: 50 }, head);
    d.say(`数据已加密保存；恢复码（只显示一次）${setup.recoveryCode ?? '—'}；备份位置 ${backupDir}（导入计划、各考场关门、成绩封存后自动备份）。`);
    const plan = await d.ok<{ counts: { candidates: number; rooms: number; sessions: number; staff: number } }>('plan.loadDemo', {}, head);
    const batch = d.sqlite.prepare('SELECT id, name, exam_date AS examDate, plan_code AS planCode FROM batches ORDER BY id LIMIT 1').get() as { id: number; name: string; examDate: string; planCode: string };
    if (batch.examDate !== '2026-05-21') d.at(`${batch.examDate}T07:30:00+08:00`);
    d.say(`考点建立，载入演示认定计划 ${batch.planCode}：${plan.counts.candidates} 名考生，${plan.counts.rooms} 个考场，${plan.counts.sessions} 个场次，${plan.counts.staff} 名工作人员。`);
    const staff = d.sqlite.prepare("SELECT id FROM staff WHERE staff_no <> ? AND active = 1").all(SITE.staffNo) as { id: number }[];
    // S1: the site head issues enrolment codes; each person enrols and chooses their own PIN
    const { slips } = await d.ok<{ slips: { staffNo: string; code: string }[] }>('staff.issueEnrolment', { staffIds: staff.map((s) => s.id) }, head);
    for (const s of slips) await d.ok('auth.enrol', { staffNo: s.staffNo, code: s.code, pin: STAFF_PIN }, null);
    d.say(`考点负责人为 ${staff.length} 名工作人员打印启用码，各人凭启用码自设 PIN。`);
    await d.stage('plan');

    // 2. on duty, the draw, the supervisor's confirmation (E2, S2–S8)
    d.at(`${batch.examDate}T07:45:00+08:00`);
    const headT = await d.as(SITE.staffNo, undefined, SITE.pin);
    const people = await d.ok<{ id: number; staffNo: string; roles: string[] }[]>('draw.duty.list', { batchId: batch.id }, headT);
    await d.ok('draw.duty.mark', { batchId: batch.id, staffIds: people.map((p) => p.id), onDuty: true }, headT);
    const draw = await d.ok<{ drawId: number; seed: string }>('draw.run', { batchId: batch.id }, headT);
    const supervisor = people.find((p) => p.roles.includes('supervisor'))!;
    const wrong = await d.call('draw.confirm', { drawId: draw.drawId, staffNo: supervisor.staffNo, pin: '000000' }, headT);
    await d.ok('draw.confirm', { drawId: draw.drawId, staffNo: supervisor.staffNo, pin: STAFF_PIN }, headT);
    const assigned = d.sqlite.prepare('SELECT COUNT(*) AS n FROM draw_assignments WHERE draw_id = ? AND active = 1').get(draw.drawId) as { n: number };
    d.say(`${people.length} 人到岗；抽签完成（种子 ${draw.seed.slice(0, 12)}…，${assigned.n} 个岗位）；督导员 ${supervisor.staffNo} 输错 PIN 被拒${wrong.ok ? '（意外通过！）' : ''}，重新输入后确认抽签结果。`);
    await d.stage('drawn');

    // 3. the doors, session by session (E4, E5)
    const sessions = d.sqlite
      .prepare('SELECT es.id, es.name, es.starts_at AS startsAt, es.ends_at AS endsAt, su.kind FROM exam_sessions es JOIN subjects su ON su.id = es.subject_id WHERE es.batch_id = ? ORDER BY es.starts_at, es.id')
      .all(batch.id) as { id: number; name: string; startsAt: string; endsAt: string; kind: string }[];
    let signedIn = 0;
    let absent = 0;
    let lateRefused = 0;
    let lateAdmitted = 0;
    let doubtful = 0;
    let incidents = 0;
    const firstTheory = sessions.find((s) => s.kind === 'theory')!;
    const starts = [...new Set(sessions.map((s) => s.startsAt))].sort();
    for (const startsAt of starts) {
      // everyone of the sessions starting together signs in before the start; the first theory
      // session's first room then plays the morning's exceptions after the entry cut-off
      d.at(plus(startsAt, -25 * MIN));
      let special: { s: (typeof sessions)[number]; roomId: number; roomCode: string; ids: number[]; proctors: string[] } | null = null;
      for (const s of sessions.filter((x) => x.startsAt === startsAt)) {
        const doors = d.sqlite
          .prepare(
            `SELECT cs.room_id AS roomId, r.code AS roomCode, group_concat(cs.candidate_id) AS ids FROM candidate_subjects cs JOIN rooms r ON r.id = cs.room_id
             WHERE cs.session_id = ? GROUP BY cs.room_id ORDER BY r.code`,
          )
          .all(s.id) as { roomId: number; roomCode: string; ids: string }[];
        let sessionIn = 0;
        for (const [k, door] of doors.entries()) {
          const proctors = (
            d.sqlite
              .prepare("SELECT s.staff_no AS staffNo FROM draw_assignments a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position")
              .all(s.id, door.roomId) as { staffNo: string }[]
          ).map((p) => p.staffNo);
          const p1 = await d.as(proctors[0]!, 'proctor');
          const at = { sessionId: s.id, roomId: door.roomId };
          const ids = door.ids.split(',').map(Number);
          const isSpecial = s.id === firstTheory.id && k === 0;
          if (isSpecial) special = { s, roomId: door.roomId, roomCode: door.roomCode, ids, proctors };
          for (const id of ids) {
            // the first three of the special room: one never comes, one comes too late, one is admitted late
            if (isSpecial && ids.indexOf(id) < 3) continue;
            const ticket = (d.sqlite.prepare('SELECT ticket_no AS t FROM candidates WHERE id = ?').get(id) as { t: string }).t;
            const scan = await d.ok<{ kind: string; verdict?: { code: string } }>('checkin.scan', { ...at, code: ticket }, p1);
            if (scan.kind !== 'verdict' || scan.verdict!.code !== 'ok') throw new Error(`demo: ${ticket} scan ${JSON.stringify(scan)}`);
            const isDoubtful = isSpecial && ids.indexOf(id) === 3;
            const extra = isDoubtful ? { doubtful: { reason: '人像与证件照差异较大（演示）', secondStaffNo: proctors[1]!, secondPin: STAFF_PIN } } : {};
            await d.ok('checkin.confirm', { ...at, candidateId: id, method: 'ticket', scanned: ticket, noPhotoReason: NO_PHOTO, ...extra }, p1);
            if (isDoubtful) doubtful += 1;
            sessionIn += 1;
          }
        }
        signedIn += sessionIn;
        d.say(`${s.name}：${doors.length} 个考场，开考前签到 ${sessionIn} 人。`);
      }
      if (special) {
        const { s, roomId, roomCode, ids, proctors } = special;
        const at = { sessionId: s.id, roomId };
        // E4: 30 minutes after the start entry closes; one second later the door refuses
        d.at(plus(s.startsAt, 30 * MIN + 1000));
        const p1 = await d.as(proctors[0]!, 'proctor');
        const late = await d.call('checkin.confirm', { ...at, candidateId: ids[1]!, method: 'ticket', noPhotoReason: NO_PHOTO }, p1);
        if (late.ok) throw new Error('demo: a late sign-in was admitted');
        await d.ok('checkin.refuse', { ...at, code: '', candidateId: ids[1]!, method: 'ticket' }, p1);
        lateRefused += 1;
        d.say(`${s.name} ${roomCode}：开考后 30 分 01 秒，迟到考生被拒绝入场（${late.message}）。`);
        const missing = await d.ok<{ candidateId: number }[]>('checkin.missing', at, p1);
        await d.ok('checkin.markAbsent', { ...at, candidateIds: missing.map((m) => m.candidateId), second: { staffNo: proctors[1]!, pin: STAFF_PIN } }, p1);
        d.at(plus(s.startsAt, 35 * MIN));
        const p1b = await d.as(proctors[0]!, 'proctor');
        await d.ok(
          'checkin.confirm',
          { ...at, candidateId: ids[2]!, method: 'ticket', noPhotoReason: NO_PHOTO, late: { reason: '途中遇交通事故，有交警证明（演示）', supervisorStaffNo: supervisor.staffNo, supervisorPin: STAFF_PIN } },
          p1b,
        );
        lateAdmitted += 1;
        signedIn += 1;
        absent += missing.length - 1;
        d.say(`${s.name} ${roomCode}：${missing.length} 人未到记为缺考；督导员以本人 PIN 准许其中一名迟到考生入场（写明原因）；一名存疑考生经第二名监考人员 PIN 确认入场。`);
        // an incident in the room, signed by both proctors, ruled by the supervisor (E6, S8)
        d.at(plus(s.startsAt, 45 * MIN));
        const p1c = await d.as(proctors[0]!, 'proctor');
        const inc = await d.ok<{ incidentId: number }>(
          'incidents.record',
          { ...at, subjectType: 'candidate', candidateId: ids[4]!, kind: 'talking', description: '考试中与邻座交谈，经制止后停止（演示）', second: { staffNo: proctors[1]!, pin: STAFF_PIN } },
          p1c,
        );
        const sup = await d.as(supervisor.staffNo, 'supervisor');
        await d.ok('incidents.rule', { incidentId: inc.incidentId, decision: 'warning', reason: '初次违纪，口头警告并记录在案', pin: STAFF_PIN }, sup);
        incidents += 1;
        d.say(`违纪记录 #${inc.incidentId}（考试中交谈）由两名监考人员签字，督导员以 PIN 裁定：警告。`);
      }
    }
    await d.stage('doors');

    // 4. skill scoring: every panel member's signed sheet (S5, S9)
    const lastEnd = sessions.reduce((m, s) => (s.endsAt > m ? s.endsAt : m), sessions[0]!.endsAt);
    d.at(plus(lastEnd, 10 * MIN));
    const headS = await d.as(SITE.staffNo, undefined, SITE.pin);
    const subjects = await d.ok<{ id: number; kind: string }[]>('scoring.subjects', { batchId: batch.id }, headS);
    const items = new Map<number, { id: number; maxPoints: number }[]>();
    for (const s of subjects.filter((x) => x.kind !== 'theory')) {
      const { sample } = await d.ok<{ sample: unknown[] }>('scoring.standard.get', { subjectId: s.id }, headS);
      items.set(s.id, await d.ok('scoring.standard.set', { subjectId: s.id, items: sample }, headS));
    }
    const absentKeys = new Set(
      (d.sqlite.prepare('SELECT a.candidate_id AS c, es.subject_id AS s FROM checkin_absences a JOIN exam_sessions es ON es.id = a.session_id').all() as { c: number; s: number }[]).map((r) => `${r.c}:${r.s}`),
    );
    const panels = d.sqlite
      .prepare(
        `SELECT cs.subject_id AS subjectId, cs.session_id AS sessionId, cs.room_id AS roomId, group_concat(cs.candidate_id) AS ids
         FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind <> 'theory' AND su.batch_id = ? GROUP BY cs.session_id, cs.room_id ORDER BY cs.session_id, cs.room_id`,
      )
      .all(batch.id) as { subjectId: number; sessionId: number; roomId: number; ids: string }[];
    let sheets = 0;
    for (const p of panels) {
      const members = d.sqlite
        .prepare(
          `SELECT s.staff_no AS staffNo, a.role FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
           WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.position`,
        )
        .all(p.sessionId, p.roomId) as { staffNo: string; role: string }[];
      const its = items.get(p.subjectId)!;
      const ids = p.ids.split(',').map(Number);
      for (const [m, member] of members.entries()) {
        const token = await d.as(member.staffNo, member.role);
        for (const [i, cand] of ids.entries()) {
          if (absentKeys.has(`${cand}:${p.subjectId}`)) continue;
          const total = 48 + ((i * 13) % 50) + m; // three examiners within a point or two of each other
          await d.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(its, total), pin: STAFF_PIN }, token);
          sheets += 1;
        }
      }
    }
    d.say(`技能评分：${panels.length} 个考评组，${sheets} 份评分表逐份以考评员本人 PIN 签名提交。`);

    // 5. theory: the on-screen system's result file, imported and confirmed by a clerk (G2)
    const clerk = people.find((p) => p.roles.includes('score_clerk')) ?? (d.sqlite.prepare("SELECT s.staff_no AS staffNo FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'score_clerk' LIMIT 1").get() as { staffNo: string });
    const clerkT = await d.as(clerk.staffNo, 'score_clerk');
    let theoryScores = 0;
    for (const s of subjects.filter((x) => x.kind === 'theory')) {
      const rows = d.sqlite
        .prepare(
          `SELECT c.id, c.ticket_no AS ticket, c.doc_number AS doc, c.name FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
           WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
        )
        .all(s.id) as { id: number; ticket: string; doc: string; name: string }[];
      const present = rows.filter((r) => !absentKeys.has(`${r.id}:${s.id}`));
      const csv = ['准考证号,身份证号,姓名,成绩', ...present.map((r, i) => `${r.ticket},${r.doc},${r.name},${52 + ((i * 17) % 48)}`)].join('\r\n');
      const imp = await d.ok<{ importId: number; report: { matched: number } }>('theory.import', { subjectId: s.id, file: { name: `理论成绩-${s.id}.csv`, data: Buffer.from(csv, 'utf8').toString('base64') } }, clerkT);
      const conf = await d.ok<{ confirmed: number }>('theory.import.confirm', { importId: imp.importId }, clerkT);
      theoryScores += conf.confirmed;
    }
    d.say(`理论成绩：导入考试系统成绩文件（按准考证号和身份证号匹配），确认 ${theoryScores} 个成绩。`);

    // 6. results (G1)
    const results = await d.ok<{ outcome: string }[]>('results.list', { batchId: batch.id }, headS);
    const outcomes: Record<string, number> = {};
    for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    d.say(`成绩汇总：${results.length} 名考生，通过 ${outcomes.passed ?? 0}，不通过 ${outcomes.failed ?? 0}，缺考 ${outcomes.absent ?? 0}，待定 ${outcomes.pending ?? 0}。`);
    await d.stage('scored');
    d.at(`${batch.examDate}T18:30:00+08:00`);
    let headP = await d.as(SITE.staffNo, undefined, SITE.pin);

    // 7. the seal: three kinds of signature on one screen (S9); what is published is this version
    const ready = await d.ok<{ ready: boolean; missing: unknown[]; signers: { role: string; staffNo: string | null }[] }>('seal.readiness', { batchId: batch.id }, headP);
    if (!ready.ready) throw new Error(`demo: not ready to seal: ${JSON.stringify(ready.missing)}`);
    const sigs = ready.signers.map((s) => ({ staffNo: s.staffNo!, pin: s.role === 'site_head' ? SITE.pin : STAFF_PIN }));
    const sealed = await d.ok<{ version: number; hash: string; byteSize: number; candidates: number }>('seal.seal', { batchId: batch.id, signatures: sigs }, headP);
    d.say(`成绩封存：${ready.signers.map((s) => zh(`role.${s.role}`)).join('、')} 共 ${sigs.length} 人以本人 PIN 签名；成绩包第 ${sealed.version} 版 ${(sealed.byteSize / 1024).toFixed(1)} KB，SHA-256 ${sealed.hash.slice(0, 16)}…，已放入上报队列。`);
    await d.stage('sealed');

    // 8. publication of the sealed version (G5)
    const startDate = nextDay(batch.examDate);
    const pub = await d.ok<{ id: number; endDate: string; count: number; version: number }>('results.publication.open', { batchId: batch.id, startDate }, headP);
    d.say(`成绩公示：封存第 ${pub.version} 版，${pub.count} 人，${startDate} 起至 ${pub.endDate}（5 个工作日，按国家法定节假日安排）。`);
    await d.stage('published');

    // 9. sync to the reference platform on 127.0.0.1 (G5, A1, G7): held while the publication runs
    platform = await startPlatform({ dataDir: opts.platformDir ?? mkdtempSync(join(tmpdir(), 'esc-demo-platform-')) });
    await d.ok('sync.configure', { platformUrl: platform.url, expectedFingerprint: platform.fingerprint }, headP);
    const syncNow = async () => {
      await d.ok('sync.run', {}, headP);
      await new Promise((r) => setImmediate(r));
      await runnerFor(app.env).idle();
      const st = await d.ok<{ packages: { hash: string; state: string; recordId: string | null; holds: Issue[] }[] }>('sync.status', {}, headP);
      return st.packages.find((p) => p.hash === sealed.hash)!;
    };
    const early = await syncNow();
    const held = early.state === 'waiting' && early.holds.length > 0;
    d.say(`公示期内点击“一键上报”：成绩包暂不发送（${early.holds.map((h) => zh(`sync.held.${h.reason}`, h.params)).join('；') || early.state}）。`);
    d.at(`${nextDay(pub.endDate)}T09:00:00+08:00`);
    headP = await d.as(SITE.staffNo, undefined, SITE.pin);
    await d.ok('results.publication.end', { publicationId: pub.id }, headP);
    const conf = await d.ok<{ names: string[]; sentence: string }[]>('results.confirmation', { publicationId: pub.id }, headP);
    const confirmed = conf.reduce((n, g) => n + g.names.length, 0);
    d.say(`公示期满无异议：生成公示结果确认单 ${conf.length} 份，共 ${confirmed} 人（如“${conf[0]?.sentence ?? '—'}”）。`);
    await d.stage('ended');
    const row = await syncNow();
    const records = (platform.store.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
    d.say(`上报省平台 ${platform.url}：${row.state === 'acknowledged' ? '平台已确认（签名回执已核验，绿色）' : row.state}，平台记录号 ${row.recordId ?? '—'}，平台共 ${records} 条记录。`);
    const verify = await d.ok<{ ok: boolean; count: number }>('seal.verify', {}, headP);
    d.say(`核验：封存包 ${verify.count} 个，${verify.ok ? '签名、哈希与数据库成绩一致' : '发现不一致！'}。`);
    await d.stage('synced');

    // 10. weeks later the platform certifies (G7): certificate numbers come back with the next sync
    await fetch(`${platform.url}/admin/certify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hash: sealed.hash }) });
    await d.ok('sync.run', {}, headP);
    await new Promise((r) => setImmediate(r));
    await runnerFor(app.env).idle();
    const certs = await d.ok<{ candidateRef: string; certificateNo: string }[]>('sync.certificates', { batchId: batch.id }, headP);
    const firstPassed = d.sqlite.prepare('SELECT id, name, ticket_no AS ticketNo FROM candidates WHERE ticket_no = ?').get(certs[0]?.candidateRef ?? '') as { id: number; name: string; ticketNo: string } | undefined;
    const shown = firstPassed ? await d.ok<{ certificateNo: string | null }>('plan.candidate', { id: firstPassed.id }, headP) : null;
    d.say(`省平台发证：${certs.length} 个证书编号已取回并存档${firstPassed && shown ? `，如 ${firstPassed.name}（${firstPassed.ticketNo}）：${shown.certificateNo}` : ''}。`);

    // 11. the backups the day made, each encrypted and checked after writing
    await app.backups?.idle();
    const runs = d.sqlite.prepare('SELECT reason, state FROM backup_runs ORDER BY id').all() as { reason: string; state: string }[];
    const good = runs.filter((r) => r.state === 'ok');
    const byReason = good.reduce<Record<string, number>>((m, r) => ({ ...m, [r.reason]: (m[r.reason] ?? 0) + 1 }), {});
    d.say(`数据备份：${good.length} 份加密备份已写入并校验（${Object.entries(byReason).map(([k, n]) => `${BACKUP_REASON_ZH[k] ?? k} ${n}`).join('，')}）${runs.length > good.length ? `，${runs.length - good.length} 次失败` : ''}。`);

    await opts.beforeClose?.(app);
    return {
      lines: d.lines,
      batchId: batch.id,
      candidates: results.length,
      signedIn,
      absent,
      lateRefused,
      lateAdmitted,
      doubtful,
      incidents,
      sheets,
      theoryScores,
      outcomes,
      publication: { startDate, endDate: pub.endDate, count: pub.count, version: pub.version, confirmed, heldDuringPublication: held },
      seal: { version: sealed.version, hash: sealed.hash, byteSize: sealed.byteSize, signers: sigs.length },
      sync: { state: row.state, recordNo: row.recordId, platformRecords: records },
      certificates: { count: certs.length, example: shown?.certificateNo ?? null },
      backups: { folder: backupDir, count: good.length, reasons: good.map((r) => r.reason), failed: runs.length - good.length },
      recoveryCode: setup.recoveryCode,
      dataDir,
    };
  } catch (e) {
    if (e instanceof StopAfter) return null;
    throw e;
  } finally {
    await server?.close();
    await runnerFor(app.env).idle();
    await app.backups?.idle();
    if (platform) await platform.close();
    app.close();
  }
}

function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** A full sheet whose items share `total` in proportion to their maxima (one decimal, remainder on the first). */
function entriesFor(items: { id: number; maxPoints: number }[], total: number) {
  const raw = items.map((i) => Math.floor(((i.maxPoints * total) / 100) * 10) / 10);
  const diff = Math.round((total - raw.reduce((a, b) => a + b, 0)) * 10) / 10;
  raw[0] = Math.round((raw[0]! + diff) * 10) / 10;
  return items.map((i, k) => ({ itemId: i.id, points: raw[k]!, missing: false }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('考点通 · 演示考试日 / a whole exam day, scripted');
  // --http: every command over POST /api/<method> of a browser-shell server on 127.0.0.1, as the e2e fixtures play it
  playDemoDay({ log: (l) => console.log(l), transport: process.argv.includes('--http') ? 'http' : 'direct' }).then(
    (r) => {
      console.log(`完成：${r.candidates} 名考生，签到 ${r.signedIn}，缺考 ${r.absent}，评分表 ${r.sheets} 份，成绩包第 ${r.seal.version} 版，平台状态 ${r.sync.state}，加密备份 ${r.backups.count} 份。`);
      console.log(`数据目录 / data: ${r.dataDir}（核验：ESC_RECOVERY_CODE=${r.recoveryCode ?? ''} npm run verify -- --data ${r.dataDir}）`);
      process.exitCode = r.sync.state === 'acknowledged' ? 0 : 1;
    },
    (e: unknown) => {
      console.error(`演示失败 / demo failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
