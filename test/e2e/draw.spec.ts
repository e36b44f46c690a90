// The draw in Chromium (S2–S8): staff marked on duty and the draw; the printable forms; an
// impossible draw explained. (The projector: draw-screen.spec.ts; a manual change: draw-change.spec.ts.)
// Each starts from the draw's small plan imported over HTTP (test/support/draw-e2e.ts).
import { seedDrawPlanOverHttp } from '../support/draw-e2e';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

// S3: every proctor trained one theory candidate (proctor i: room i mod 3, seat i div 3), so whoever
// the draw puts in a room is barred from one other room, whatever the seed
const TRAINED = Array.from({ length: 12 }, (_, i) => ({ proctor: i, room: i % 3, seat: Math.floor(i / 3) }));

type Board = { sessions: { id: number; rooms: { id: number; code: string; proctors: { staffId: number; name: string }[] }[] }[] };

test('on duty → draw: everyone but one marked, the draw leaves the absent out and waits for the supervisor', async ({ page, consoleApp, pageErrors }) => {
  const seed = await seedDrawPlanOverHttp(consoleApp, { trained: TRAINED });
  const token = seed.head;
  const { sqlite } = consoleApp.app.env.opened;
  const absent = seed.proctorIds[11]!;
  const absentName = (sqlite.prepare('SELECT name FROM staff WHERE id = ?').get(absent) as { name: string }).name;

  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  // E2: everyone on duty but one
  await page.getByRole('menuitem', { name: '到岗登记' }).click();
  await expect(page.locator('.ant-card-head-title', { hasText: '到岗登记' })).toBeVisible();
  await page.locator('.ant-table-thead .ant-checkbox-input').check();
  await page.getByTestId('duty-mark').click();
  await expect(page.getByTestId('duty-summary')).toContainText('共 23 人');
  await page.getByTestId(`duty-${seed.staffNo(absent)}`).click();
  await expect(page.getByTestId('duty-summary')).toContainText('监考 11 人');
  await page.screenshot({ path: 'test-results/screens/draw-duty.png' });
  await expect(page.getByTestId('duty-summary')).toContainText('共 22 人');

  // the draw
  await page.getByRole('menuitem', { name: '抽签' }).click();
  await page.getByTestId('draw-run').click();
  await expect(page.getByTestId('draw-relaxed')).toBeVisible();
  await expect(page.getByTestId('draw-status-1')).toHaveText('待督导确认');
  await expect(page.getByTestId(`session-${seed.theorySessionId}`)).not.toContainText(absentName);
  await page.screenshot({ path: 'test-results/screens/draw-page.png', fullPage: true });
  const board = await consoleApp.call<Board>('draw.board', { batchId: seed.batchId }, token);
  const theory = board.sessions.find((s) => s.id === seed.theorySessionId)!;
  for (const r of theory.rooms) expect(r.proctors).toHaveLength(2);
  expect(pageErrors).toEqual([]);
});

test('paper: the printable 考场安排表 and badges; the xlsx downloads', async ({ page, consoleApp }) => {
  const seed = await seedDrawPlanOverHttp(consoleApp);
  const token = seed.head;
  const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
  await consoleApp.call('draw.run', { batchId: seed.batchId }, token);
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.goto(`${consoleApp.url}/#/draw/print`);
  await expect(page.getByTestId('form-theory')).toContainText('职业技能等级认定理论考试考场安排表');
  await expect(page.getByTestId('form-theory')).toContainText('考号区间');
  await expect(page.getByTestId('form-skill')).toContainText('考评组长');
  await expect(page.getByTestId('badges')).toContainText('督导员');
  const download = page.waitForEvent('download');
  await page.getByTestId('paper-xlsx').click();
  expect((await download).suggestedFilename()).toBe('考场安排表_2026-05-21.xlsx');
  await page.screenshot({ path: 'test-results/screens/draw-print.png', fullPage: true });
});

test('an impossible draw is refused on screen with the rule, the person and the fix', async ({ page, consoleApp, pageErrors }) => {
  // the first proctor trained all five candidates of the only room; a reserve proctor is not on duty
  const seed = await seedDrawPlanOverHttp(consoleApp, { proctors: 2, theoryRooms: 1, skillRooms: 0, reserve: true, trained: [0, 1, 2, 3, 4].map((seat) => ({ proctor: 0, room: 0, seat })) });
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [...seed.proctorIds, ...seed.supervisorIds], onDuty: true }, seed.head);
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '抽签' }).click();
  await page.getByTestId('draw-run').click();
  const alert = page.getByTestId('draw-error');
  await expect(alert).toContainText('无法完成抽签，未作任何安排');
  await expect(alert).toContainText('S3');
  await expect(alert).toContainText('第1考场需2名监考人员，可用1名：王𪚥 培训了（或亲属）该考场5名考生');
  await expect(alert).toContainText('可增派（未到岗）：赵备用');
  await expect(alert).not.toContainText('督导员'); // a supervisor who is no proctor is no blocker either
  await page.screenshot({ path: 'test-results/screens/draw-refused.png' });
  expect(pageErrors).toEqual([]);
});

test('English UI: a refused draw and the rotation notes are worded in English; only the plan\'s names stay Chinese', async ({ page, consoleApp, pageErrors }) => {
  // the first proctor trained all five candidates of the only room; the reserve is not on duty yet
  const seed = await seedDrawPlanOverHttp(consoleApp, { proctors: 2, theoryRooms: 1, skillRooms: 0, reserve: true, trained: [0, 1, 2, 3, 4].map((seat) => ({ proctor: 0, room: 0, seat })) });
  const token = seed.head;
  const { sqlite } = consoleApp.app.env.opened;
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [...seed.proctorIds, ...seed.supervisorIds], onDuty: true }, token);
  const reserve = (sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'P900'").get() as { id: number }).id;
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByTestId('lang-switch').click();
  // the switch is kept once the English words have loaded (they load on demand): wait for it
  await expect.poll(() => page.evaluate(() => localStorage.getItem('esc.lang'))).toBe('en');
  await page.getByRole('menuitem', { name: 'Draw' }).click();
  await page.getByTestId('draw-run').click();
  const alert = page.getByTestId('draw-error');
  await expect(alert).toContainText('1 available');
  await expect(alert).toContainText('trained or is related to 5 candidate(s) in the room');
  await expect(alert).toContainText('Call in (not on duty): 赵备用');
  // names and places from the plan are data; every other word on the refusal is English
  const names = sqlite.prepare('SELECT name FROM staff UNION SELECT code FROM rooms UNION SELECT name FROM exam_sessions').all() as { name: string }[];
  let text = (await alert.innerText()).replace(/\s+/g, ' ');
  for (const n of names.map((r) => r.name).sort((a, b) => b.length - a.length)) text = text.split(n).join('');
  expect(text).not.toMatch(/[\u3400-\u9fff\u{20000}-\u{2ffff}]/u);
  await page.screenshot({ path: 'test-results/screens/draw-refused-en.png' });

  // called in, the draw goes through; the rotation note is English too
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [reserve], onDuty: true }, token);
  await page.getByTestId('draw-run').click();
  const relaxed = page.getByTestId('draw-relaxed');
  await expect(relaxed).toBeVisible();
  let notes = (await relaxed.innerText()).replace(/\s+/g, ' ');
  for (const n of names.map((r) => r.name).sort((a, b) => b.length - a.length)) notes = notes.split(n).join('');
  expect(notes).not.toMatch(/[\u3400-\u9fff\u{20000}-\u{2ffff}]/u);
  expect(pageErrors).toEqual([]);
});
