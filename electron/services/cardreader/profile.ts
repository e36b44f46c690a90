// A vendor local service's profile (E3): where the reader's software answers and where in its JSON
// the card's fields are. Vendors differ (华视, 神思, 精伦, 新中新… each has its own service and JSON), so
// the site head writes the profile once from the vendor's manual; the console then reads any of them
// the same way. Stored as canonical JSON in card_reader_profiles, checked by this schema on the way
// in and again on the way out (a profile that no longer parses is refused, never half-used).
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';

/** A path into the service's JSON: dot-separated keys and array indexes, e.g. `data.info.idnum` or `result[0].photo`. */
const fieldPath = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\p{L}\p{N}_$-]+(\[\d{1,3}\])*(\.[\p{L}\p{N}_$-]+(\[\d{1,3}\])*)*$/u, '字段路径格式不正确（例如 data.idnum 或 list[0].name）');

export const vendorProfileSchema = z.object({
  /** http(s):// for a request/answer service, ws(s):// for a socket that answers one message */
  url: z
    .string()
    .trim()
    .max(500)
    .url('请填写读卡服务地址（http://… 或 ws://…）')
    .refine((u) => /^(https?|wss?):\/\//i.test(u), '读卡服务地址须以 http://、https://、ws:// 或 wss:// 开头'),
  method: z.enum(['GET', 'POST']).default('GET'),
  /** the request body (POST) or the message sent on the socket; often a JSON command from the vendor's manual */
  body: z.string().max(4000).default(''),
  timeoutMs: z.number().int().min(500).max(20_000).default(5000),
  fields: z.object({
    number: fieldPath,
    name: fieldPath.optional(),
    sex: fieldPath.optional(),
    birthDate: fieldPath.optional(),
    /** base64 of the chip photo (a data: URL also does) */
    photo: fieldPath.optional(),
  }),
  /** when set, the answer is a read only if the value at `path` equals `equals` (e.g. resultFlag = 0) */
  success: z.object({ path: fieldPath, equals: z.union([z.string().max(100), z.number()]) }).optional(),
  /** where the service's own message is when it refuses (no card on the reader…), shown to the proctor */
  message: fieldPath.optional(),
});
export type VendorProfile = z.infer<typeof vendorProfileSchema>;

export const profileName = z.string().trim().min(1, '请填写读卡器名称').max(60);

/** The value at a path in parsed JSON, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    const steps: (string | number)[] = [m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
    for (const s of steps) {
      if (cur === null || typeof cur !== 'object') return undefined;
      if (typeof s === 'number') {
        if (!Array.isArray(cur)) return undefined;
        cur = cur[s];
      } else {
        if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
        cur = (cur as Record<string, unknown>)[s];
      }
    }
  }
  return cur;
}

export interface ProfileRow {
  id: number;
  name: string;
  active: boolean;
  profile: VendorProfile;
  updatedAt: string;
}

interface RawRow {
  id: number;
  name: string;
  config: string;
  active: number;
  updatedAt: string;
}

function parseRow(r: RawRow): ProfileRow {
  const parsed = vendorProfileSchema.safeParse(JSON.parse(r.config));
  if (!parsed.success) throw new AppError('CONFLICT', 'cardreader.profileBroken', { name: r.name });
  return { id: r.id, name: r.name, active: r.active === 1, profile: parsed.data, updatedAt: r.updatedAt };
}

const SELECT = 'SELECT id, name, config, active, updated_at AS updatedAt FROM card_reader_profiles';

/** Every profile (the site head's list); the door lists only the active ones, without their settings. */
export function listProfiles(ctx: Pick<ReadContext, 'sqlite'>): ProfileRow[] {
  return ctx.sqlite.prepare<[], RawRow>(`${SELECT} ORDER BY name`).all().map(parseRow);
}

export function profileById(ctx: Pick<ReadContext, 'sqlite'>, id: number): ProfileRow {
  const r = ctx.sqlite.prepare<[number], RawRow>(`${SELECT} WHERE id = ?`).get(id);
  if (!r) throw new AppError('NOT_FOUND', 'cardreader.noProfile', { id });
  return parseRow(r);
}

/** Creates or replaces a profile (site head); the name is unique. */
export function saveProfile(ctx: ServiceContext, input: { id?: number | undefined; name: string; active: boolean; profile: VendorProfile }) {
  const by = actorOf(ctx).staffId;
  const at = nowIso(ctx);
  const config = canonicalJson(input.profile);
  const clash = ctx.sqlite.prepare<[string, number], { id: number }>('SELECT id FROM card_reader_profiles WHERE name = ? AND id <> ?').get(input.name, input.id ?? 0);
  if (clash) throw new AppError('CONFLICT', 'cardreader.profileNameTaken', { name: input.name });
  let id: number;
  let before: ProfileRow | null = null;
  if (input.id !== undefined) {
    before = profileById(ctx, input.id);
    ctx.sqlite.prepare<[string, string, number, string, number, number]>('UPDATE card_reader_profiles SET name = ?, config = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(input.name, config, input.active ? 1 : 0, at, by, input.id);
    id = input.id;
  } else {
    id = Number(ctx.sqlite.prepare<[string, string, number, string, number]>('INSERT INTO card_reader_profiles (name, config, active, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(input.name, config, input.active ? 1 : 0, at, by).lastInsertRowid);
  }
  ctx.note({ subject: { cardReaderProfile: id }, before: before && { name: before.name, active: before.active, profile: before.profile }, after: { name: input.name, active: input.active, profile: input.profile } });
  return { id };
}
