// Transitional shim: the publication (公示) moved to electron/services/publication/ (list, lifecycle,
// objections, confirmation, gate, forms). The seal and sync areas, their tests and the sync bench
// still import these names from here while their own move is under way; the integrator removes
// this file once nothing imports it. New code imports from ../publication/*.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { schema, type Sqlite } from '../../../db';
import { serviceContext } from '../context';
import { openPublication as openPublicationCtx } from '../publication/lifecycle';
import { uploadGate as uploadGateCtx, type HoldCode, type UploadGate as Gate } from '../publication/gate';

export { publicationList, packageResults, sealedVersion, publicationBasis, type PublicationRow, type PublishedResult } from '../publication/list';
export type { HoldCode };

/** @deprecated the gate with the Chinese lines it used to carry; use publication/gate.ts's uploadGate(ctx, batchId) and its holds */
export type UploadGate = Gate & { reasons: string[] };

const HOLD_ZH: Record<HoldCode, (p: Record<string, string | number>) => string> = {
  amending: () => '本批次正在修订：签名封存修订版本并补充公示后方可上报。',
  notPublished: () => '成绩尚未公示（G5）：公示 5 个工作日期满且无异议后方可上报省平台。',
  periodRunning: (p) => `公示期至 ${p.end} 结束（G5），期满后方可上报。`,
  supplementRunning: (p) => `补充公示期至 ${p.end} 结束（G5），期满后方可上报。`,
  objectionsOpen: (p) => `尚有 ${p.n} 条异议未处理完毕（G5）。`,
  republishPending: (p) => `${p.n} 项重新评定的成绩尚待补充公示（G5）。`,
  changedUnpublished: (p) => `第 ${p.version} 版改变了 ${p.n} 名考生已公示的结果，请先补充公示（G5）。`,
};

/** @deprecated (sqlite, batchId, today): use uploadGate(ctx, batchId) from publication/gate.ts */
export function uploadGate(sqlite: Sqlite, batchId: number, today: string): UploadGate {
  const gate = uploadGateCtx({ sqlite, clock: { now: () => new Date(`${today}T12:00:00+08:00`) } }, batchId);
  return { ...gate, reasons: gate.holds.map((h) => HOLD_ZH[h.code](h.params)) };
}

/** @deprecated (sqlite, batchId, startDate, at, by): use openPublication(ctx, input) from publication/lifecycle.ts */
export function openPublication(sqlite: Sqlite, batchId: number, startDate: string, at: string, by: number) {
  const ctx = serviceContext({ db: drizzle(sqlite, { schema }), sqlite }, { clock: { now: () => new Date(at) }, actor: { staffId: by, staffNo: '', name: '', role: 'site_head' } });
  return openPublicationCtx(ctx, { batchId, startDate });
}
