// ID-card readers at the door (E3): the profiles of vendors' local services the console calls.
// The profile's settings are one validated JSON document (electron/services/cardreader/profile.ts).
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staff } from './core';

export const cardReaderProfiles = sqliteTable(
  'card_reader_profiles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** canonical JSON of a VendorProfile: URL, method, body, field paths, timeout */
    config: text('config').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('card_reader_profiles_name').on(t.name)],
);
