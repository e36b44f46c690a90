// `npm run serve -- --demo`: on an empty console, a demo site (site head H001, PIN 246810) and the
// demo batch plan; on a console that has them already, nothing. Says what it did, line by line.
import type { ConsoleApp } from '../app';
import type { OffsetClock } from '../services/runtime';
import { loadDemoFiles } from '../services/plan/demo';
import { importPlan } from '../services/plan/import';
import { serviceContext } from '../services/context';
import { DEMO_CLOCK_KEY } from '../services/demo-clock';
import { siteMinute } from '../domain/vocabulary';

export const DEMO_SITE = { siteName: '枣庄市技师学院考点（演示）', headName: '张考点', staffNo: 'H001', pin: '246810' };
/** On the demo site every other staff member signs in with this PIN, so proctors and examiners can be tried. */
export const DEMO_STAFF_PIN = '135790';

/** Where the demo's clock lives: the demo day's morning and the real moment it was first reached. */
export { DEMO_CLOCK_KEY };

/**
 * Moves a demo console's clock to the demo exam day: on the first demo start it is 07:30 on the
 * plan's exam date (staff arrive, DAY.md), and from then on that day runs on in real time, start
 * after start. Only for the demo plan: a console holding any other plan keeps the real time.
 */
export function startDemoClock(app: ConsoleApp, clock: OffsetClock): string | null {
  const { sqlite } = app.env.opened;
  const batch = sqlite.prepare<[], { planCode: string; examDate: string }>('SELECT plan_code AS planCode, exam_date AS examDate FROM batches ORDER BY id LIMIT 1').get();
  if (!batch || !batch.planCode.startsWith('ZZJS-')) return null;
  const held = sqlite.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?').get(DEMO_CLOCK_KEY);
  let record: { demoStart: string; realStart: string };
  if (held) record = JSON.parse(held.value) as typeof record;
  else {
    record = { demoStart: `${batch.examDate}T07:30:00+08:00`, realStart: new Date().toISOString() };
    sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run(DEMO_CLOCK_KEY, JSON.stringify(record));
  }
  clock.offsetMs = new Date(record.demoStart).getTime() - new Date(record.realStart).getTime();
  const shown = siteMinute(clock.now());
  return `演示时钟：现在是 ${shown}（北京时间，考试日 ${batch.examDate}）/ demo clock: the exam day, now ${shown} (UTC+8)`;
}

export async function loadDemo(app: ConsoleApp): Promise<string[]> {
  const out: string[] = [];
  let demoSite = false;
  const status = await app.call({ method: 'setup.status', input: {}, device: 'cli --demo' });
  if (status.ok && (status.data as { needsSetup: boolean }).needsSetup) {
    const r = await app.call({ method: 'setup.init', input: DEMO_SITE, device: 'cli --demo' });
    if (!r.ok) throw new Error(`--demo: ${r.error.message}`);
    demoSite = true;
    out.push(`演示考点已建立 / demo site: 考点负责人工号 ${DEMO_SITE.staffNo}，PIN ${DEMO_SITE.pin}`);
    const code = (r.data as { recoveryCode: string | null }).recoveryCode;
    // shown once: the browser shell asks for it at its next start (there is no keystore there)
    if (code) out.push(`恢复码（只显示这一次，请抄写保管）/ recovery code (shown once, write it down): ${code}`);
  }
  const { sqlite } = app.env.opened;
  if ((sqlite.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM batches').get()?.n ?? 0) > 0) {
    out.push('已有认定计划，未载入演示计划 / a plan is already held; the demo plan was not loaded');
    return out;
  }
  const head = sqlite
    .prepare<[], { staffId: number; staffNo: string; name: string }>("SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'site_head' ORDER BY s.id LIMIT 1")
    .get();
  const r = await importPlan(serviceContext(app.env.opened, { clock: app.env.clock, actor: head ? { ...head, role: 'site_head' } : null, device: 'cli --demo' }), { files: loadDemoFiles() });
  out.push(`演示认定计划已载入 / demo plan loaded: ${r.counts.candidates} 名考生，${r.counts.rooms} 个考场，${r.counts.sessions} 个场次，${r.counts.staff} 名工作人员`);
  if (demoSite) {
    // S1: the demo site's head issues enrolment codes and each demo staff member enrols with theirs,
    // choosing the demo PIN (through the same audited commands people use)
    const signedIn = await app.call({ method: 'auth.signIn', input: { staffNo: DEMO_SITE.staffNo, pin: DEMO_SITE.pin }, device: 'cli --demo' });
    if (signedIn.ok) {
      const token = (signedIn.data as { token: string }).token;
      const without = sqlite.prepare<[], { id: number }>('SELECT s.id FROM staff s LEFT JOIN staff_pins p ON p.staff_id = s.id WHERE p.staff_id IS NULL').all();
      const issued = without.length === 0 ? { ok: true as const, data: { slips: [] } } : await app.call({ method: 'staff.issueEnrolment', input: { staffIds: without.map((w) => w.id) }, token, device: 'cli --demo' });
      if (!issued.ok) throw new Error(`--demo: ${issued.error.message}`);
      for (const s of (issued.data as { slips: { staffNo: string; code: string }[] }).slips) {
        const r = await app.call({ method: 'auth.enrol', input: { staffNo: s.staffNo, code: s.code, pin: DEMO_STAFF_PIN }, device: 'cli --demo' });
        if (!r.ok) throw new Error(`--demo: ${r.error.message}`);
      }
      await app.call({ method: 'auth.signOut', input: {}, token, device: 'cli --demo' });
      out.push(`演示工作人员（监考、考评、督导等）的 PIN 均为 ${DEMO_STAFF_PIN} / every demo staff member's PIN: ${DEMO_STAFF_PIN}`);
    }
  }
  return out;
}
