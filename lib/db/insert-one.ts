import { getTableName } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client";

/**
 * Inserts one row and returns it as the database wrote it (defaults filled in). An insert
 * without ON CONFLICT either returns its row or throws, so a missing row is a bug, not a case.
 */
export async function insertOne<Table extends PgTable>(
  executor: Executor,
  table: Table,
  // Values or SQL expressions evaluated by the INSERT itself (e.g. a setting read in the statement).
  values: PgInsertValue<Table>,
): Promise<Table["$inferSelect"]> {
  const [row] = await executor.insert(table).values(values).returning();
  if (!row) throw new Error(`${getTableName(table)} insert returned nothing`);
  return row;
}
