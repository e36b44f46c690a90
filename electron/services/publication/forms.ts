// G5, G6: the publication's forms as xlsx: 公示名单 (masked ID numbers, the sealed version it shows)
// and the 职业技能等级认定公示结果确认单 (one worksheet per occupation and level, as in 附件11).
import ExcelJS from 'exceljs';
import type { ReadContext } from '../context';
import { addRows, batchHead, grid, title } from '../results/xlsx';
import { confirmationSheets } from './confirmation';
import { publicationsOf } from './lifecycle';
import { publicationList, sealedVersion } from './list';

/** 公示名单 (G5): masked ID numbers. A list not yet published is the sealed version's (refused, saying why, before the seal). */
export async function publicationWorkbook(ctx: Pick<ReadContext, 'sqlite'>, batchId: number, publicationId?: number): Promise<Buffer> {
  const { sqlite } = ctx;
  const b = batchHead(sqlite, batchId);
  const pub = publicationId ? publicationsOf(sqlite, batchId).find((p) => p.id === publicationId) : undefined;
  const rows = pub ? pub.snapshot : publicationList(sealedVersion(sqlite, batchId).results);
  const labels = [...new Set(rows.flatMap((r) => r.subjects.map((s) => s.label)))];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  const header = ['序号', '姓名', '证件号码', '职业（工种）', '等级', ...labels, '是否通过'];
  title(ws, `${b.orgName}职业技能等级认定结果公示`, header.length);
  if (pub) addRows(ws, [[`公示期：${pub.startDate} 至 ${pub.endDate}（5 个工作日）${pub.version ? `　公示依据：封存第 ${pub.version} 版（SHA-256 ${(pub.hash ?? '').slice(0, 16)}…）` : ''}`]]);
  const start = ws.rowCount + 1;
  addRows(ws, [header]);
  ws.getRow(ws.rowCount).font = { bold: true };
  rows.forEach((r, i) => addRows(ws, [[i + 1, r.name, r.docMasked, r.occupation, r.level, ...labels.map((l) => r.subjects.find((s) => s.label === l)?.result ?? '—'), r.passed]]));
  grid(ws, start);
  ws.columns.forEach((c, i) => (c.width = [6, 12, 22, 22, 14][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 职业技能等级认定公示结果确认单: one worksheet per occupation and level, as in 附件11. */
export async function confirmationWorkbook(ctx: Pick<ReadContext, 'sqlite' | 'clock'>, publicationId: number): Promise<Buffer> {
  const sheets = confirmationSheets(ctx, publicationId);
  const wb = new ExcelJS.Workbook();
  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(`确认单${i + 1}`);
    title(ws, '职业技能等级认定公示结果确认单', 4);
    addRows(ws, [['评价机构名称', s.orgName, '', ''], ['认定计划号', s.planCode, '', ''], ['认定职业', s.occupation, '认定等级', s.level], [s.names.join('、')], [s.sentence], [], ['评价机构负责人（签名）：'], ['评价机构（盖章）：', '', '日期：    年  月  日']]);
    ws.getColumn(1).width = 18;
    ws.getColumn(2).width = 36;
    ws.getColumn(3).width = 12;
    ws.getColumn(4).width = 18;
    for (const r of [5, 6]) {
      ws.mergeCells(r, 1, r, 4);
      ws.getRow(r).getCell(1).alignment = { wrapText: true };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
