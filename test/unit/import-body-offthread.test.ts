// A file-carrying request body is read off the main thread (ARCHITECTURE: long work runs off the
// event loop; E3: the door keeps up with its queue). Over real HTTP, a plan import's JSON body of
// base64 files is parsed, digested for the audit trail (A1) and decoded by the import worker: the
// thread that serves the doors never parses that JSON nor builds a string of its size. Not timed:
// JSON.parse and JSON.stringify on this thread (where the server runs) are watched for body-sized
// work while the import is served; the import itself must still be whole and audited as before.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../electron/commands/registry';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { canonicalJson, sha256Hex } from '../../electron/services/canonical';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { decodeBodyOffThread } from '../../electron/workers/pool';
import { RawJsonBody } from '../../electron/workers/body';
import { generatePlan } from '../../scripts/plan/generate';
import { siteHead, testConsole } from './helpers';

function post(port: number, method: string, body: Buffer, token: string): Promise<{ status: number; json: { ok: boolean; data?: unknown; error?: { code: string; reason?: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { ok: boolean } }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The longest string JSON.parse was given and JSON.stringify made on this thread while `work` ran. */
async function watchJson<T>(work: () => Promise<T>): Promise<{ result: T; parsed: number; made: number; joined: number }> {
  const { parse, stringify } = JSON;
  const { concat } = Buffer;
  let parsed = 0;
  let made = 0;
  let joined = 0;
  // the largest buffer joined on this thread (a body joined whole here holds the doors for its copy)
  Buffer.concat = function (list: readonly Uint8Array[], totalLength?: number) {
    const out = concat.call(Buffer, list, totalLength);
    joined = Math.max(joined, out.length);
    return out;
  } as typeof Buffer.concat;
  JSON.parse = function (this: JSON, text: string, reviver?: Parameters<typeof parse>[1]) {
    parsed = Math.max(parsed, String(text).length);
    return parse.call(this, text, reviver) as unknown;
  } as typeof JSON.parse;
  JSON.stringify = function (this: JSON, ...args: Parameters<typeof stringify>) {
    const out = stringify.apply(this, args);
    made = Math.max(made, out?.length ?? 0);
    return out;
  } as typeof JSON.stringify;
  try {
    const result = await work();
    return { result, parsed, made, joined };
  } finally {
    JSON.parse = parse;
    JSON.stringify = stringify;
    Buffer.concat = concat;
  }
}

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('a file-carrying body is parsed and decoded on the import worker', () => {
  it('a plan import over HTTP: imported whole, its payload digest as before, and no body-sized JSON or buffer on the serving thread', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    server = await startHttpServer({ app: c.app, port: 0 });
    const { pkg } = generatePlan({ candidates: 1500, examDate: '2026-05-28' });
    const input = { files: [{ name: 'plan.xlsx', data: (await writePlanWorkbook(pkg)).toString('base64') }], confirm: false };
    const text = JSON.stringify(input);
    const body = Buffer.from(text);
    expect(body.length).toBeGreaterThan(100_000);

    const { result: r, parsed, made, joined } = await watchJson(() => post(server!.port, 'plan.import', body, head));

    expect(r.status, JSON.stringify(r.json.error)).toBe(200);
    expect((r.json.data as { counts: { candidates: number } }).counts.candidates).toBe(pkg.candidates.length);
    const { sqlite } = c.app.env.opened;
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(pkg.candidates.length);
    // A1: the event's payload digest is the one the dispatcher computes over the input as sent
    const event = sqlite.prepare("SELECT payload_digest AS d FROM audit_events WHERE command = 'plan.import' AND outcome = 'ok'").get() as { d: string };
    expect(event.d).toBe(sha256Hex(canonicalJson(redact(input))));
    // the serving thread saw only small JSON (the answer, other requests), nothing near the body's size,
    // and never joined the body's chunks: they went to the worker as they came
    expect(parsed).toBeLessThan(body.length / 10);
    expect(made).toBeLessThan(body.length / 10);
    expect(joined).toBeLessThan(body.length / 10);
  });

  it('the same over IPC (an input already parsed): its base64 is digested and decoded on the worker, the import whole', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    const { pkg } = generatePlan({ candidates: 1500, examDate: '2026-05-28' });
    const input = { files: [{ name: 'plan.xlsx', data: (await writePlanWorkbook(pkg)).toString('base64') }] };
    const size = input.files[0]!.data.length;

    const { result: r, made } = await watchJson(() => c.app.call({ method: 'plan.import', input, token: head, device: 'vitest' }));

    expect(r.ok, JSON.stringify(r)).toBe(true);
    const { sqlite } = c.app.env.opened;
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(pkg.candidates.length);
    const event = sqlite.prepare("SELECT payload_digest AS d FROM audit_events WHERE command = 'plan.import' AND outcome = 'ok'").get() as { d: string };
    expect(event.d).toBe(sha256Hex(canonicalJson(redact(input))));
    // the caller's input is left as it was handed in
    expect(typeof input.files[0]!.data).toBe('string');
    expect(made).toBeLessThan(size / 10);
  });

  it('a malformed or prototype-poisoning body is refused as malformed by the worker, with nothing written', async () => {
    const c = testConsole();
    const head = await siteHead(c);
    server = await startHttpServer({ app: c.app, port: 0 });
    const { sqlite } = c.app.env.opened;
    const events = () => (sqlite.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    const before = events();
    for (const text of ['{"files": [{"name": "plan.xlsx", "data": "AAAA"}', '{"files": [{"name": "plan.xlsx", "data": "AAAA"}], "__proto__": {"admin": true}}', '{"file": {"name": "x.csv", "data": "AAAA", "constructor": {"prototype": {}}}, "subjectId": 1}']) {
      const method = text.includes('"file":') ? 'theory.import' : 'plan.import';
      const r = await post(server.port, method, Buffer.from(text), head);
      expect(r.status, text).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'BAD_INPUT', reason: 'http.malformed' });
    }
    expect(events()).toBe(before);
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM plan_imports').get() as { n: number }).n).toBe(0);
  });
});

/** A thread's nice value from /proc (field 19 of its stat line). */
const niceOf = (statPath: string) => Number(readFileSync(statPath, 'utf8').split(') ').pop()!.split(' ')[16]);

describe('the import worker gives way to the door', () => {
  it.skipIf(process.platform !== 'linux')('its thread runs below the serving thread in the scheduler (Linux)', async () => {
    const mine = niceOf('/proc/thread-self/stat');
    // any job starts the worker; the decoded body proves it ran
    const body = Buffer.from('{"file": {"name": "a.csv", "data": "QUJD"}}');
    const d = await decodeBodyOffThread(new RawJsonBody([body.subarray(0, 20), body.subarray(20)], body.length));
    expect(Buffer.from((d.input as { file: { data: Uint8Array } }).file.data).toString()).toBe('ABC');
    const lower = readdirSync('/proc/self/task').filter((t) => niceOf(`/proc/self/task/${t}/stat`) > mine);
    // every other thread of the process (libuv's pool, V8's) runs at the process's own priority
    expect(lower.length).toBeGreaterThanOrEqual(1);
    // the serving thread itself keeps its priority
    expect(niceOf('/proc/thread-self/stat')).toBe(mine);
  });
});
