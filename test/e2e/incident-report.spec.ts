// The supervisor's report (S8, 003 附件10) and the dashboard, from the demo day drawn with an incident
// ruled (and the ruling changed to a warning) and a bag with a broken seal recorded: the report shows
// them prefilled, is signed, its xlsx converts with LibreOffice and it prints; the dashboard shows
// the room's open incident.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incidentRoom, recordCribNotes, registerRecording, signInAs } from '../support/incidents-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('the report shows the incidents prefilled, is signed, its xlsx converts and it prints; the dashboard shows the open one', async ({ page, consoleApp }) => {
  const day = consoleApp.day!;
  const r = incidentRoom(consoleApp);
  await registerRecording(consoleApp, r, await consoleApp.setupSite());
  const incidentId = await recordCribNotes(consoleApp, r);
  const proctor = await consoleApp.signIn(r.proctorA.staffNo, undefined, 'proctor');
  await consoleApp.call('events.record', { kind: 'bag_received', sessionId: r.sessionId, roomId: r.roomId, occupationCode: '6-18-01-01', level: 4, count: 30, sealIntact: false, note: '' }, proctor);
  const sup = await consoleApp.signIn(r.supervisor.staffNo, undefined, 'supervisor');
  const first = await consoleApp.call<{ rulingId: number }>('incidents.rule', { incidentId, decision: 'subject_void', reason: '夹带属实，该科目成绩无效', pin: day.staffPin }, sup);
  await consoleApp.call('incidents.supersede', { incidentId, rulingId: first.rulingId, decision: 'warning', reason: '复核录像：纸条未被使用，改为警告', pin: day.staffPin }, sup);

  await signInAs(page, consoleApp.url, r.supervisor.staffNo, day.staffPin, '督导员');
  await page.goto(`${consoleApp.url}/#/incidents/report`);
  await expect(page.getByTestId('report-incident').first()).toContainText('警告（复核录像');
  await expect(page.getByTestId('report-opinion')).toContainText('记录违纪 2 起');
  await page.getByTestId('report-unit').fill('枣庄市职业技能鉴定中心');
  await page.getByTestId('report-pin').fill(day.staffPin);
  await page.getByTestId('report-sign').click();
  await expect(page.getByTestId('report-signed')).toContainText(r.supervisor.name);
  await page.screenshot({ path: 'test-results/screens/incident-report.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const dir = mkdtempSync(join(tmpdir(), 'esc-report-'));
  try {
    const xlsx = join(dir, 'report.xlsx');
    await (await download).saveAs(xlsx);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 90_000 });
    expect(existsSync(join(dir, 'report.pdf'))).toBe(true);
    expect(statSync(join(dir, 'report.pdf')).size).toBeGreaterThan(5000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.getByTestId('report-print').click();
  await expect(page.getByTestId('report-sheet')).toContainText('☑部分有问题');
  await page.screenshot({ path: 'test-results/screens/incident-report-print.png', fullPage: true });

  // the dashboard shows the room's open bag incident (the notes are ruled)
  await page.goto(`${consoleApp.url}/#/incidents/dashboard`);
  await expect(page.getByTestId(`dash-open-${r.sessionId}-${r.roomId}`)).toHaveText('1');
  await page.screenshot({ path: 'test-results/screens/incident-dashboard.png' });
});
