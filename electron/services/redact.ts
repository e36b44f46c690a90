// The input as the audit trail may see it: secrets replaced before digesting or noting. Its own
// module so the import worker (which digests a request body it decoded) redacts exactly as the
// command dispatcher does.

const SECRET_KEY = /pin|password|token|secret/i;

/** A copy of `value` with every secret-named key's value replaced by '[redacted]'. */
export function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v);
  return out;
}
