import { desc, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgSelect, PgTable } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/lib/db/client";
import { COUNT_CAP, pageOf, seoulDayEnd, seoulDayStart, type Page } from "./search-params";

type PageQuery = {
  table: PgTable;
  id: PgColumn;
  where: SQL | undefined;
  orderBy: SQL[];
  page: number;
  pageSize: number;
};

/**
 * The ids of one page of a list and the matching rows counted up to COUNT_CAP + 1, read
 * together. Admin lists fetch a page in two steps — ids from the table alone (skipping OFFSET
 * rows is then an index walk), then the joined rows for those ids only — so wide payloads and
 * joins are read for 25 rows, not for every skipped one.
 */
export async function pageIdsAndTotal(
  executor: Executor,
  query: PageQuery,
): Promise<{ ids: string[]; total: number }> {
  const [ids, [count]] = await Promise.all([
    executor
      .select({ id: query.id })
      .from(query.table)
      .where(query.where)
      .orderBy(...query.orderBy)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    cappedCount(executor, query.table, query.where),
  ]);
  return { ids: ids.map((r) => r.id as string), total: count?.total ?? 0 };
}

/** How many rows of `table` match `where`, counting no further than COUNT_CAP + 1. */
export async function cappedCount(
  executor: Executor,
  table: PgTable,
  where: SQL | undefined,
): Promise<{ total: number }[]> {
  const matching = executor
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(COUNT_CAP + 1)
    .as("matching");
  return executor.select({ total: sql<number>`count(*)::int` }).from(matching);
}

/**
 * One page of a list in the two steps above: `rowsOf` reads the full rows of the page's ids
 * (in `query.orderBy` order); it is not called for an empty page.
 */
export async function readPage<Row>(
  executor: Executor,
  query: Omit<PageQuery, "page" | "pageSize">,
  params: { page: number; pageSize: number },
  rowsOf: (ids: string[]) => Promise<Row[]>,
): Promise<Page<Row>> {
  const { page, pageSize } = params;
  const { ids, total } = await pageIdsAndTotal(executor, { ...query, page, pageSize });
  const rows = ids.length === 0 ? [] : await rowsOf(ids);
  return pageOf(rows, total, params);
}

/** The row type of a list function (pagedList or hand-written): what its select reads, so columns are named once. */
export type ListRow<List extends (...args: never[]) => Promise<Page<unknown>>> = Awaited<
  ReturnType<List>
>["rows"][number];

/**
 * An admin list as a function of its parsed parameters (and, for tests and transactions, an
 * executor), newest first (ties broken by id): `where` turns the filters into SQL, `select`
 * builds the query of the full rows (`executor.select(…).from(table)…joins….$dynamic()`), to
 * which the list adds "only this page's ids, in list order".
 */
export function pagedList<
  Params extends { page: number; pageSize: number },
  Query extends PgSelect,
>(list: {
  /** Paged by its `id` column. */
  table: PgTable & { id: PgColumn };
  newestFirst: PgColumn;
  where: (params: Params, executor: Executor) => SQL | undefined | Promise<SQL | undefined>;
  select: (executor: Executor) => Query;
}): (params: Params, executor?: Executor) => Promise<Page<Awaited<Query>[number]>> {
  const orderBy = [desc(list.newestFirst), desc(list.table.id)];
  return async (params, executor = db()) =>
    readPage(
      executor,
      { table: list.table, id: list.table.id, where: await list.where(params, executor), orderBy },
      params,
      (ids) =>
        list
          .select(executor)
          .where(inArray(list.table.id, ids))
          .orderBy(...orderBy) as Promise<Awaited<Query>[number][]>,
    );
}

/** `column` within the Seoul calendar days `from`–`to`, both inclusive; either may be absent. */
export function withinSeoulDays(
  column: PgColumn,
  range: { from?: string | undefined; to?: string | undefined },
): SQL[] {
  const conditions: SQL[] = [];
  if (range.from) conditions.push(gte(column, seoulDayStart(range.from)));
  if (range.to) conditions.push(lt(column, seoulDayEnd(range.to)));
  return conditions;
}

/** `\`, `%` and `_` match literally in a LIKE pattern built from what an admin typed. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern matching `text` anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
