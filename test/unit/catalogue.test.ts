// Services return codes, the renderer words them: every reason a service raises has a zh-CN and
// an English wording, and the English catalogue holds no Chinese sentences.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS, zhCN } from '../../renderer/src/i18n/catalogue';
import { describeError } from '../../renderer/src/i18n';
import { AppError } from '../../electron/services/errors';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** every coded reason raised in the Node side: new AppError('CODE', 'area.reason' … */
function raisedReasons(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of tsFiles('electron')) {
    // code only: comments show the form with examples
    const src = readFileSync(f, 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)).join('\n');
    for (const m of src.matchAll(/new AppError\(\s*'[A-Z_]+',\s*'([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)'/g)) out.set(m[1]!, f);
  }
  return out;
}

const zh = zhCN as Record<string, string>;
const en = enUS as Record<string, string>;

describe('catalogue', () => {
  it('words every reason a service raises, in zh-CN and en', () => {
    const reasons = raisedReasons();
    expect(reasons.size).toBeGreaterThan(0);
    const missing = [...reasons].filter(([r]) => !zh[`error.${r}`] || !en[`error.${r}`]).map(([r, f]) => `${r} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has no Chinese in the English catalogue', () => {
    const han = /[\u3400-\u9fff\u{20000}-\u{2ffff}]/u;
    // the language switch names the other language in its own script; the plan workbook's own sheet and column names, which an English user must still find in the file
    const allowed = (key: string) => key === 'lang.switch' || key.startsWith('plan.workbook.') || key.startsWith('plan.sheet.');
    const chinese = Object.entries(en).filter(([k, v]) => han.test(v) && !allowed(k)).map(([k]) => k);
    expect(chinese).toEqual([]);
  });

  it('words a coded error with its params, a word param in the UI language', () => {
    const e = new AppError('CONFLICT', 'batch.wrongStatus', { status: '@batch.status.sealed', batchId: 1 }).toData();
    expect(describeError('zh-CN', e)).toBe('该批次当前为“已封存”，不能执行此操作。');
    expect(describeError('en', e)).toBe('The batch is "Sealed"; this cannot be done now.');
    expect(e.reason).toBe('batch.wrongStatus');
    // an unknown reason still reads as a sentence: the code's general wording
    expect(describeError('en', new AppError('NOT_FOUND', 'nowhere.unknownReason').toData())).toBe('No such record.');
  });
});
