// Event ids made on the device: ulid-like, 26 characters of Crockford base32, the time first (so
// the queue replays in the order it was made) and 80 random bits (two tablets never collide).
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let last = 0;
let seq = 0;

export function eventId(now = Date.now()): string {
  // same millisecond: a counter keeps the order within it
  seq = now === last ? seq + 1 : 0;
  last = now;
  let t = '';
  let v = now;
  for (let i = 0; i < 10; i++) {
    t = B32[v % 32] + t;
    v = Math.floor(v / 32);
  }
  const rnd = crypto.getRandomValues(new Uint8Array(14));
  let r = B32[(seq >> 5) % 32]! + B32[seq % 32]!;
  for (const b of rnd) r += B32[b % 32];
  return t + r;
}
