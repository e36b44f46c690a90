// Seal commands (issue 8). The seal ceremony itself (three PIN signatures, S9) belongs to the
// results work: it calls buildPackage + enqueuePackage inside its own command's transaction.
import { z } from 'zod';
import { groupFingerprint, siteKey } from '../services/seal/keys';
import { verifySeals } from '../services/seal/package';
import { defineCommand } from './registry';

/** The site's public key and its fingerprint (About page, package headers, the platform's check). */
export const sealSiteKey = defineCommand({
  name: 'seal.siteKey',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const key = siteKey(ctx.env.dataDir, ctx.random);
    return { algorithm: 'Ed25519' as const, publicKey: key.publicKey, fingerprint: key.fingerprint, fingerprintGrouped: groupFingerprint(key.fingerprint) };
  },
});

/** Every sealed package and amendment re-checked from its stored bytes. */
export const sealVerify = defineCommand({
  name: 'seal.verify',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => ({ ...verifySeals(ctx.sqlite), checkedAt: ctx.clock.now().toISOString() }),
});

export const sealCommands = [sealSiteKey, sealVerify] as const;
