import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { paymentMethods, plans, subscriptions, users } from "@/lib/db/schema";
import {
  SUBSCRIBERS_PAGE_SIZE,
  type SubscriberListParams,
  type SubscriberSort,
} from "./subscriber-list-params";
import { containsPattern, type ListRow } from "./list/page-ids";
import { pageOf } from "./list/search-params";

export type SubscriberRow = ListRow<typeof listSubscribers>;

const SORT_COLUMNS: Record<SubscriberSort, SQL> = {
  created: sql`${subscriptions.createdAt}`,
  next_charge: sql`${subscriptions.nextChargeAt}`,
  price: sql`${subscriptions.priceAmount}`,
};

// The count joins only what the filters need: with no search or provider filter it is an
// index-only count of subscriptions.
async function countSubscribers(
  executor: Executor,
  params: SubscriberListParams,
  where: SQL | undefined,
): Promise<number> {
  let query = executor
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .$dynamic();
  if (params.q) query = query.innerJoin(users, eq(users.id, subscriptions.userId));
  if (params.provider) {
    query = query.innerJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId));
  }
  const [row] = await query.where(where);
  return row?.n ?? 0;
}

/**
 * One page of subscriptions (newest first by default) with their customer, plan and payment
 * provider, filtered and sorted by PostgreSQL; the total comes from a count with the same
 * filters. Canceled subscriptions are included: they are history a support agent looks up.
 */
export async function listSubscribers(params: SubscriberListParams, executor: Executor = db()) {
  const pageSize = SUBSCRIBERS_PAGE_SIZE;
  const where = and(
    params.status ? eq(subscriptions.status, params.status) : undefined,
    params.plan ? eq(subscriptions.planId, params.plan) : undefined,
    params.provider ? eq(paymentMethods.provider, params.provider) : undefined,
    params.q
      ? or(
          ilike(users.email, containsPattern(params.q)),
          ilike(users.name, containsPattern(params.q)),
        )
      : undefined,
  );
  const column = SORT_COLUMNS[params.sort];
  // Subscriptions with nothing due (canceled, unpaid) sort after the ones with a date either way.
  const order =
    params.dir === "asc" ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;

  const [rows, total] = await Promise.all([
    executor
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
      .where(where)
      .orderBy(order, params.dir === "asc" ? asc(subscriptions.id) : desc(subscriptions.id))
      .limit(pageSize)
      .offset((params.page - 1) * pageSize),
    countSubscribers(executor, params, where),
  ]);
  return pageOf(rows, total, { page: params.page, pageSize });
}
