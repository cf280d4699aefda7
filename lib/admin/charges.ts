import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  chargeStatus,
  paymentProvider,
  plans,
  refunds,
  subscriptions,
  users,
  type ChargeAttempt,
} from "@/lib/db/schema";
import { containsPattern, withinSeoulDays } from "./list/page-ids";
import {
  listParamsParser,
  optionalEnum,
  optionalText,
  optionalWon,
  type Page,
  pageOf,
  seoulDateRange,
  sortDirParam,
} from "./list/search-params";

// The admin's charge list (every charge attempt) and its CSV export, filtered the same way.
// Built to stay fast at 100,000+ attempts: filters and sort run in SQL, pages are fetched with
// LIMIT/OFFSET on the created_at index, and the export walks the list in keyset batches.

/** Attempt statuses, plus two views of succeeded charges by how much was refunded. */
export const CHARGE_STATUS_FILTERS = [
  ...chargeStatus.enumValues,
  "partially_refunded",
  "refunded",
] as const;
export type ChargeStatusFilter = (typeof CHARGE_STATUS_FILTERS)[number];

export const CHARGE_SORTS = ["created_at", "amount"] as const;

export const parseChargeListParams = listParamsParser({
  status: optionalEnum(CHARGE_STATUS_FILTERS),
  provider: optionalEnum(paymentProvider.enumValues),
  // Seoul calendar dates of when the attempt was made, both inclusive.
  ...seoulDateRange,
  minAmount: optionalWon,
  maxAmount: optionalWon,
  // Order id (exact) or part of the customer's email or name.
  q: optionalText,
  sort: z.enum(CHARGE_SORTS).catch("created_at"),
  dir: sortDirParam,
});

export type ChargeListParams = ReturnType<typeof parseChargeListParams>;
export type ChargeFilters = Omit<ChargeListParams, "page" | "pageSize">;

export type ChargeRow = Pick<
  ChargeAttempt,
  | "id"
  | "orderId"
  | "status"
  | "purpose"
  | "periodNumber"
  | "attemptNumber"
  | "provider"
  | "amount"
  | "amountTaxFree"
  | "refundedAmount"
  | "failureCategory"
  | "errorCode"
  | "errorMessage"
  | "providerPaymentId"
  | "providerTransactionId"
  | "receiptUrl"
  | "approvedAt"
  | "createdAt"
  | "subscriptionId"
  | "userId"
  | "testMode"
> & {
  email: string;
  customerName: string | null;
  planName: string;
  // A refund of this charge is waiting for the provider's answer (blocks a new one).
  hasLiveRefund: boolean;
};

const rowColumns = {
  id: chargeAttempts.id,
  orderId: chargeAttempts.orderId,
  status: chargeAttempts.status,
  purpose: chargeAttempts.purpose,
  periodNumber: chargeAttempts.periodNumber,
  attemptNumber: chargeAttempts.attemptNumber,
  provider: chargeAttempts.provider,
  amount: chargeAttempts.amount,
  amountTaxFree: chargeAttempts.amountTaxFree,
  refundedAmount: chargeAttempts.refundedAmount,
  failureCategory: chargeAttempts.failureCategory,
  errorCode: chargeAttempts.errorCode,
  errorMessage: chargeAttempts.errorMessage,
  providerPaymentId: chargeAttempts.providerPaymentId,
  providerTransactionId: chargeAttempts.providerTransactionId,
  receiptUrl: chargeAttempts.receiptUrl,
  approvedAt: chargeAttempts.approvedAt,
  createdAt: chargeAttempts.createdAt,
  subscriptionId: chargeAttempts.subscriptionId,
  userId: chargeAttempts.userId,
  testMode: chargeAttempts.testMode,
  email: users.email,
  customerName: users.name,
  planName: plans.name,
  hasLiveRefund: sql<boolean>`exists (
    select 1 from ${refunds}
    where ${refunds.chargeAttemptId} = ${chargeAttempts.id}
      and ${refunds.status} in ('pending', 'unknown'))`,
};

