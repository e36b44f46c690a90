// `npx tsx scripts/demo-plan.ts`: writes the demo plan into resources/demo-plan — the workbook
// (demo-plan.xlsx), its photos (demo-photos.zip, named by ticket) and the same plan as a JSON
// package (demo-plan.json, photos left out); and the blank template (resources/plan-template.xlsx).
// Deterministic: the same generator seed every time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writePlanWorkbook } from '../electron/services/plan/writer';
import { writeZip } from '../electron/services/plan/zip';
import { facePhotos, generatePlan } from './plan/generate';

const out = fileURLToPath(new URL('../resources/demo-plan/', import.meta.url));
mkdirSync(out, { recursive: true });
const { pkg, photoOf } = generatePlan();
const faces = facePhotos();
writeFileSync(`${out}demo-plan.xlsx`, await writePlanWorkbook(pkg));
writeFileSync(`${out}demo-photos.zip`, await writeZip(pkg.candidates.map((c) => ({ name: `${c.ticketNo}.jpg`, data: faces[photoOf.get(c.ticketNo)!]! }))));
writeFileSync(`${out}demo-plan.json`, JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(`${out}../plan-template.xlsx`, await writePlanWorkbook(null));
console.log(`resources/demo-plan: ${pkg.candidates.length} 名考生, ${pkg.rooms.length} 个考场, ${pkg.sessions.length} 个场次, ${pkg.staff.length} 名工作人员`);
