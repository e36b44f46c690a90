// Run once: `npx tsx scripts/plan/make-faces.ts`. Draws 12 small head-and-shoulders placeholder
// photos, 144×192 (W×H, P13), colour on white, JPG well under 20 KB (P7), with Debian's Chromium
// (canvas → JPEG), since no JPEG encoder is installed. The demo-plan generator only copies the
// committed files (scripts/plan/faces/face-01.jpg … face-12.jpg), so it needs no image library.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';

const out = fileURLToPath(new URL('./faces/', import.meta.url));
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage();
// a string, not a function: tsx would add helpers (__name) the page does not have
const urls = (await page.evaluate(`(() => {
  const skins = ['#f1c27d', '#e0ac69', '#c68642', '#ffdbac', '#f6d1a8', '#d9a066'];
  const hairs = ['#1b1b1b', '#2b1d0e', '#3b2a1a', '#111111'];
  const shirts = ['#2f5597', '#7f7f7f', '#385723', '#833c0b', '#203864', '#595959'];
  const res = [];
  for (let i = 1; i <= 12; i++) {
    const c = document.createElement('canvas');
    c.width = 144;
    c.height = 192;
    const g = c.getContext('2d');
    const ell = (x, y, rx, ry, a0 = 0, a1 = Math.PI * 2) => {
      g.beginPath();
      g.ellipse(x, y, rx, ry, 0, a0, a1);
      g.fill();
    };
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 144, 192);
    const hair = hairs[(i * 3) % 4];
    const skin = skins[(i * 5) % 6];
    if (i % 3 === 0) {
      g.fillStyle = hair;
      g.beginPath();
      g.roundRect(34, 44, 76, 104, 30);
      g.fill();
    }
    g.fillStyle = shirts[(i * 7) % 6];
    ell(72, 204, 68, 56, Math.PI, Math.PI * 2);
    g.fillStyle = skin;
    g.fillRect(62, 116, 20, 34);
    ell(72, 92, 31, 39);
    g.fillStyle = hair;
    ell(72, 70, 34, 24 + (i % 4) * 2, Math.PI, Math.PI * 2);
    g.fillStyle = '#222222';
    ell(60, 92, 3, 3);
    ell(84, 92, 3, 3);
    g.strokeStyle = '#a0522d';
    g.lineWidth = 2;
    g.beginPath();
    g.arc(72, 106, 9, 0.2 * Math.PI, 0.8 * Math.PI);
    g.stroke();
    res.push(c.toDataURL('image/jpeg', 0.8));
  }
  return res;
})()`)) as string[];
urls.forEach((u, i) => {
  const buf = Buffer.from(u.split(',')[1]!, 'base64');
  writeFileSync(`${out}face-${String(i + 1).padStart(2, '0')}.jpg`, buf);
  console.log(`face-${i + 1}: ${buf.length} bytes`);
});
await browser.close();
