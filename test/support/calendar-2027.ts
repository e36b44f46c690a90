// A plausible official schedule for 2027 as a site would load it (G5): the long breaks with their
// weekends, two make-up working days. Shared by the unit and e2e tests of the calendar load.
const range = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });

export const HOLIDAYS_2027: readonly string[] = [
  ...range('2027-01-01', 3), // 元旦
  ...range('2027-02-05', 8), // 春节
  ...range('2027-04-03', 3), // 清明
  ...range('2027-05-01', 5), // 劳动节
  ...range('2027-06-09', 3), // 端午
  ...range('2027-09-15', 3), // 中秋
  ...range('2027-10-01', 7), // 国庆
];
export const WORKDAYS_2027: readonly string[] = ['2027-02-14', '2027-10-09'];

export const SCHEDULE_2027 = { year: 2027, holidays: [...HOLIDAYS_2027], workdays: [...WORKDAYS_2027], source: '国务院办公厅关于2027年部分节假日安排的通知' };
