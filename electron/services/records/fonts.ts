// CJK fonts for the PDF forms (PDF/A needs every font embedded). Names may hold characters beyond
// the common set (P11, CJK Extension B and later), so each character takes the first font that has
// its glyph: Noto Sans CJK SC for the text, then Hanazono Mincho A/B (Extension A/B and beyond).
// On Windows the system's SimSun / SimSun-ExtB / Microsoft YaHei serve. ESC_PDF_FONTS (paths joined
// by the OS path delimiter, each `file` or `file#PostScriptName`) comes first when set, and so do
// font files under resources/fonts/.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { AppError } from '../errors';

export interface PdfFont {
  /** the name registered with pdfkit */
  key: string;
  file: string;
  postscriptName: string | undefined;
  font: fontkit.Font;
}

const SYSTEM: readonly (readonly [string, string | undefined])[] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/hanazono/HanaMinA.ttf', undefined],
  ['/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', undefined],
  ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei'],
  ['C:\\Windows\\Fonts\\simsun.ttc', 'SimSun'],
  ['C:\\Windows\\Fonts\\simsunb.ttf', undefined],
];

function resourceFonts(): [string, string | undefined][] {
  const dir = fileURLToPath(new URL('../../../resources/fonts', import.meta.url));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ttf|otf)$/i.test(f))
    .sort()
    .map((f) => [join(dir, f), undefined]);
}

function fromEnv(value: string | undefined): [string, string | undefined][] {
  if (!value) return [];
  return value
    .split(delimiter)
    .filter(Boolean)
    .map((s) => {
      const [file, name] = s.split('#');
      return [file!, name || undefined];
    });
}

let cached: PdfFont[] | null = null;

/** The fonts found on this machine, in the order characters try them. */
export function pdfFonts(): PdfFont[] {
  if (cached) return cached;
  const out: PdfFont[] = [];
  for (const [file, name] of [...fromEnv(process.env.ESC_PDF_FONTS), ...resourceFonts(), ...SYSTEM]) {
    if (!existsSync(file)) continue;
    try {
      const font = fontkit.openSync(file, name);
      if (typeof font.hasGlyphForCodePoint !== 'function') continue; // a collection without a name
      out.push({ key: `f${out.length}`, file, postscriptName: name, font });
    } catch {
      // unreadable or not a font: the next one serves
    }
  }
  if (out.length === 0) {
    throw new AppError('INTERNAL', 'records.noFont');
  }
  cached = out;
  return out;
}

/** The font for one code point; null when no font has it (the caller refuses, naming it). */
export function fontFor(codePoint: number, fonts: readonly PdfFont[]): PdfFont | null {
  // spaces and control characters take the first font (every font has a space)
  if (codePoint <= 0x20) return fonts[0]!;
  return fonts.find((f) => f.font.hasGlyphForCodePoint(codePoint)) ?? null;
}

export interface Run {
  font: PdfFont;
  text: string;
}

/** Splits text into runs of one font each; refuses a character no font can draw (P11: never a blank box). */
export function runsOf(text: string, fonts: readonly PdfFont[]): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = fontFor(cp, fonts);
    if (!f) {
      throw new AppError('INTERNAL', 'records.glyphMissing', { char: ch, codePoint: `U+${cp.toString(16).toUpperCase()}` });
    }
    const last = runs[runs.length - 1];
    if (last && last.font === f) last.text += ch;
    else runs.push({ font: f, text: ch });
  }
  return runs;
}
