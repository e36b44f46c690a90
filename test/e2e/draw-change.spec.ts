// A manual change of the draw (S3), from the draw's small plan drawn, where every proctor trained one
// candidate: swapping room 1's first proctor into the room of their trainee is refused with the rule,
// checked live and again on saving, and nothing changes.
import { pickOption } from '../support/antd-e2e';
import { drawnOverHttp, TRAINED, type Board } from '../support/draw-e2e';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

test('a manual swap that would break S3 is refused, live and on saving; the draw is unchanged', async ({ page, consoleApp, pageErrors }) => {
  const { seed, theory } = await drawnOverHttp(consoleApp);
  const token = seed.head;
  const { sqlite } = consoleApp.app.env.opened;
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '抽签' }).click();
  // a manual swap that would break S3: room 1's first proctor trained a candidate of another room
  const room1 = theory.rooms[0]!;
  const trainer = room1.proctors[0]!;
  const trainee = TRAINED.find((t) => seed.proctorIds[t.proctor] === trainer.staffId)!;
  const room2 = theory.rooms.find((r) => r.id === seed.theoryRoomIds[trainee.room])!;
  expect(room2.id).not.toBe(room1.id); // the draw kept S3
  const other = room2.proctors[0]!;
  await page.getByTestId(`change-${seed.theorySessionId}-${room1.id}`).click();
  const change = page.getByRole('dialog');
  await change.getByText('对调（与本场次其他考场人员互换）').click();
  await pickOption(change.getByLabel('被调整人员'), page.locator(`.ant-select-item-option[title="${trainer.name}"]`), trainer.name);
  await pickOption(change.getByLabel('换上 / 对调人员'), page.locator(`.ant-select-item-option[title="${other.name}（${room2.code}）"]`), other.name);
  await expect(page.getByTestId('change-check')).toContainText(`【S3】${trainer.name} 培训了（或亲属）该考场1名考生，须回避理论知识考试 ${room2.code}`);
  await change.getByLabel('调整原因（必填）').fill('身体不适');
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-error')).toContainText('不能调整');
  await expect(page.getByTestId('change-error')).toContainText(`【S3】${trainer.name} 培训了（或亲属）该考场1名考生，须回避理论知识考试 ${room2.code}`);
  const after = await consoleApp.call<Board>('draw.board', { batchId: seed.batchId }, token);
  expect(after.sessions.find((s) => s.id === seed.theorySessionId)!.rooms[0]!.proctors).toEqual(room1.proctors);
  const refused = sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'draw.change' AND outcome = 'refused'").get() as { n: number };
  expect(refused.n).toBe(1);
  await page.screenshot({ path: 'test-results/screens/draw-change-refused.png' });
  expect(pageErrors).toEqual([]);
});