/** The WHERE of a filtered list; shared by the page, its totals and the export. */
export function chargeConditions(filters: ChargeFilters): SQL | undefined {
  const c = chargeAttempts;
  const conditions: (SQL | undefined)[] = [];
  switch (filters.status) {
    case undefined:
      break;
    case "refunded":
      conditions.push(and(eq(c.status, "succeeded"), sql`${c.refundedAmount} = ${c.amount}`));
      break;
    case "partially_refunded":
      conditions.push(
        and(
          eq(c.status, "succeeded"),
          sql`${c.refundedAmount} > 0`,
          lt(c.refundedAmount, c.amount),
        ),
      );
      break;
    default:
      conditions.push(eq(c.status, filters.status));
  }
  if (filters.provider) conditions.push(eq(c.provider, filters.provider));
  conditions.push(...withinSeoulDays(c.createdAt, filters));
  if (filters.minAmount !== undefined) conditions.push(gte(c.amount, filters.minAmount));
  if (filters.maxAmount !== undefined) conditions.push(lte(c.amount, filters.maxAmount));
  if (filters.q) {
    const like = containsPattern(filters.q);
    conditions.push(
      or(
        eq(c.orderId, filters.q),
        // Correlated on the user's primary key: cheap per row, and no join for the count.
        sql`exists (select 1 from ${users} where ${users.id} = ${c.userId}
          and (${ilike(users.email, like)} or ${ilike(users.name, like)}))`,
      ),
    );
  }
  return and(...conditions);
}

function orderOf(filters: Pick<ChargeFilters, "sort" | "dir">) {
  const column = filters.sort === "amount" ? chargeAttempts.amount : chargeAttempts.createdAt;
  const direction = filters.dir === "asc" ? asc : desc;
  // The id breaks ties, so pages never repeat or skip rows with equal values.
  return [direction(column), direction(chargeAttempts.id)];
}

function baseQuery(executor: Executor) {
  return executor
    .select(rowColumns)
    .from(chargeAttempts)
    .innerJoin(users, eq(users.id, chargeAttempts.userId))
    .innerJoin(subscriptions, eq(subscriptions.id, chargeAttempts.subscriptionId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId));
}

// Test-mode charges (the sandbox, a test key) stay in the list, marked, but moved no money: the
// money totals leave them out and say separately how much test money the list holds.
export type ChargeTotals = {
  count: number; // every listed attempt, test mode included
  amount: number; // KRW, charged by the listed attempts that succeeded, test mode excluded
  refunded: number; // KRW, refunded from them
  testModeAmount: number; // KRW, charged by listed test-mode attempts that succeeded
};

export async function listCharges(
  params: ChargeListParams,
  executor: Executor = db(),
): Promise<Page<ChargeRow> & { totals: ChargeTotals }> {
  const where = chargeConditions(params);
  const [ids, [totals]] = await Promise.all([
    // The page's ids first, from charge_attempts alone: skipping OFFSET rows is then an index
    // walk, and the joins below run for 25 rows instead of for every skipped one.
    executor
      .select({ id: chargeAttempts.id })
      .from(chargeAttempts)
      .where(where)
      .orderBy(...orderOf(params))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    executor
      .select({
        count: sql<number>`count(*)::int`,
        amount: sql<number>`coalesce(sum(${chargeAttempts.amount}) filter (where ${chargeAttempts.status} = 'succeeded' and not ${chargeAttempts.testMode}), 0)::bigint`,
        refunded: sql<number>`coalesce(sum(${chargeAttempts.refundedAmount}) filter (where not ${chargeAttempts.testMode}), 0)::bigint`,
        testModeAmount: sql<number>`coalesce(sum(${chargeAttempts.amount}) filter (where ${chargeAttempts.status} = 'succeeded' and ${chargeAttempts.testMode}), 0)::bigint`,
      })
      .from(chargeAttempts)
      .where(where),
  ]);
  const order = new Map(ids.map(({ id }, i) => [id, i]));
  const rows =
    ids.length === 0
      ? []
      : (
          await baseQuery(executor).where(
            inArray(
              chargeAttempts.id,
              ids.map(({ id }) => id),
            ),
          )
        ).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const summary: ChargeTotals = {
    count: totals?.count ?? 0,
    amount: Number(totals?.amount ?? 0),
    refunded: Number(totals?.refunded ?? 0),
    testModeAmount: Number(totals?.testModeAmount ?? 0),
  };
  return { ...pageOf(rows, summary.count, params), totals: summary };
}

