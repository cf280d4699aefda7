import { sql } from "drizzle-orm";
import {
  type PgColumnBuilderBase,
  type PgSchema,
  check,
  doublePrecision,
  integer,
  jsonb,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

// Columns every sandbox's tables share, so the shared mechanisms (deliveries.ts,
// fault-settings.ts) can rely on their names and types. Each call builds fresh column builders
// for one table.

/** A deliveries table (deliveries.ts DELIVERY_COLUMNS); `state` is the sandbox's own enum. */
export function deliveryColumns(maxAttempts: number) {
  return {
    id: uuid().primaryKey().defaultRandom(),
    url: text().notNull(),
    payload: jsonb().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(maxAttempts),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatus: integer(), // HTTP status of the last answer; null when the request itself failed
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  };
}

/** The fault switches of a one-row settings table; null means "the default". */
export function faultSettingsColumns() {
  return {
    id: integer().primaryKey().default(1),
    latencyMs: integer(),
    errorRate: doublePrecision(),
    timeoutRate: doublePrecision(),
    lostResponseRate: doublePrecision(),
    seed: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  };
}

/**
 * A sandbox's one-row (id 1) settings table: the fault switches and the sandbox's own `extra`
 * columns; a null column means "the default" (settings-row.ts).
 */
export function settingsTable<Extra extends Record<string, PgColumnBuilderBase>>(
  schema: PgSchema,
  extra: Extra,
) {
  return schema.table("settings", { ...faultSettingsColumns(), ...extra }, (t) => [
    check("settings_single_row", sql`${t.id} = 1`),
  ]);
}
