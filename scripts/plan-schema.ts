// `npx tsx scripts/plan-schema.ts`: writes resources/plan-package.schema.json from the zod schema
// in electron/services/plan/format.ts (a unit test fails when the committed file is stale).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planJsonSchema } from '../electron/services/plan/format';

const file = fileURLToPath(new URL('../resources/plan-package.schema.json', import.meta.url));
writeFileSync(file, JSON.stringify(planJsonSchema(), null, 2) + '\n');
console.log(`wrote ${file}`);
