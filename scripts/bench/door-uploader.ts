// The site head's laptop as the door probe (door-http.ts) stands it in: a process of its own, started
// below normal priority (`nice`), that makes a bench's upload itself (its files generated here, not
// in the process that times the door) and sends it to the console as often as asked. Its
// serialising, socket writes and garbage collection then neither land on the thread that times the
// door nor take the CPU from the console ahead of the door's scans: on exam day they are on another machine.
import { callExported, errorText, type FromUploader, type ToUploader } from './door-protocol';

const send = (m: FromUploader) => process.send?.(m);

let body: Uint8Array<ArrayBuffer> | null = null;
let target: { url: string; token: string | null; module: string; summary: string | null } | null = null;

process.on('disconnect', () => process.exit(0));
process.on('message', (m: ToUploader) => {
  void (async () => {
    try {
      if (m.kind === 'prepare') {
        const input = await callExported(m.module, m.fn, m.args);
        body = new TextEncoder().encode(JSON.stringify(input));
        target = { url: m.url, token: m.token, module: m.module, summary: m.summary };
        return send({ kind: 'reply', id: m.id, ok: true, value: body.byteLength });
      }
      if (!body || !target) throw new Error('door-uploader: nothing prepared');
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
        body,
      });
      const answer: unknown = await res.json();
      send({ kind: 'reply', id: m.id, ok: true, value: target.summary ? await callExported(target.module, target.summary, answer) : answer });
    } catch (e) {
      send({ kind: 'reply', id: m.id, ok: false, message: errorText(e) });
    }
  })();
});
send({ kind: 'ready' });
