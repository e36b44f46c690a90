// The little of fontkit (pdfkit's own font engine) the PDF forms use: glyph coverage per code point.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(filename: string, postscriptName?: string): Font;
}
