import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/db/client";

/**
 * The ids of one page of a list and the total matching rows, read together. Admin lists fetch a
 * page in two steps — ids from the table alone (skipping OFFSET rows is then an index walk),
 * then the joined rows for those ids only — so wide payloads and joins are read for 25 rows,
 * not for every skipped one.
 */
export async function pageIdsAndTotal(
  executor: Executor,
  query: {
    table: PgTable;
    id: PgColumn;
    where: SQL | undefined;
    orderBy: SQL[];
    page: number;
    pageSize: number;
  },
): Promise<{ ids: string[]; total: number }> {
  const [ids, [count]] = await Promise.all([
    executor
      .select({ id: query.id })
      .from(query.table)
      .where(query.where)
      .orderBy(...query.orderBy)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    executor
      .select({ total: sql<number>`count(*)::int` })
      .from(query.table)
      .where(query.where),
  ]);
  return { ids: ids.map((r) => r.id as string), total: count?.total ?? 0 };
}
