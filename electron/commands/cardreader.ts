// ID-card readers (E3): the vendor services' profiles (site head), a read at the door judged like a
// scan, and a sign-in confirmed from a card with the chip photo. Thin doors over services/cardreader.
// The read runs here, in the console (Electron's main process or the office server): a LAN page may
// not call the reader's loopback service itself.
import { z } from 'zod';
import type { Role } from '../services/roles';
import { confirmWithCard, readCacheFor, cardView, judgeVendorRead } from '../services/cardreader/door';
import { listProfiles, profileById, profileName, saveProfile, vendorProfileSchema } from '../services/cardreader/profile';
import { VendorCardReader } from '../services/cardreader/vendor';
import { photoDataUrl } from '../services/checkin/lookup';
import { confirmInput } from '../services/checkin/confirm-input';
import { confirmClaims } from '../services/checkin/signin';
import { provePins } from '../services/auth';
import { actorOf } from '../services/context';
import { defineCommand } from './registry';

const DOOR_ROLES: readonly Role[] = ['proctor', 'supervisor', 'site_head'];
const id = z.number().int().positive();

export const cardreaderProfiles = defineCommand({
  name: 'cardreader.profiles',
  kind: 'query',
  access: ['site_head'],
  input: z.object({}),
  handler: (ctx) => listProfiles(ctx),
});

/** What a door may choose from: the active profiles' names (their settings stay with the site head). */
export const cardreaderDoorProfiles = defineCommand({
  name: 'cardreader.doorProfiles',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({}),
  handler: (ctx) => listProfiles(ctx).filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
});

export const cardreaderProfileSave = defineCommand({
  name: 'cardreader.profile.save',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ id: id.optional(), name: profileName, active: z.boolean().default(true), profile: vendorProfileSchema }),
  handler: (ctx, input) => saveProfile(ctx, input),
});

/** The site head tries a profile (saved or not) against the reader: what the door would get. */
export const cardreaderProfileTest = defineCommand({
  name: 'cardreader.profile.test',
  kind: 'query',
  access: ['site_head'],
  input: z.object({ profile: vendorProfileSchema }),
  prepare: (_ctx, input) => new VendorCardReader(input.profile).read(),
  handler: (_ctx, _input, read) => ({ card: cardView(read.record), chipPhoto: read.photo ? photoDataUrl(read.photo.bytes, read.photo.mime) : null, photoProblem: read.photoProblem }),
});

/** "Read the card" at a door: the console asks the reader's service, then judges the number like a scan. */
export const cardreaderRead = defineCommand({
  name: 'cardreader.read',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ profileId: id, sessionId: id, roomId: id }),
  prepare: (ctx, input) => new VendorCardReader(profileById(ctx, input.profileId).profile).read(),
  handler: (ctx, input, read) => judgeVendorRead(ctx, readCacheFor(ctx.env), input, read),
});

const cardConfirm = z.discriminatedUnion('source', [z.object({ source: z.literal('keyboard') }), z.object({ source: z.literal('vendor'), readId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) })]);

/** The door's confirm, from a card: how it was read and the chip photo go with the sign-in. */
export const cardreaderConfirm = defineCommand({
  name: 'cardreader.confirm',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: confirmInput.extend({ card: cardConfirm }),
  // the vouchers' PINs proven in the thread pool before the transaction, as at checkin.confirm
  prepare: (ctx, input) => provePins(ctx, confirmClaims(input, actorOf(ctx).role)),
  handler: (ctx, input, pins) => confirmWithCard(ctx, readCacheFor(ctx.env), input, pins),
  afterCommit: (ctx, input) => {
    if (input.card.source === 'vendor') readCacheFor(ctx.env).drop(input.card.readId);
  },
});

export const cardreaderCommands = [cardreaderProfiles, cardreaderDoorProfiles, cardreaderProfileSave, cardreaderProfileTest, cardreaderRead, cardreaderConfirm] as const;
