import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  chargeFigures,
  chargeStatus,
  paymentProvider,
  plans,
  refunds,
  subscriptions,
  users,
  type ChargeAttempt,
} from "@/lib/db/schema";
import { foldFigures } from "./figures";
import { customerSearch, SEARCH_COUNT_CAP } from "./list/customer-search";
import { withinSeoulDays } from "./list/page-ids";
import {
  listParamsParser,
  optionalEnum,
  optionalText,
  optionalWon,
  COUNT_CAP,
  type Page,
  pageOf,
  seoulDateRange,
  sortDirParam,
} from "./list/search-params";

// The admin's charge list (every charge attempt) and its CSV export, filtered the same way.
// Built to stay fast at millions of attempts (docs/admin-at-scale.md): filters and sort run in
// SQL on indexes that end with the id tie-breaker, the customer search finds customers first,
// the count and money totals of a status / provider / date filter come from the maintained
// charge_figures, other filters are counted up to COUNT_CAP, and the export walks the list in
// keyset batches.

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
export async function chargeConditions(
  filters: ChargeFilters,
  executor: Executor = db(),
): Promise<SQL | undefined> {
  return (await chargeSearch(filters, executor)).where;
}

// The WHERE, and whether it matches few enough rows (a search that found a few customers) to
// sort them in memory rather than walk a sort index.
async function chargeSearch(
  filters: ChargeFilters,
  executor: Executor,
): Promise<{ where: SQL | undefined; few: boolean; cap: number }> {
  let few = false;
  let cap = COUNT_CAP;
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
    const customers = await customerSearch(executor, filters.q);
    few = customers.ids !== null;
    if (!few) cap = SEARCH_COUNT_CAP;
    conditions.push(or(eq(c.orderId, filters.q), customers.of(c.userId)));
  }
  return { where: and(...conditions), few, cap };
}

function orderOf(filters: Pick<ChargeFilters, "sort" | "dir">, inMemory = false) {
  const column = filters.sort === "amount" ? chargeAttempts.amount : chargeAttempts.createdAt;
  const direction = filters.dir === "asc" ? asc : desc;
  // A search that found a few customers matches a few thousand attempts at most: they are
  // fetched through the user index and sorted in memory. Sorting by the bare column would let
  // PostgreSQL walk the whole date index hoping to meet them soon (seconds at 5,000,000 rows);
  // the no-op arithmetic is an expression no index has.
  const key = inMemory
    ? filters.sort === "amount"
      ? sql`${column} + 0`
      : sql`${column} + interval '0 seconds'`
    : column;
  // The id breaks ties, so pages never repeat or skip rows with equal values.
  return [direction(key), direction(chargeAttempts.id)];
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
  count: number; // every listed attempt, test mode included (COUNT_CAP when countCapped)
  // More than COUNT_CAP attempts match a filter the figures cannot answer (a search, an amount
  // range): the sums below are then unknown (null) rather than read from millions of rows.
  countCapped: boolean;
  amount: number | null; // KRW, charged by the listed attempts that succeeded, test mode excluded
  refunded: number | null; // KRW, refunded from them
  testModeAmount: number | null; // KRW, charged by listed test-mode attempts that succeeded
};

type TotalsRow = { count: number; amount: string; refunded: string; testModeAmount: string };

// A status, provider and Seoul-date filter is answered exactly by charge_figures (one row per
// day, provider, status, refund state and mode), however many attempts match.
async function totalsFromFigures(
  filters: ChargeFilters,
  executor: Executor,
): Promise<ChargeTotals> {
  const f = chargeFigures;
  const conditions: (SQL | undefined)[] = [];
  switch (filters.status) {
    case undefined:
      break;
    case "refunded":
      conditions.push(and(eq(f.status, "succeeded"), eq(f.refundState, "full")));
      break;
    case "partially_refunded":
      conditions.push(and(eq(f.status, "succeeded"), eq(f.refundState, "partial")));
      break;
    default:
      conditions.push(eq(f.status, filters.status));
  }
  if (filters.provider) conditions.push(eq(f.provider, filters.provider));
  if (filters.from) conditions.push(gte(f.createdDay, filters.from));
  if (filters.to) conditions.push(lte(f.createdDay, filters.to));
  await foldFigures(executor);
  const [row] = await executor
    .select({
      count: sql<number>`coalesce(sum(${f.attempts}), 0)::int`,
      amount: sql<string>`coalesce(sum(${f.amount}) filter (where ${f.status} = 'succeeded' and not ${f.testMode}), 0)::text`,
      refunded: sql<string>`coalesce(sum(${f.refunded}) filter (where not ${f.testMode}), 0)::text`,
      testModeAmount: sql<string>`coalesce(sum(${f.amount}) filter (where ${f.status} = 'succeeded' and ${f.testMode}), 0)::text`,
    })
    .from(f)
    .where(and(...conditions));
  return totalsOf(row, null);
}