/** One charge with its customer, for the refund dialog and the refunds page. */
export async function findCharge(id: string, executor: Executor = db()): Promise<ChargeRow | null> {
  const [row] = await baseQuery(executor).where(eq(chargeAttempts.id, id));
  return row ?? null;
}

const EXPORT_BATCH = 1_000;

/**
 * Every charge matching `filters`, in the list's order, a batch at a time. Keyset pagination
 * (WHERE (sort, id) past the last row) keeps each batch as cheap as the first, however deep
 * the export goes, and needs no open transaction (works through serverless poolers).
 */
export async function* exportCharges(
  filters: ChargeFilters,
  executor: Executor = db(),
  batchSize = EXPORT_BATCH,
): AsyncGenerator<ChargeRow[]> {
  const column = filters.sort === "amount" ? chargeAttempts.amount : chargeAttempts.createdAt;
  const comparator = filters.dir === "asc" ? sql`>` : sql`<`;
  // The sort key as text: timestamptz keeps microseconds, which a JS Date would round away.
  const keyColumn = sql<string>`${column}::text`;
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after
      ? sql`(${column}, ${chargeAttempts.id}) ${comparator} (${after.key}::${sql.raw(
          filters.sort === "amount" ? "integer" : "timestamptz",
        )}, ${after.id}::uuid)`
      : undefined;
    const rows: (ChargeRow & { sortKey: string })[] = await executor
      .select({ ...rowColumns, sortKey: keyColumn })
      .from(chargeAttempts)
      .innerJoin(users, eq(users.id, chargeAttempts.userId))
      .innerJoin(subscriptions, eq(subscriptions.id, chargeAttempts.subscriptionId))
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(chargeConditions(filters), cursor))
      .orderBy(...orderOf(filters))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map(({ sortKey: _sortKey, ...row }) => row);
    const last = rows[rows.length - 1]!;
    if (rows.length < batchSize) return;
    after = { key: last.sortKey, id: last.id };
  }
}

// ---------------------------------------------------------------------------------------------
// Korean labels, shared by the page and the CSV so both say the same.

export const PROVIDER_LABELS: Record<ChargeAttempt["provider"], string> = {
  toss_pay: "토스페이",
  toss_payments: "토스페이먼츠",
  portone: "포트원",
};

export const CHARGE_STATUS_LABELS: Record<ChargeStatusFilter, string> = {
  pending: "요청 중",
  unknown: "결과 확인 중",
  succeeded: "결제 완료",
  failed: "실패",
  partially_refunded: "부분 환불",
  refunded: "전액 환불",
};

export const FAILURE_CATEGORY_LABELS: Record<
  NonNullable<ChargeAttempt["failureCategory"]>,
  string
> = {
  declined: "거절",
  needs_new_method: "결제수단 교체 필요",
  config_error: "설정 오류",
};

export const PURPOSE_LABELS: Record<ChargeAttempt["purpose"], string> = {
  period: "정기결제",
  proration: "요금제 변경 차액",
};

/** How a charge reads in one word, refunds included: "결제 완료", "부분 환불", "실패" … */
export function chargeStatusLabel(row: Pick<ChargeRow, "status" | "amount" | "refundedAmount">) {
  if (row.status === "succeeded" && row.refundedAmount > 0) {
    return CHARGE_STATUS_LABELS[
      row.refundedAmount >= row.amount ? "refunded" : "partially_refunded"
    ];
  }
  return CHARGE_STATUS_LABELS[row.status];
}
