// P11: names with CJK Extension B characters (𠀋 𪚥) need a font that has them. The system's
// CJK font often stops at the basic block, so the door's pages list the extension fonts found on
// Windows (SimSun-ExtB, MingLiU-ExtB) and Linux (Noto CJK) as fallbacks, glyph by glyph.
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

export const RARE_NAME_FONTS =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', " +
  "'SimSun-ExtB', 'MingLiU-ExtB', 'Noto Serif CJK SC', 'Noto Sans Mono CJK SC', 'HanaMinB', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'";

export function RareNameFonts({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider theme={{ token: { fontFamily: RARE_NAME_FONTS } }}>
      <div style={{ fontFamily: RARE_NAME_FONTS }}>{children}</div>
    </ConfigProvider>
  );
}
