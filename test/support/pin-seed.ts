// Seeds give staff a PIN before any server answers: the hash is derived synchronously here, with
// the console's own scrypt parameters (the cost new PINs get now: lowered in test processes) and stored form. The console itself never hashes a PIN on
// its thread (hashPinAsync, provePin, provePins in the command's prepare step).
import { scryptSync } from 'node:crypto';
import type { Db } from '../../db';
import { storePinHash } from '../../electron/services/auth';
import { encodePinHash, pinScrypt } from '../../electron/services/pins';
import type { Clock, RandomSource } from '../../electron/services/runtime';

export function seedPinHash(pin: string, random: RandomSource): string {
  const salt = random.bytes(16);
  const { N, r, p, keylen, maxmem } = pinScrypt();
  return encodePinHash(salt, scryptSync(pin.normalize('NFC'), salt, keylen, { N, r, p, maxmem }));
}

export function setPin(db: Db, staffId: number, pin: string, clock: Clock, random: RandomSource): void {
  storePinHash(db, staffId, seedPinHash(pin, random), clock);
}
