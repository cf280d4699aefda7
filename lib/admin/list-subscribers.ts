import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { paymentMethods, plans, subscriptionFigures, subscriptions, users } from "@/lib/db/schema";
import { foldFigures } from "./figures";
import { customerSearch, SEARCH_COUNT_CAP } from "./list/customer-search";
import {
  SUBSCRIBERS_PAGE_SIZE,
  type SubscriberListParams,
  type SubscriberSort,
} from "./subscriber-list-params";
import { type ListRow } from "./list/page-ids";
import { COUNT_CAP, pageOf } from "./list/search-params";

export type SubscriberRow = ListRow<typeof listSubscribers>;

const SORT_COLUMNS: Record<SubscriberSort, SQL> = {
  created: sql`${subscriptions.createdAt}`,
  next_charge: sql`${subscriptions.nextChargeAt}`,
  price: sql`${subscriptions.priceAmount}`,
};

// Subscriptions with nothing due (canceled, unpaid) sort after the ones with a date either way.
// created_at and price_amount are never null, so their ascending order is written `nulls first`:
// the same rows in the same order, and exactly the backward walk of their descending indexes
// (subscriptions_created_idx, subscriptions_price_idx); next_charge_at has an index each way.
function orderOf(params: Pick<SubscriberListParams, "sort" | "dir">): SQL[] {
  const column = SORT_COLUMNS[params.sort];
  if (params.dir === "desc") return [sql`${column} desc nulls last`, sql`${subscriptions.id} desc`];
  const nulls = params.sort === "next_charge" ? sql`nulls last` : sql`nulls first`;
  return [sql`${column} asc ${nulls}`, sql`${subscriptions.id} asc`];
}

// Without a search, the total comes from the maintained subscription figures (exact, by status,
// plan and provider); with one, the matches are counted up to COUNT_CAP.
async function countSubscribers(
  executor: Executor,
  params: SubscriberListParams,
  where: SQL | undefined,
  cap: number,
): Promise<{ counted: number; exact: boolean }> {
  if (!params.q) {
    const f = subscriptionFigures;
    await foldFigures(executor);
    const [row] = await executor
      .select({ n: sql<number>`coalesce(sum(${f.subscriptions}), 0)::int` })
      .from(f)
      .where(
        and(
          eq(f.kind, "state"),
          params.status ? eq(f.status, params.status) : undefined,
          params.plan ? eq(f.planId, params.plan) : undefined,
          params.provider ? eq(f.provider, params.provider) : undefined,
        ),
      );
    return { counted: row?.n ?? 0, exact: true };
  }
  const matching = idsQuery(executor, params)
    .where(where)
    .limit(cap + 1)
    .as("matching");
  const [row] = await executor.select({ n: sql<number>`count(*)::int` }).from(matching);
  return { counted: row?.n ?? 0, exact: false };
}

// Subscriptions alone, joined to payment_methods only for the provider filter.
function idsQuery(executor: Executor, params: SubscriberListParams) {
  const query = executor.select({ id: subscriptions.id }).from(subscriptions).$dynamic();
  return params.provider
    ? query.innerJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    : query;
}

/**
 * One page of subscriptions (newest first by default) with their customer, plan and payment
 * provider, filtered and sorted by PostgreSQL. The page's ids are read first from subscriptions
 * alone (a deep page skips index entries, not joined rows), then their rows. Canceled
 * subscriptions are included: they are history a support agent looks up.
 */
export async function listSubscribers(params: SubscriberListParams, executor: Executor = db()) {
  const pageSize = SUBSCRIBERS_PAGE_SIZE;
  const customers = params.q ? await customerSearch(executor, params.q) : null;
  const cap = customers && customers.ids === null ? SEARCH_COUNT_CAP : COUNT_CAP;
  const where = and(
    params.status ? eq(subscriptions.status, params.status) : undefined,
    params.plan ? eq(subscriptions.planId, params.plan) : undefined,
    params.provider ? eq(paymentMethods.provider, params.provider) : undefined,
    customers ? customers.of(subscriptions.userId) : undefined,
  );
  const order = orderOf(params);

  const [ids, count] = await Promise.all([
    idsQuery(executor, params)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((params.page - 1) * pageSize),
    countSubscribers(executor, params, where, cap),
  ]);
  const rows =
    ids.length === 0
      ? []
      : await executor
          .select({
            id: subscriptions.id,
            status: subscriptions.status,
            cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
            priceAmount: subscriptions.priceAmount,
            nextChargeAt: subscriptions.nextChargeAt,
            currentPeriodEnd: subscriptions.currentPeriodEnd,
            createdAt: subscriptions.createdAt,
            userId: users.id,
            email: users.email,
            name: users.name,
            plan: {
              id: plans.id,
              name: plans.name,
              interval: plans.interval,
              intervalCount: plans.intervalCount,
            },
            provider: paymentMethods.provider,
          })
          .from(subscriptions)
          .innerJoin(users, eq(users.id, subscriptions.userId))
          .innerJoin(plans, eq(plans.id, subscriptions.planId))
          .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
          .where(
            inArray(
              subscriptions.id,
              ids.map((row) => row.id),
            ),
          )
          .orderBy(...order);
  return pageOf(rows, count.counted, { page: params.page, pageSize }, count.exact, cap);
}
