import { eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { FaultSettings } from "./faults";
import { checkRateSum, definedFields, faultSettingsFields, withDefaults } from "./fault-settings";
import type { SettingsStore } from "./settings-endpoint";

// The one-row settings table of a sandbox (schema-columns.ts faultSettingsColumns): the view
// the settings API shows, and an update that writes only the fields it names (null stores
// "use the default"), and the store a sandbox's settings API is built on.

export type SettingsTable = PgTable & { id: PgColumn; updatedAt: PgColumn };

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

type StoredRow<T> = { [K in keyof T]?: T[K] | null } & { updatedAt: Date };
type Changes<T> = Partial<{ [K in keyof T]: T[K] | null }>;

/**
 * A sandbox's settings store over its one-row `table`: the fault switches every sandbox has plus
 * `extraFields` (zod fields of its own switches, each nullable and optional like the fault ones).
 */
export function settingsStore<T extends FaultSettings, Extra extends z.ZodRawShape>(
  table: SettingsTable,
  defaults: () => T,
  extraFields: Extra,
) {
  const update = z
    .strictObject({ ...faultSettingsFields, ...extraFields })
    .describe("PUT {base}/_sandbox/settings: send only what changes; null restores the default");
  async function load(db: Database): Promise<SettingsViewOf<T>> {
    const [row] = await db.select().from(table).where(eq(table.id, 1));
    return settingsView(row as StoredRow<T> | undefined, defaults());
  }
  const store: SettingsStore<SettingsViewOf<T>, z.infer<typeof update>> = {
    load,
    update,
    save: (db, changes, now) => saveSettingsUpdate(db, table, changes as Changes<T>, now, load),
  };
  return store;
}
