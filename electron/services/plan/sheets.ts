// The workbook form of the plan package: sheet and column names follow the seeds' forms
// (技工院校学生学籍统计表, 职业技能等级认定申报表, 考场安排表, 实施方案). One definition serves the
// reader, the template and the export, so the three never drift apart.

export interface ColumnDef {
  key: string;
  header: string;
  /** other headers that mean the same (the official forms vary between provinces) */
  aliases?: readonly string[];
  required?: boolean;
  width?: number;
  /** text-formatted in the template so Excel never turns 370402… into 3.70402E+17 */
  text?: boolean;
  note?: string;
}

export interface SheetDef {
  name: string;
  aliases: readonly string[];
  columns: readonly ColumnDef[];
}

export const BATCH_SHEET = '批次信息';
/** The batch sheet is key/value: one row per field (项目 | 内容). */
export const BATCH_FIELDS = [
  { key: 'version', header: '格式版本', note: '本工作簿的格式版本，现为 1' },
  { key: 'name', header: '认定计划名称', aliases: ['计划名称'], required: true, note: '如 20260521XXX(机构名称)第1期社会化评价（P5）' },
  { key: 'planCode', header: '计划编号', aliases: ['认定计划编号', '批次编号'], required: true },
  { key: 'examDate', header: '认定日期', aliases: ['认定时间', '考试日期'], required: true, note: 'YYYY-MM-DD' },
  { key: 'orgName', header: '机构名称', aliases: ['评价机构名称'], required: true },
  { key: 'orgCode', header: '机构编码', required: true },
  { key: 'orgType', header: '机构类型', required: true, note: '技工院校 / 职业学校 / 自主评价企业 / 社会培训评价组织' },
  { key: 'levelCap', header: '备案最高等级', aliases: ['备案等级上限'], note: '1–5；留空按机构类型（P4）' },
] as const satisfies readonly ColumnDef[];

export const SUBJECT_SHEET: SheetDef = {
  name: '认定科目',
  aliases: ['科目'],
  columns: [
    { key: 'code', header: '科目代码', required: true, width: 12 },
    { key: 'occupationName', header: '职业名称', aliases: ['职业'], required: true, width: 14 },
    { key: 'occupationCode', header: '职业编码', aliases: ['职业(工种)编码'], required: true, width: 14, text: true },
    { key: 'workTypeName', header: '工种名称', aliases: ['工种'], width: 14 },
    { key: 'workTypeCode', header: '工种编码', width: 16, text: true },
    { key: 'level', header: '技能等级', aliases: ['认定等级', '等级'], required: true, width: 12 },
    { key: 'kind', header: '认定科目', aliases: ['科目类别', '考核科目'], required: true, width: 14, note: '理论 / 技能 / 综合评审' },
    { key: 'mode', header: '考核方式', required: true, width: 12, note: '纸笔作答 / 上机考试 / 实际操作 / 口头答辩 / 项目评定 / 业绩评审（P6）' },
  ],
};

export const ROOM_SHEET: SheetDef = {
  name: '考场',
  aliases: ['考场设置'],
  columns: [
    { key: 'code', header: '考场', aliases: ['考场名称', '考场序号'], required: true, width: 12 },
    { key: 'kind', header: '考场类型', required: true, width: 12, note: '理论考场 / 机房 / 技能考场 / 综合评审考场' },
    { key: 'building', header: '楼号', aliases: ['几号楼'], required: true, width: 12 },
    { key: 'floor', header: '楼层', aliases: ['几层'], required: true, width: 8 },
    { key: 'roomNo', header: '房间号', aliases: ['房间'], required: true, width: 10 },
    { key: 'seats', header: '座位数', aliases: ['工位数', '容量'], required: true, width: 8 },
  ],
};

export const SESSION_SHEET: SheetDef = {
  name: '场次',
  aliases: ['考试场次'],
  columns: [
    { key: 'code', header: '场次代码', required: true, width: 12 },
    { key: 'name', header: '场次名称', required: true, width: 24 },
    { key: 'subject', header: '科目代码', required: true, width: 12 },
    { key: 'startsAt', header: '开始时间', required: true, width: 18, text: true, note: 'YYYY-MM-DD HH:mm（北京时间）' },
    { key: 'endsAt', header: '结束时间', required: true, width: 18, text: true },
    { key: 'rooms', header: '考场', required: true, width: 30, note: '多个考场用顿号分隔' },
    { key: 'proctorsPerRoom', header: '每考场监考人数', width: 10, note: '至少 2（S2）' },
    { key: 'examinersPerRoom', header: '每考场考评员人数', width: 10, note: '技能、综合评审：3 人以上单数（S5）' },
  ],
};

