import { type SQL, and, eq, getTableColumns, isNull } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/db/client";

// The sandboxes look most of their rows up by a key that is unique (within a merchant): one
// helper instead of the same select / from / where / "first row or null" in every module.

/**
 * The row of `table` whose columns hold the values in `match` (a column left undefined is not
 * looked at; null matches NULL), or null when there is none; the first one if several match.
 */
export async function findOne<T extends PgTable>(
  executor: Executor,
  table: T,
  match: Partial<T["$inferSelect"]>,
): Promise<T["$inferSelect"] | null> {
  const columns = getTableColumns(table);
  const conditions: SQL[] = Object.entries(match)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      const column = columns[name];
      if (!column) throw new Error(`findOne: ${name} is not a column`);
      return value === null ? isNull(column) : eq(column, value);
    });
  // drizzle cannot type a select from a generic table; the caller's row type is T's.
  const source: PgTable = table;
  const [row] = await executor
    .select()
    .from(source)
    .where(and(...conditions))
    .limit(1);
  return (row as T["$inferSelect"] | undefined) ?? null;
}
