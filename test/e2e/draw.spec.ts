// The draw in Chromium: staff marked on duty, the draw, the projector screen with the
// supervisor's PIN confirmation, verify says same, a manual swap that would break S3 is refused.
import { seedDrawPlan } from '../support/draw-seed';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

type Board = { sessions: { id: number; rooms: { id: number; code: string; proctors: { staffId: number; name: string }[] }[] }[] };

test('on duty → draw → projector → supervisor confirms with PIN → verify same → S3 swap refused', async ({ page, consoleApp, pageErrors }) => {
  const token = await consoleApp.setupSite();
  const { db, sqlite } = consoleApp.app.env.opened;
  const seed = seedDrawPlan(db, consoleApp.clock, consoleApp.app.env.random);
  const absent = seed.proctorIds[11]!;
  const absentName = (sqlite.prepare('SELECT name FROM staff WHERE id = ?').get(absent) as { name: string }).name;

  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  // E2: everyone on duty but one
  await page.getByRole('menuitem', { name: '到岗登记' }).click();
  await expect(page.getByText('到岗登记（E2）')).toBeVisible();
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

  // the projector: the seed, the rooms revealed one by one, the supervisor's PIN
  await page.getByTestId('draw-screen-1').click();
  const seedShown = (await page.getByTestId('screen-seed').textContent())!.replace(/\s/g, '');
  const recorded = (sqlite.prepare('SELECT seed FROM draws WHERE id = 1').get() as { seed: string }).seed;
  expect(seedShown).toBe(recorded);
  await expect(page.getByTestId('screen-room-revealed')).toHaveCount(5);
  await expect(page.getByTestId('screen-room-hidden')).toHaveCount(0);
  await page.getByTestId('screen-confirm').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('督导员工号').fill(seed.staffNo(seed.supervisorIds[0]!));
  await dialog.getByLabel('督导员 PIN').fill('000000');
  await dialog.getByRole('button', { name: /督导确认/ }).click();
  await expect(page.getByTestId('confirm-error')).toContainText('工号或 PIN 不正确');
  await dialog.getByLabel('督导员 PIN').fill('135790');
  await dialog.getByRole('button', { name: /督导确认/ }).click();
  await expect(page.getByTestId('screen-status')).toContainText('督导已确认');
  await page.getByTestId('screen-verify').click();
  await expect(page.getByTestId('screen-verify-result')).toHaveText('复核一致：用记录的输入和种子重新运行，结果完全相同。');
  await page.screenshot({ path: 'test-results/screens/draw-screen.png' });

  // verify from the draw page too
  await page.getByRole('button', { name: /返\s*回/ }).click();
  await page.getByTestId('draw-verify-1').click();
  await expect(page.getByTestId('draw-verify-result')).toContainText('复核一致');

  // a manual swap that would break S3: the proctor of room 1 trained a candidate of room 2
  const [room1, room2] = theory.rooms;
  const trainer = room1!.proctors[0]!;
  const other = room2!.proctors[0]!;
  const cand = sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE session_id = ? AND room_id = ? LIMIT 1').get(seed.theorySessionId, room2!.id) as { id: number };
  sqlite.prepare('INSERT INTO training_relations (staff_id, candidate_id) VALUES (?, ?)').run(trainer.staffId, cand.id);
  await page.getByTestId(`change-${seed.theorySessionId}-${room1!.id}`).click();
  const change = page.getByRole('dialog');
  await change.getByText('对调（与本场次其他考场人员互换）').click();
  await change.getByLabel('被调整人员').click();
  await page.locator(`.ant-select-item-option[title="${trainer.name}"]`).click();
  await change.getByLabel('换上 / 对调人员').click();
  await page.locator(`.ant-select-item-option[title="${other.name}（${room2!.code}）"]`).click();
  await expect(page.getByTestId('change-check')).toContainText(`【S3】${trainer.name} 培训了（或亲属）该考场1名考生，须回避理论知识考试 ${room2!.code}`);
  await change.getByLabel('调整原因（必填）').fill('身体不适');
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-error')).toContainText('不能调整');
  await expect(page.getByTestId('change-error')).toContainText(`【S3】${trainer.name} 培训了（或亲属）该考场1名考生，须回避理论知识考试 ${room2!.code}`);
  const after = await consoleApp.call<Board>('draw.board', { batchId: seed.batchId }, token);
  expect(after.sessions.find((s) => s.id === seed.theorySessionId)!.rooms[0]!.proctors).toEqual(room1!.proctors);
  const refused = sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'draw.change' AND outcome = 'refused'").get() as { n: number };
  expect(refused.n).toBe(1);
  await page.screenshot({ path: 'test-results/screens/draw-change-refused.png' });
  expect(pageErrors).toEqual([]);
});

test('paper: the printable 考场安排表 and badges; the xlsx downloads', async ({ page, consoleApp }) => {
  const token = await consoleApp.setupSite();
  const seed = seedDrawPlan(consoleApp.app.env.opened.db, consoleApp.clock, consoleApp.app.env.random);
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
  const token = await consoleApp.setupSite();
  const { db, sqlite } = consoleApp.app.env.opened;
  const seed = seedDrawPlan(db, consoleApp.clock, consoleApp.app.env.random, { proctors: 2, theoryRooms: 1, skillRooms: 0 });
  const cands = sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE room_id = ?').all(seed.theoryRoomIds[0]) as { id: number }[];
  for (const c of cands) sqlite.prepare('INSERT INTO training_relations (staff_id, candidate_id) VALUES (?, ?)').run(seed.proctorIds[0], c.id);
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [...seed.proctorIds, ...seed.supervisorIds], onDuty: true }, token);
  const reserve = sqlite.prepare("INSERT INTO staff (staff_no, name, created_at) VALUES ('P900', '赵备用', '2026-05-21T07:00:00+08:00')").run().lastInsertRowid;
  sqlite.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (?, 'proctor')").run(reserve);
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
  const token = await consoleApp.setupSite();
  const { db, sqlite } = consoleApp.app.env.opened;
  const seed = seedDrawPlan(db, consoleApp.clock, consoleApp.app.env.random, { proctors: 2, theoryRooms: 1, skillRooms: 0 });
  const cands = sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE room_id = ?').all(seed.theoryRoomIds[0]) as { id: number }[];
  for (const c of cands) sqlite.prepare('INSERT INTO training_relations (staff_id, candidate_id) VALUES (?, ?)').run(seed.proctorIds[0], c.id);
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [...seed.proctorIds, ...seed.supervisorIds], onDuty: true }, token);
  const reserve = sqlite.prepare("INSERT INTO staff (staff_no, name, created_at) VALUES ('P900', '赵备用', '2026-05-21T07:00:00+08:00')").run().lastInsertRowid;
  sqlite.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (?, 'proctor')").run(reserve);
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByTestId('lang-switch').click();
  expect(await page.evaluate(() => localStorage.getItem('esc.lang'))).toBe('en');
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
  await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [Number(reserve)], onDuty: true }, token);
  await page.getByTestId('draw-run').click();
  const relaxed = page.getByTestId('draw-relaxed');
  await expect(relaxed).toBeVisible();
  let notes = (await relaxed.innerText()).replace(/\s+/g, ' ');
  for (const n of names.map((r) => r.name).sort((a, b) => b.length - a.length)) notes = notes.split(n).join('');
  expect(notes).not.toMatch(/[\u3400-\u9fff\u{20000}-\u{2ffff}]/u);
  expect(pageErrors).toEqual([]);
});
