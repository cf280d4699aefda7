import {
  boolean,
  integer,
  jsonb,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

// Column shapes every table of this schema repeats, named once. Each is a function because a
// drizzle column builder belongs to the one table it is placed in. Not re-exported from
// index.ts: they describe columns, they are not tables.

/** A random UUID the database generates: the key of every table with a surrogate id. */
export const uuidPrimaryKey = () => uuid().primaryKey().defaultRandom();

/** A moment, stored with its time zone (`timestamptz`): every timestamp in this schema. */
export const timestamptz = () => timestamp({ withTimezone: true });

/** A moment that defaults to when the row is written (createdAt, requestedAt, …). */
export const writtenAt = () => timestamptz().notNull().defaultNow();

/** When the row was written and last changed; code that changes a row sets `updatedAt`. */
export const timestamps = () => ({ createdAt: writtenAt(), updatedAt: writtenAt() });

/** KRW, integer won. */
export const krw = () => integer().notNull();

/** KRW, integer won: the tax-free part of an amount (0 for ordinary taxable goods). */
export const krwTaxFree = () => integer().notNull().default(0);

/** A count that starts at zero (attempts, failures, refunded won). */
export const zeroCount = () => integer().notNull().default(0);

/** A yes/no that starts as no (testMode, verified, cancelAtPeriodEnd). */
export const flag = () => boolean().notNull().default(false);

/** Free-form details of what happened, an empty object when there are none. */
export const details = () => jsonb().$type<Record<string, unknown>>().notNull().default({});

/** What deleting the referenced row does to the rows that point at it. */
type OnDelete = "cascade" | "restrict" | "set null";

/** A uuid column pointing at another table's row (add `.notNull()` when the link is required). */
export const uuidRef = (target: () => AnyPgColumn, onDelete: OnDelete) =>
  uuid().references(target, { onDelete });

/** A text column pointing at another table's row: the Auth.js `users.id`, which is text. */
export const textRef = (target: () => AnyPgColumn, onDelete: OnDelete) =>
  text().references(target, { onDelete });
