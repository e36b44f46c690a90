// `npm run verify -- --data <dir>`: PRAGMA integrity_check, the whole audit chain, every sealed
// package and each batch's latest package against the database (DOMAIN A1). Exits 0 when all
// hold; otherwise 1, naming the first bad event and every bad package; 2 when it cannot open the
// folder. The database is encrypted: the key comes from ESC_DB_KEY, or the recovery code from
// ESC_RECOVERY_CODE, or the code typed at the prompt (on a terminal).
// `npm run verify -- --archive <file.zip>`: one archive package (DOMAIN A2) without any database:
// BagIt hashes both ways, Payload-Oxum, the files the profile requires, the sealed packages'
// signatures and the audit trail's chain. Exits 1 naming what is wrong.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { DB_FILE, defaultDataDir } from '../electron/app';
import { integrityCheck, verifyChain } from '../electron/services/audit';
import { readContext } from '../electron/services/context';
import type { Issue } from '../electron/services/errors';
import { driftIssue, verifySealedContent } from '../electron/services/seal/drift';
import { lifecycleProblems } from '../electron/services/seal/integrity';
import { verifySeals } from '../electron/services/seal/package';
import { verifyArchive } from '../electron/services/records/archive';
import { enUS, zhCN } from '../renderer/src/i18n/catalogue';
import { isPlainSqliteFile, openDatabase } from '../db';
import { keyForFolder } from '../electron/services/vault/vault';

/** A seal problem in both languages, worded by the console's catalogue (seal.problem.*). */
function bilingual(p: Issue): string {
  const fill = (table: Record<string, string>) =>
    (table[`seal.problem.${p.reason}`] ?? p.reason).replace(/\{(\w+)\}/g, (m, k: string) => {
      if (!p.params || !(k in p.params)) return m;
      const v = String(p.params[k]);
      return v.startsWith('@') ? (table[v.slice(1)] ?? v) : v;
    });
  return `${fill(zhCN)} / ${fill(enUS)}`;
}

const { values } = parseArgs({ options: { data: { type: 'string' }, archive: { type: 'string' } } });
if (values.archive !== undefined) {
  const file = resolve(values.archive);
  if (!existsSync(file)) {
    console.error(`找不到档案文件 / no archive file: ${file}`);
    process.exit(2);
  }
  const r = await verifyArchive(file);
  for (const p of r.problems) console.error(`档案有误 / archive problem [${p.code}]${p.path ? ` ${p.path}` : ''}: ${p.detail}`);
  if (r.ok) console.log(`档案完整 / archive ok: ${r.bagName} (${r.planCode ?? '?'}), ${r.files} files, manifest ${r.manifestSha256?.slice(0, 16)}…`);
  process.exit(r.ok ? 0 : 1);
}
const dataDir = resolve(values.data ?? defaultDataDir());
const file = join(dataDir, DB_FILE);
if (!existsSync(file)) {
  console.error(`找不到数据库 / no database: ${file}`);
  process.exit(2);
}
async function key(): Promise<Buffer | null> {
  if (isPlainSqliteFile(file)) {
    console.error('注意：数据库尚未加密（考点通下次启动时会先备份再加密）/ note: the database is not encrypted yet');
    return null;
  }
  let k = keyForFolder(dataDir);
  if (!k && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const code = await rl.question('恢复码 / recovery code: ');
    rl.close();
    k = keyForFolder(dataDir, { code });
  }
  if (!k) throw new Error('数据库已加密：请设置环境变量 ESC_RECOVERY_CODE（恢复码）或 ESC_DB_KEY 后重试。/ The database is encrypted: set ESC_RECOVERY_CODE (or ESC_DB_KEY).');
  return k;
}

let opened: ReturnType<typeof openDatabase>;
try {
  // Opening runs the same pragmas and the from-the-future check as the console; a wrong key or code is refused here
  opened = openDatabase(file, { key: await key() });
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const { sqlite } = opened;
try {
  const integrity = integrityCheck(sqlite);
  const chain = verifyChain(sqlite);
  if (integrity.length) console.error(`数据库完整性检查失败 / integrity_check: ${integrity.join('; ')}`);
  if (chain.ok) {
    console.log(`审计链完整 / audit chain ok: ${chain.count} events, head ${chain.headHash.slice(0, 16)}…`);
  } else {
    const why = { seqGap: `序号不连续：应为 ${chain.firstBad!.expectedSeq} / sequence gap`, prevHash: 'prev_hash 与上一事件不符 / prev_hash does not match the previous event', edited: '内容与 hash 不符（记录被改动）/ content does not match its hash (edited)', redactionUnbound: '脱敏记录与销毁台账不符 / a removed payload no destruction in the ledger vouches for' }[chain.firstBad!.reason];
    console.error(`审计链断裂 / audit chain broken at event #${chain.firstBad!.seq}: ${why}`);
  }
  // every sealed package and amendment, from its stored bytes
  const seals = verifySeals(sqlite);
  if (seals.ok) console.log(`封存包完整 / seals ok: ${seals.count} package(s)`);
  for (const b of seals.bad) console.error(`封存包被改动 / seal broken: batch #${b.batchId} v${b.version} ${b.hash.slice(0, 16)}…: ${b.problems.map(bilingual).join('; ')}`);
  // A1: each batch's latest sealed package against the results re-derived from the database
  // A4: a batch whose material was destroyed on schedule no longer matches its sealed package, by design
  const destroyed = new Set((sqlite.prepare('SELECT DISTINCT batch_id AS b FROM destructions').all() as { b: number }[]).map((r) => r.b));
  for (const b of destroyed) console.log(`批次 #${b} 已按销毁台账销毁部分资料，不再与封存包比对 / batch #${b}: material destroyed per the ledger, not compared`);
  const drift = verifySealedContent(readContext(opened)).filter((d) => !destroyed.has(d.batchId));
  for (const d of drift) {
    console.error(`封存后数据被改动 / sealed data changed: batch #${d.batchId} v${d.version} ${d.hash.slice(0, 16)}…: ${bilingual(driftIssue(d.drift))}`);
  }
  // S9/G7: each batch's status and any amendment in progress against the commands that made them
  const lifecycle = lifecycleProblems(sqlite);
  for (const l of lifecycle) console.error(`批次状态或修订被绕过命令改动 / changed outside its command: batch #${l.batchId}: ${bilingual(l.issue)}`);
  process.exitCode = integrity.length === 0 && chain.ok && seals.ok && drift.length === 0 && lifecycle.length === 0 ? 0 : 1;
} finally {
  opened.close();
}
