import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import type { FaultSettings } from "./faults";
import { checkRateSum, definedFields, withDefaults } from "./fault-settings";

// The one-row settings table of a sandbox (schema-columns.ts faultSettingsColumns): the view
// the settings API shows, and an update that writes only the fields it names (null stores
// "use the default").

type SettingsTable = PgTable & { id: PgColumn; updatedAt: PgColumn };

export type SettingsViewOf<T extends FaultSettings> = T & { defaults: T; updatedAt: string | null };

/** The effective settings: the row's values where set, the defaults elsewhere. */
export function settingsView<T extends FaultSettings>(
  row: ({ [K in keyof T]?: T[K] | null } & { updatedAt: Date }) | undefined,
  defaults: T,
): SettingsViewOf<T> {
  return {
    ...withDefaults(row, defaults),
    defaults,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Checks the rates, writes the named fields and answers the settings as they now are. */
export async function saveSettingsUpdate<T extends FaultSettings>(
  db: Database,
  table: SettingsTable,
  update: Partial<{ [K in keyof T]: T[K] | null }>,
  now: Date,
  load: (db: Database) => Promise<SettingsViewOf<T>>,
): Promise<SettingsViewOf<T>> {
  const current = await load(db);
  checkRateSum(current, current.defaults, update);
  const set = { ...definedFields(update), updatedAt: now };
  await db
    .insert(table)
    .values({ id: 1, ...set })
    .onConflictDoUpdate({ target: table.id, set });
  return load(db);
}
