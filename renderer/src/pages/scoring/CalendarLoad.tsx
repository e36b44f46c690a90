// G5: the work calendar takes a year's official holiday schedule as a JSON file. A file the console
// refuses (not JSON, dates outside the year, no holidays, implausible counts) is said under
// 放假安排文件 by its label; a year already loaded is replaced only after the site head has seen the
// difference; one request at a time, and a good load clears the refusal.
import { Button, Form, Typography, Upload, App } from 'antd';
import { ApiError, call } from '../../api/client';
import { errorData } from '../../api/hooks';
import { useFormErrors, type FieldAliases, type ReasonFields } from '../../components/useFormErrors';
import { useI18n } from '../../i18n';

/** every refusal of the schedule itself is about the file */
const REASONS: ReasonFields = {
  'results.calendarBadJson': 'schedule',
  'results.calendarOneYear': 'schedule',
  'results.calendarDatesOutside': 'schedule',
  'results.calendarNoHolidays': 'schedule',
  'results.calendarDuplicate': 'schedule',
  'results.calendarImplausible': 'schedule',
  'results.calendarBoth': 'schedule',
};
/** the schedule's own parts (an input check's paths) are shown under the file they came from */
const ALIASES: FieldAliases = { holidays: 'schedule', workdays: 'schedule', year: 'schedule', source: 'schedule' };

type Diff = Partial<Record<'holidaysAdded' | 'holidaysRemoved' | 'workdaysAdded' | 'workdaysRemoved', string[]>>;

export function CalendarLoad({ onLoaded }: { onLoaded: () => Promise<void> }) {
  const { t, te } = useI18n();
  const { message, modal } = App.useApp();
  const fe = useFormErrors({ schedule: 'pub.calendar.file' }, REASONS, ALIASES);

  const send = async (schedule: unknown, confirmReplace?: string): Promise<void> => {
    let replace: { hash: string; year: string; text: string; diff: Diff } | null = null;
    const r = await fe.run(async () => {
      try {
        // the file's own content: the console checks its shape (scheduleInput) and says what is wrong
        return await call('results.calendar.load', { schedule: schedule as never, ...(confirmReplace ? { confirmReplace } : {}) });
      } catch (e) {
        const err = errorData(e);
        if (err.reason === 'results.calendarReplaceConfirm' && typeof err.params?.hash === 'string') {
          replace = { hash: err.params.hash, year: String(err.params.year ?? ''), text: te(err), diff: (err.details ?? {}) as Diff };
          return null;
        }
        throw e;
      }
    });
    if (!r.ok) return;
    if (r.value) {
      void message.success(t('pub.calendar.loaded', { year: r.value.year, holidays: r.value.holidays, workdays: r.value.workdays }));
      await onLoaded();
      return;
    }
    const ask = replace as { hash: string; year: string; text: string; diff: Diff } | null;
    if (!ask) return;
    // G5: a year already loaded is replaced only after the site head has seen the difference
    modal.confirm({
      title: t('pub.calendar.replaceTitle', { year: ask.year }),
      okText: t('pub.calendar.replaceOk'),
      content: (
        <div data-testid="calendar-diff">
          <Typography.Paragraph>{ask.text}</Typography.Paragraph>
          {(['holidaysAdded', 'holidaysRemoved', 'workdaysAdded', 'workdaysRemoved'] as const).map((k) =>
            ask.diff[k]?.length ? (
              <div key={k}>
                {t(`pub.calendar.diff.${k}`)}：{ask.diff[k].join('、')}
              </div>
            ) : null,
          )}
        </div>
      ),
      onOk: () => send(schedule, ask.hash),
    });
  };

  const pick = async (f: File) => {
    if (fe.busy) return false;
    let doc: unknown;
    try {
      doc = JSON.parse(await f.text());
    } catch {
      // not JSON: said under the file like the console's own refusals, nothing sent
      await fe.run(() => Promise.reject(new ApiError({ code: 'BAD_INPUT', reason: 'results.calendarBadJson', message: t('pub.calendar.badJson'), messageEn: 'The file is not valid JSON.' })));
      return false;
    }
    await send(doc);
    return false;
  };

  return (
    <Form layout="vertical" data-testid="calendar-form">
      <Form.Item {...fe.item('schedule')} style={{ marginBottom: 0 }}>
        <Upload accept=".json" showUploadList={false} disabled={fe.busy} beforeUpload={(f) => pick(f)}>
          <Button size="small" loading={fe.busy} data-testid="calendar-load">
            {t('pub.calendar.load')}
          </Button>
        </Upload>
      </Form.Item>
      {fe.general && <Typography.Text type="danger" role="alert" data-testid="calendar-error">{fe.general}</Typography.Text>}
    </Form>
  );
}
