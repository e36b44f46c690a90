// Steps the incidents stories share, from the demo day drawn: the first theory session's first room,
// its two drawn proctors and the supervisor; each step through the command API over HTTP.
import { pickOption } from './antd-e2e';
import type { Page } from '@playwright/test';
import { expect, type ConsoleFixture, type DayFacts } from '../e2e/fixtures';

export interface IncidentRoom {
  sessionId: number;
  roomId: number;
  startsAt: string;
  proctorA: DayFacts['supervisor'];
  proctorB: DayFacts['supervisor'];
  supervisor: DayFacts['supervisor'];
  candidates: DayFacts['sessions'][number]['rooms'][number]['candidates'];
}

/** The room, with the clock at its start + 45 minutes (when the notes are seen on the desk). */
export function incidentRoom(c: ConsoleFixture): IncidentRoom {
  const day = c.day!;
  const session = day.sessions.find((s) => s.kind === 'theory')!;
  const room = session.rooms[0]!;
  c.clock.set(new Date(new Date(session.startsAt).getTime() + 45 * 60_000));
  return { sessionId: session.id, roomId: room.id, startsAt: session.startsAt, proctorA: room.proctors[0]!, proctorB: room.proctors[1]!, supervisor: day.supervisor, candidates: room.candidates };
}

/** R4: the room's recording, registered by the site head. */
export async function registerRecording(c: ConsoleFixture, r: IncidentRoom, head: string): Promise<void> {
  await c.call('monitoring.add', { sessionId: r.sessionId, roomId: r.roomId, channel: 'NVR-1 通道03', fileName: 'kc01_0900-1030.mp4', startsAt: r.startsAt, endsAt: new Date(new Date(r.startsAt).getTime() + 90 * 60_000).toISOString() }, head);
}

/** E6: proctor A records notes on the first candidate's desk (夹带), proctor B signs with the PIN. */
export async function recordCribNotes(c: ConsoleFixture, r: IncidentRoom): Promise<number> {
  const token = await c.signIn(r.proctorA.staffNo, undefined, 'proctor');
  const out = await c.call<{ incidentId: number }>(
    'incidents.record',
    { sessionId: r.sessionId, roomId: r.roomId, subjectType: 'candidate', candidateId: r.candidates[0]!.id, kind: 'crib_notes', description: '开考后 45 分钟发现该考生桌面压有写满公式的纸条', witnesses: '邻座考生', second: { staffNo: r.proctorB.staffNo, pin: c.day!.staffPin } },
    token,
  );
  return out.incidentId;
}

/** Signs in on the sign-in page choosing the role (staff with more than one role pick one). */
export async function signInAs(page: Page, url: string, staffNo: string, pin: string, roleLabel: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('PIN').fill(pin);
  await pickOption(page.getByLabel('角色'), page.locator('.ant-select-item-option').getByText(roleLabel, { exact: true }), roleLabel);
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  await expect(page.getByTestId('whoami')).toBeVisible();
}