export const CANDIDATE_SHEET: SheetDef = {
  name: '考生',
  aliases: ['技工院校学生学籍统计表', '学籍统计表', '申报表', '考生名单', '考生信息'],
  columns: [
    { key: 'seq', header: '序号', width: 6 },
    { key: 'name', header: '姓名', aliases: ['申报人姓名', '考生姓名'], required: true, width: 10 },
    { key: 'gender', header: '性别', required: true, width: 6 },
    { key: 'docType', header: '证件类型', width: 14, note: '留空即居民身份证（P8）' },
    { key: 'docNumber', header: '证件号码', aliases: ['证件号码(注册学籍号)', '身份证号', '身份证号码'], required: true, width: 21, text: true },
    { key: 'birthDate', header: '出生日期', width: 12, text: true },
    { key: 'ethnicity', header: '民族', width: 8 },
    { key: 'education', header: '文化程度', aliases: ['学历'], width: 12 },
    { key: 'major', header: '所学专业', aliases: ['专业'], width: 14 },
    { key: 'phone', header: '联系电话', aliases: ['手机号码', '手机'], width: 14, text: true },
    { key: 'occupationName', header: '职业名称', aliases: ['申报职业'], required: true, width: 12 },
    { key: 'workTypeName', header: '工种名称', aliases: ['工种', '工种方向'], width: 12 },
    { key: 'level', header: '技能等级', aliases: ['申报等级', '等级'], required: true, width: 12 },
    { key: 'modes', header: '考核方式', width: 18 },
    { key: 'subjects', header: '考核科目', aliases: ['申报科目'], required: true, width: 12, note: '理论、技能、综合' },
    { key: 'workUnit', header: '工作单位', aliases: ['所在单位'], width: 20 },
    { key: 'category', header: '考生类别', width: 10, note: '院校学生 / 社会人员 / 其他' },
    { key: 'ticketNo', header: '准考证号', aliases: ['考号'], required: true, width: 16, text: true },
  ],
};

export const SEAT_SHEET: SheetDef = {
  name: '考场安排',
  aliases: ['考场安排表'],
  columns: [
    { key: 'ticketNo', header: '准考证号', aliases: ['考号'], required: true, width: 16, text: true },
    { key: 'name', header: '姓名', width: 10 },
    { key: 'session', header: '场次代码', required: true, width: 12 },
    { key: 'room', header: '考场', required: true, width: 12 },
    { key: 'seat', header: '座号', aliases: ['座位号', '工位号'], width: 8, text: true },
    { key: 'retake', header: '新考/补考', aliases: ['考试类型'], width: 10, note: '留空即新考（P12）' },
  ],
};

export const STAFF_SHEET: SheetDef = {
  name: '工作人员',
  aliases: ['考务人员', '人员'],
  columns: [
    { key: 'staffNo', header: '工号', required: true, width: 10, text: true },
    { key: 'name', header: '姓名', required: true, width: 10 },
    { key: 'gender', header: '性别', width: 6 },
    { key: 'workUnit', header: '工作单位', width: 20 },
    { key: 'phone', header: '联系电话', width: 14, text: true },
    { key: 'roles', header: '角色', aliases: ['岗位'], required: true, width: 16, note: '监考人员 / 考评员 / 考评组长 / 督导员 / 登分人员（S7：不得交叉兼任）' },
    { key: 'examinerGrade', header: '考评员等级', width: 12, note: '考评员（三级及以下）/ 高级考评员（S6）' },
    { key: 'sessions', header: '考评场次', width: 16, note: '可选：考评员参加的场次代码' },
    { key: 'trained', header: '培训考生准考证号', aliases: ['培训考生'], width: 24, note: '回避（S3）：本人培训过的考生' },
  ],
};

export const DATA_SHEETS: readonly SheetDef[] = [SUBJECT_SHEET, ROOM_SHEET, SESSION_SHEET, CANDIDATE_SHEET, SEAT_SHEET, STAFF_SHEET];

/** Header text as typed in forms: no spaces, line breaks or full-width parentheses differences. */
export function normHeader(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export function sheetFor(name: string): SheetDef | 'batch' | null {
  const n = normHeader(name.replace(/\.(csv|txt)$/i, ''));
  if (n === BATCH_SHEET || n === '批次' || n === '认定计划') return 'batch';
  return DATA_SHEETS.find((s) => s.name === n || s.aliases.includes(n)) ?? null;
}

export function headerKey(def: SheetDef, header: string): string | null {
  const h = normHeader(header);
  const col = def.columns.find((c) => c.header === h || (c.aliases ?? []).some((a) => normHeader(a) === h));
  return col?.key ?? null;
}

export function columnHeader(def: SheetDef, key: string): string {
  return def.columns.find((c) => c.key === key)?.header ?? key;
}