// Any other filter: the matching attempts are summed when there are at most `cap` of them
// (COUNT_CAP, or SEARCH_COUNT_CAP for a search matching many customers).
async function totalsUpToCap(
  where: SQL | undefined,
  cap: number,
  executor: Executor,
): Promise<ChargeTotals> {
  const c = chargeAttempts;
  const matching = executor
    .select({
      amount: c.amount,
      status: c.status,
      testMode: c.testMode,
      refundedAmount: c.refundedAmount,
    })
    .from(c)
    .where(where)
    .limit(cap + 1)
    .as("matching");
  const [row] = await executor
    .select({
      count: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(${matching.amount}) filter (where ${matching.status} = 'succeeded' and not ${matching.testMode}), 0)::text`,
      refunded: sql<string>`coalesce(sum(${matching.refundedAmount}) filter (where not ${matching.testMode}), 0)::text`,
      testModeAmount: sql<string>`coalesce(sum(${matching.amount}) filter (where ${matching.status} = 'succeeded' and ${matching.testMode}), 0)::text`,
    })
    .from(matching);
  return totalsOf(row, (row?.count ?? 0) > cap ? cap : null);
}

function totalsOf(row: TotalsRow | undefined, cappedAt: number | null): ChargeTotals {
  if (cappedAt !== null) {
    return {
      count: cappedAt,
      countCapped: true,
      amount: null,
      refunded: null,
      testModeAmount: null,
    };
  }
  return {
    count: row?.count ?? 0,
    countCapped: false,
    amount: Number(row?.amount ?? 0),
    refunded: Number(row?.refunded ?? 0),
    testModeAmount: Number(row?.testModeAmount ?? 0),
  };
}

export async function listCharges(
  params: ChargeListParams,
  executor: Executor = db(),
): Promise<Page<ChargeRow> & { totals: ChargeTotals }> {
  const { where, few, cap } = await chargeSearch(params, executor);
  const byFigures = !params.q && params.minAmount === undefined && params.maxAmount === undefined;
  const [ids, totals] = await Promise.all([
    // The page's ids first, from charge_attempts alone: skipping OFFSET rows is then an index
    // walk, and the joins below run for 25 rows instead of for every skipped one.
    executor
      .select({ id: chargeAttempts.id })
      .from(chargeAttempts)
      .where(where)
      .orderBy(...orderOf(params, few))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    byFigures ? totalsFromFigures(params, executor) : totalsUpToCap(where, cap, executor),
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
  const counted = totals.countCapped ? cap + 1 : totals.count;
  return { ...pageOf(rows, counted, params, byFigures, cap), totals };
}

/** One charge with its customer, for the refund dialog and the refunds page. */
export async function findCharge(id: string, executor: Executor = db()): Promise<ChargeRow | null> {
  const [row] = await baseQuery(executor).where(eq(chargeAttempts.id, id));
  return row ?? null;
}

const EXPORT_BATCH = 500;

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
  const where = await chargeConditions(filters, executor);
  let after: { key: string; id: string } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after
      ? sql`(${column}, ${chargeAttempts.id}) ${comparator} (${after.key}::${sql.raw(
          filters.sort === "amount" ? "integer" : "timestamptz",
        )}, ${after.id}::uuid)`
      : undefined;
    // The batch's ids and sort keys from charge_attempts alone (an index walk from the
    // cursor), then their rows: joined in one query, PostgreSQL may join whole tables first.
    const keys: { id: string; sortKey: string }[] = await executor
      .select({ id: chargeAttempts.id, sortKey: keyColumn })
      .from(chargeAttempts)
      .where(and(where, cursor))
      .orderBy(...orderOf(filters))
      .limit(batchSize);
    if (keys.length === 0) return;
    const order = new Map(keys.map(({ id }, i) => [id, i]));
    const rows = (
      await baseQuery(executor).where(
        inArray(
          chargeAttempts.id,
          keys.map(({ id }) => id),
        ),
      )
    ).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    yield rows;
    const last = keys[keys.length - 1]!;
    if (keys.length < batchSize) return;
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
