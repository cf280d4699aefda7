import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { cronRuns } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { BILLING_JOB, BILLING_WORKER_JOB } from "@/lib/cron/job-names";
import { countDueSubscriptions } from "@/lib/billing/count-due-subscriptions";
import { providerInFlightLimit } from "@/lib/billing/provider-in-flight-limit";
import type { Provider } from "@/lib/billing/provider-slots";

// Billing beyond one function invocation (docs/billing-fan-out.md). A Vercel function runs at
// most maxDuration, and one invocation charges about (its concurrency ÷ the provider's latency)
// a second; a merchant with 500,000 renewals on the 1st must still be charged on the 1st. So the
// hourly run counts the due backlog first and, when it is more than one invocation clears, starts
// worker invocations (POST /api/cron/billing/worker) that run the same claiming loop beside it.
// The subscription leases keep overlapping workers apart; the provider slots
// (provider-capacity.ts) keep them together under each provider's cap.

/** Starts `count` worker invocations for the run `parentRunId`; answers how many confirmed. */
export type StartWorkers = (input: {
  parentRunId: string;
  count: number;
}) => Promise<{ started: number; failed: number }>;

export type FanOutSummary = {
  backlog: number;
  chargesPerInvocation: number;
  /** Where chargesPerInvocation came from. */
  basis: "configured" | "measured" | "estimate";
  requested: number;
  started: number;
  failed: number;
};

// A measured rate counts only from runs that charged at least this many: a run that found a
// dozen subscriptions says nothing about how fast a full one goes.
const MIN_CHARGES_TO_MEASURE = 500;
// Before anything was measured: one charge per slot per second, i.e. a provider answering in
// 1 s. Real answers take 100–500 ms, so this under-estimates what an invocation clears and errs
// towards starting a worker too many (which finds nothing to claim and ends in milliseconds)
// rather than one too few (renewals charged a day late).
const ESTIMATED_CALL_SECONDS = 1;

/**
 * How many workers to start beside the run itself: enough invocations for the backlog, but no
 * more than the providers' caps can keep busy (beyond that a worker only waits for a slot) and
 * no more than BILLING_MAX_WORKERS. Pure, for the tests and the docs' table.
 */
export function workersToStart(input: {
  backlog: number;
  chargesPerInvocation: number;
  concurrency: number;
  /** Sum of the caps of the providers the store charges through. */
  inFlightCap: number;
  maxWorkers: number;
}): number {
  if (input.backlog <= input.chargesPerInvocation) return 0;
  const invocations = Math.ceil(input.backlog / Math.max(1, input.chargesPerInvocation));
  const busyInvocations = Math.max(
    1,
    Math.ceil(input.inFlightCap / Math.max(1, input.concurrency)),
  );
  return Math.max(0, Math.min(input.maxWorkers, invocations - 1, busyInvocations - 1));
}

/**
 * Charges one invocation clears in its charging window: BILLING_CHARGES_PER_INVOCATION, else the
 * rate of the latest run or worker that charged a real backlog × the window, else the estimate.
 */
export async function chargesPerInvocation(input: {
  concurrency: number;
  windowMs: number;
}): Promise<Pick<FanOutSummary, "chargesPerInvocation" | "basis">> {
  const configured = getEnv().BILLING_CHARGES_PER_INVOCATION;
  if (configured) return { chargesPerInvocation: configured, basis: "configured" };
  const charged = sql<number>`coalesce((${cronRuns.summary}->>'claimed')::int, 0)`;
  const [latest] = await db()
    .select({ charged, chargingMs: sql<number>`(${cronRuns.summary}->>'chargingMs')::int` })
    .from(cronRuns)
    .where(
      and(
        inArray(cronRuns.job, [BILLING_JOB, BILLING_WORKER_JOB]),
        eq(cronRuns.status, "succeeded"),
        sql`${charged} >= ${MIN_CHARGES_TO_MEASURE}`,
        sql`(${cronRuns.summary}->>'chargingMs')::int > 0`,
      ),
    )
    .orderBy(desc(cronRuns.startedAt))
    .limit(1);
  if (latest) {
    const perSecond = latest.charged / (latest.chargingMs / 1000);
    return {
      chargesPerInvocation: Math.max(1, Math.floor((perSecond * input.windowMs) / 1000)),
      basis: "measured",
    };
  }
  const perSecond = input.concurrency / ESTIMATED_CALL_SECONDS;
  return {
    chargesPerInvocation: Math.max(1, Math.floor((perSecond * input.windowMs) / 1000)),
    basis: "estimate",
  };
}

/** Counts the backlog and starts the workers it needs (none when one invocation clears it). */
export async function fanOutBilling(input: {
  now: Date;
  parentRunId: string;
  concurrency: number;
  budgetMs: number;
  marginMs: number;
  providers: readonly Provider[];
  startWorkers: StartWorkers;
}): Promise<FanOutSummary> {
  const backlog = await countDueSubscriptions(input.now);
  const maxWorkers = getEnv().BILLING_MAX_WORKERS;
  const capacity = await chargesPerInvocation({
    concurrency: input.concurrency,
    windowMs: input.budgetMs - input.marginMs,
  });
  const requested = workersToStart({
    backlog,
    chargesPerInvocation: capacity.chargesPerInvocation,
    concurrency: input.concurrency,
    inFlightCap: input.providers.reduce((sum, p) => sum + providerInFlightLimit(p), 0),
    maxWorkers,
  });
  const outcome =
    requested > 0
      ? await input.startWorkers({ parentRunId: input.parentRunId, count: requested })
      : { started: 0, failed: 0 };
  if (outcome.failed > 0) {
    console.error(
      `[billing] fan-out: ${outcome.failed} of ${requested} worker invocations did not start; this run and the next hourly one take their share`,
    );
  }
  return { backlog, ...capacity, requested, ...outcome };
}
