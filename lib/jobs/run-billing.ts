import { BILLING_JOB } from "@/lib/cron/job-names";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { failCronRun, startCronRun, succeedCronRun } from "@/lib/cron/cron-runs";
import { sweepPendingRegistrations } from "@/lib/payment-methods/sync-registration";
import { retryLiveRefunds } from "@/lib/refunds/retry-live-refunds";
import type { ChargeAttempt, MerchantSettings, SubscriptionStatus } from "@/lib/db/schema";
import {
  reserveAttempts,
  sendAndSettle,
  type ReservedAttempt,
} from "@/lib/billing/charge-outstanding-period";
import {
  claimDueSubscriptions,
  finishLeases,
  releaseLeases,
} from "@/lib/billing/claim-due-subscriptions";
import { crashPoint } from "@/lib/billing/crash-points";
import { requestDueConsents, type ConsentRunSummary } from "@/lib/billing/request-due-consents";
import { createGroupSettle } from "@/lib/billing/group-settle";
import {
  cancelLongUnpaidSubscriptions,
  expireIncompleteSubscriptions,
} from "@/lib/billing/end-overdue-subscriptions";
import { templateContextOf } from "@/lib/notifications/enqueue-notification";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { isDueAt } from "@/lib/billing/live-statuses";
import {
  dueRules,
  outcomeOfReservation,
  type DueOutcome,
} from "@/lib/billing/process-due-subscription";
import {
  applySettledPlanChanges,
  type PlanChangeSweep,
} from "@/lib/billing/apply-settled-plan-changes";
import { countDueSubscriptions } from "@/lib/billing/count-due-subscriptions";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { canReconcile, reconcileChargeAttempt } from "@/lib/billing/reconcile-charge-attempt";
import { reconcileUnresolvedAttempts } from "@/lib/billing/reconcile-unresolved-attempts";
import { runConcurrently } from "@/lib/billing/run-concurrently";
import { createClaimWindow } from "@/lib/billing/claim-window";
import { leaseProviderCapacity, type ProviderCapacity } from "@/lib/billing/provider-capacity";
import { providerInFlightLimit } from "@/lib/billing/provider-in-flight-limit";
import { fanOutBilling, type FanOutSummary, type StartWorkers } from "./billing-fan-out";

// One pass of the billing engine (docs/billing.md), run by the hourly cron route and by
// `npm run billing:run`. It orchestrates lib/billing (and refunds, registrations) and lives
// outside it: the engine never imports the jobs that drive it.
//   1. reconcile attempts left pending/unknown, by looking their order ids up (every purpose:
//      a proration's settle hook applies the plan change it paid for);
//   2. expire `incomplete` subscriptions past incomplete_expires_at, cancel long-`unpaid` ones;
//   3. claim due subscriptions in batches under a lease and process each (renew, convert a trial,
//      retry dunning, end at period end …) with bounded concurrency towards the provider: the
//      run's share of the global per-provider cap, held as slot leases in PostgreSQL
//      (provider-capacity.ts), so it adds up with every other run and worker;
//   4. re-send refunds whose answer never came, once they are past a grace period
//      (retry-live-refunds.ts), with the same refundNo and amount;
//   5. send the consent requests that are due, sweep registrations stuck before approval.
// It stops claiming at its time budget minus a margin; whatever is left is picked up by the next
// run. Given `startWorkers` (the cron route), it first counts the due backlog and, when one
// invocation cannot clear it, starts worker invocations that charge beside it
// (billing-fan-out.ts, docs/billing-fan-out.md). Every timestamp it writes comes from `now`, so a test or `--now` can bill any moment, and
// repeating a run for the same moment changes nothing.

export type BillingRunOptions = {
  /** The moment being billed (default: the wall clock at start). */
  now?: Date;
  providerFor?: ProviderFor;
  /** Concurrent requests towards the provider (default merchant_settings.charge_concurrency). */
  concurrency?: number;
  /** Subscriptions claimed per statement (default 4 × concurrency, at least 32). */
  batchSize?: number;
  /** Wall-clock budget of the whole run (default 300 s, the cron route's maxDuration). */
  budgetMs?: number;
  /** Claiming stops this long before the budget ends, leaving time to finish what is in flight. */
  marginMs?: number;
  /** Sweep pending registrations (default true). */
  sweepRegistrations?: boolean;
  /** Starts worker invocations when the backlog is more than this run clears (the cron route). */
  startWorkers?: StartWorkers;
  /**
   * Called after each charge with its wall time, the part spent waiting for the provider's
   * answer, and the part spent waiting for a free slot under `concurrency`.
   */
  onCharge?: (timing: { totalMs: number; providerMs: number; waitedMs: number }) => void;
};

/** Every count of a billing pass at zero: the hourly run's and a fan-out worker's start. */
export function zeroPassCounts(): Pick<BillingRunSummary, PassCountName> {
  return {
    claimed: 0,
    succeeded: 0,
    declined: 0,
    unknown: 0,
    needsNewMethod: 0,
    configError: 0,
    inFlight: 0,
    ended: 0,
    dunningExhausted: 0,
    methodUnusable: 0,
    skipped: 0,
    errors: 0,
    reconciled: 0,
    stillUnknown: 0,
    expired: 0,
    canceled: 0,
    refundsRetried: 0,
    refundsResolved: 0,
  };
}

type PassCountName = Exclude<Counter, "chargingMs" | "remaining" | "durationMs">;

export type BillingRunSummary = {
  runId: string;
  now: string;
  /** Due subscriptions claimed and processed. */
  claimed: number;
  /** Charges sent this run, by answer. */
  succeeded: number;
  declined: number;
  unknown: number;
  needsNewMethod: number;
  configError: number;
  /** Claimed, but an attempt of the period is already live (awaiting a lookup). */
  inFlight: number;
  /** Ended without a charge: canceled at period end, or a trial that did not convert. */
  ended: number;
  /** past_due with no usable method at its retry date → unpaid. */
  dunningExhausted: number;
  /** No usable method at renewal → past_due, asked to link a new one. */
  methodUnusable: number;
  skipped: number;
  errors: number;
  /** Unresolved attempts settled by a lookup, and those still unknown after one. */
  reconciled: number;
  stillUnknown: number;
  /** incomplete → canceled (incomplete_expired). */
  expired: number;
  /** unpaid → canceled after merchant_settings.unpaid_cancel_after_days. */
  canceled: number;
  /** Pending/unknown refunds re-sent with their refundNo, and those now succeeded or failed. */
  refundsRetried: number;
  refundsResolved: number;
  registrations: { active: number; failed: number; pending: number; unknown: number } | null;
  planChanges: PlanChangeSweep | null;
  consents: ConsentRunSummary | null;
  /** The backlog at the start and the workers started for it (null: no fan-out configured). */
  fanOut: FanOutSummary | null;
  /** Wall time of the charging step (step 3): the measured rate the fan-out plans with. */
  chargingMs: number;
  /** Due subscriptions still waiting after this run (the next run's backlog). */
  remaining: number;
  stoppedEarly: boolean;
  durationMs: number;
};

const DEFAULT_BUDGET_MS = 300_000;
// Periods one run may charge for one subscription that has fallen behind.
const MAX_PERIODS_PER_RUN = 24;
// Covers the charges in flight when claiming stops (provider timeout ~15 s) and the final steps.
export const DEFAULT_MARGIN_MS = 45_000;
// Beyond the run's own budget, so a live run never loses its claim; a crashed run's claims
// lapse after this.
export const LEASE_EXTRA_MS = 60_000;

type Counter = {
  [K in keyof BillingRunSummary]: BillingRunSummary[K] extends number ? K : never;
}[keyof BillingRunSummary];

const OUTCOME_FIELD: Record<DueOutcome, Counter> = {
  succeeded: "succeeded",
  declined: "declined",
  unknown: "unknown",
  needs_new_method: "needsNewMethod",
  config_error: "configError",
  in_flight: "inFlight",
  ended: "ended",
  dunning_exhausted: "dunningExhausted",
  method_unusable: "methodUnusable",
  skipped: "skipped",
};

export async function runBilling(options: BillingRunOptions = {}): Promise<BillingRunSummary> {
  const now = options.now ?? new Date();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const marginMs = Math.min(options.marginMs ?? DEFAULT_MARGIN_MS, budgetMs / 2);
  const shouldStop = () => elapsed() >= budgetMs - marginMs;

  const runId = randomUUID();
  const summary: BillingRunSummary = {
    runId,
    now: now.toISOString(),
    ...zeroPassCounts(),
    registrations: null,
    planChanges: null,
    consents: null,
    fanOut: null,
    chargingMs: 0,
    remaining: 0,
    stoppedEarly: false,
    durationMs: 0,
  };
  const cronRunId = await startCronRun(BILLING_JOB, now);
  let capacity: ProviderCapacity | null = null;

  try {
    const settings = await loadMerchantSettings(db());
    const concurrency = Math.max(1, options.concurrency ?? settings.chargeConcurrency);
    const providerFor = options.providerFor;

    // First, so the workers charge while this run reconciles and expires.
    if (options.startWorkers) {
      summary.fanOut = await fanOutBilling({
        now,
        parentRunId: cronRunId,
        concurrency,
        budgetMs,
        marginMs,
        providers: settings.enabledProviders,
        startWorkers: options.startWorkers,
      });
    }

    capacity = leaseProviderCapacity({
      holder: runId,
      want: concurrency,
      capFor: providerInFlightLimit,
    });
    const reconciled = await reconcileUnresolvedAttempts({
      now,
      concurrency,
      providerFor,
      shouldStop,
      limitFor: capacity.limitFor,
    });
    summary.reconciled = reconciled.settled;
    summary.stillUnknown = reconciled.stillUnknown;

    // Proration attempts were looked up above like any other; their settle hook applied the plan
    // change. What is left are changes settled before that hook existed.
    summary.planChanges = await applySettledPlanChanges({ now });

    summary.expired = await expireIncompleteSubscriptions({ now, shouldStop });
    summary.canceled = await cancelLongUnpaidSubscriptions({ now, shouldStop });

    const chargingStarted = performance.now();
    await chargeDueSubscriptions({
      runId,
      now,
      concurrency,
      capacity,
      batchSize: options.batchSize ?? Math.max(32, concurrency * 4),
      leaseUntil: new Date(now.getTime() + budgetMs + LEASE_EXTRA_MS),
      providerFor,
      shouldStop,
      onCharge: options.onCharge,
      summary,
      settings,
    });
    summary.chargingMs = Math.round(performance.now() - chargingStarted);
    // Other runs and workers may use the slots while this one finishes its last steps.
    await capacity.release();

    // After charging, which is what the run is for; a refund left over waits an hour at most.
    if (!shouldStop()) {
      const refundSweep = await retryLiveRefunds({ now, providerFor, shouldStop, runId });
      summary.refundsRetried = refundSweep.retried;
      summary.refundsResolved = refundSweep.resolved;
      summary.errors += refundSweep.errors;
    }

    // Consent requests due 30 days before a price rise or a trial's end, trial reminders.
    if (!shouldStop()) summary.consents = await requestDueConsents(now);

    if ((options.sweepRegistrations ?? true) && !shouldStop()) {
      summary.registrations = await sweepPendingRegistrations({ now });
    }

    summary.remaining = await countDueSubscriptions(now);
    summary.stoppedEarly = shouldStop();
    summary.durationMs = Math.round(elapsed());
    await succeedCronRun(cronRunId, summary, new Date(now.getTime() + summary.durationMs));
    return summary;
  } catch (error) {
    summary.durationMs = Math.round(elapsed());
    await capacity?.release().catch(() => {});
    await failCronRun(cronRunId, error, new Date(now.getTime() + summary.durationMs), summary);
    throw error;
  }
}

type Work =
  | { kind: "send"; id: string; reservation: ReservedAttempt }
  | { kind: "in_flight"; id: string; attempt: ChargeAttempt }
  | { kind: "done"; id: string; outcome: DueOutcome | "error" };

// How long a provider's answer waits for others to share its settle transaction. A batch of
// successes costs the same few statements whatever its size (lib/billing/settle-paid-periods.ts),
// so the bigger the batch, the less CPU per charge, in the engine and in PostgreSQL: with 16
// requests in flight at 100 ms, 20 ms gathered 4.7 answers per commit on average, and 50 ms cuts
// the engine's and its PostgreSQL's CPU per charge from 3.6 to 3.1 ms (bench:billing). It
// delays only the commit, outside the provider slots, and the workers (three per slot, below)
// cover the wait: with two per slot, a 100 ms linger already cost throughput (ratio 0.83).
const SETTLE_LINGER_MS = 50;

/** Counters of the charging step: the billing run's summary, or a worker's. */
export type ChargeCounters = Pick<BillingRunSummary, Counter | "claimed">;

/**
 * Step 3 of the billing run, also the whole of a fan-out worker (run-billing-worker.ts): claims
 * due subscriptions batch by batch under `runId`'s lease and charges them, each request to a
 * provider holding one of the run's slots in `capacity`.
 */
export async function chargeDueSubscriptions(input: {
  runId: string;
  now: Date;
  concurrency: number;
  capacity: ProviderCapacity;
  batchSize: number;
  leaseUntil: Date;
  providerFor: ProviderFor | undefined;
  shouldStop: () => boolean;
  onCharge: BillingRunOptions["onCharge"];
  summary: ChargeCounters;
  // The settings row as the run read it at its start: the receipts' business name and contacts
  // for the whole run (a change during a run shows from the next one).
  settings: MerchantSettings;
}): Promise<void> {
  const { runId, now, summary, capacity } = input;
  const prepare = dueRules(now);
  // The capacity's slots bound the requests in flight to each provider (at most `concurrency`
  // per provider for this run). Reserving and settling happen outside that bound, so there are
  // more workers than slots: while some commit, others already have their next request on the
  // wire.
  const settle = createGroupSettle({
    now,
    lingerMs: SETTLE_LINGER_MS,
    templateContext: templateContextOf(input.settings),
    beforeCommit: () => crashPoint("after_response_before_commit"),
  });
  const claimedIds: string[] = [];
  let processed: string[] = [];
  // Claims no further ahead than the slots send soon (claim-window.ts), so that when the backlog
  // runs out no run sits on a batch that idle runs and workers could have shared.
  const claimWindow = createClaimWindow({
    concurrency: input.concurrency,
    batchSize: input.batchSize,
  });

  // Pulled by the workers: when everything claimed so far has been handed out, releases what
  // was processed meanwhile, claims the next batch and reserves its attempts in one
  // transaction. Subscriptions that need no charge (ended, in flight, …) are done right there.
  async function* work(): AsyncGenerator<Work> {
    while (!input.shouldStop()) {
      const done = processed;
      processed = [];
      await releaseLeases(runId, done, now);
      const ids = await claimDueSubscriptions({
        runId,
        now,
        leaseUntil: input.leaseUntil,
        limit: claimWindow.claimSize(),
      });
      if (ids.length === 0) return;
      claimedIds.push(...ids);
      crashPoint("after_claim");
      const reservations = await reserveAttempts(ids, now, prepare);
      crashPoint("after_attempt_insert");
      for (const id of ids) {
        await claimWindow.room();
        const reservation = reservations.get(id);
        if (reservation?.kind === "reserved") {
          yield { kind: "send", id, reservation };
        } else if (reservation?.kind === "in_flight") {
          yield { kind: "in_flight", id, attempt: reservation.attempt };
        } else if (!reservation || reservation.kind === "error") {
          console.error(`[billing] reserving subscription ${id} failed:`, reservation?.error);
          yield { kind: "done", id, outcome: "error" };
        } else {
          yield { kind: "done", id, outcome: outcomeOfReservation(reservation) };
        }
      }
    }
  }

  const count = (outcome: DueOutcome | "error") => {
    if (outcome === "error") summary.errors += 1;
    else summary[OUTCOME_FIELD[outcome]] += 1;
  };

  // A claimed subscription whose period has a live attempt from an earlier moment is resolved
  // here, by the run holding its lease: look the order id up and, if nothing was charged under
  // it, charge the period now. Whichever run claims it gets the same result, so concurrent runs
  // for one moment end where a single run would.
  async function readyToSend(item: Work): Promise<ReservedAttempt | null> {
    if (item.kind === "send") return item.reservation;
    if (item.kind === "done") {
      count(item.outcome);
      return null;
    }
    if (!canReconcile(item.attempt, now)) {
      count("in_flight");
      return null;
    }
    const { outcome } = await capacity.limitFor(item.attempt.provider)(() =>
      reconcileChargeAttempt(item.attempt.id, { now, providerFor: input.providerFor }),
    );
    if (outcome === "settled") summary.reconciled += 1;
    if (outcome === "still_unknown") summary.stillUnknown += 1;
    if (outcome !== "settled" && outcome !== "already_settled") {
      count("in_flight");
      return null;
    }
    return reserveNext(item.id);
  }

  async function reserveNext(id: string): Promise<ReservedAttempt | null> {
    const next = (await reserveAttempts([id], now, prepare)).get(id);
    if (next?.kind === "reserved") return next;
    if (!next || next.kind === "error") count("error");
    else if (next.kind !== "skipped") count(outcomeOfReservation(next));
    return null;
  }

  try {
    // Three workers per slot: one waiting for the provider, the others reserving or waiting for
    // their answer's commit (SETTLE_LINGER_MS), so the slots stay busy.
    await runConcurrently(work(), input.concurrency * 3, async (item) => {
      // A claimed charge handed out counts as waiting until it has a provider slot.
      let waiting = item.kind === "send" ? claimWindow.waitForSlot : null;
      try {
        let reservation: ReservedAttempt | null = null;
        try {
          reservation = await readyToSend(item);
        } catch (error) {
          // Looking up an earlier attempt or settling its answer failed (the database, most
          // likely). The attempt stays live for the next run to look up again; the rest of this
          // run goes on, as it does when a charge's own settle fails below.
          count("error");
          console.error(
            `[billing] resolving subscription ${item.id}'s live attempt failed:`,
            error,
          );
        }
        // A subscription several periods behind (the cron was down, a late dunning retry of a
        // short plan) is still due after a successful charge: charge the next period too, so
        // that one run leaves what any number of runs for this moment would.
        for (let periods = 0; reservation && periods < MAX_PERIODS_PER_RUN; periods++) {
          const startedAt = performance.now();
          try {
            const slot = capacity.limitFor(reservation.method.provider);
            const wait = waiting?.(slot);
            waiting = null;
            const settled = await sendAndSettle(reservation, {
              now,
              providerFor: input.providerFor,
              settle,
              limit: wait?.limit ?? slot,
            }).finally(() => wait?.done());
            claimWindow.observe(settled.providerMs);
            count(settled.result);
            input.onCharge?.({
              totalMs: performance.now() - startedAt,
              providerMs: settled.providerMs,
              waitedMs: settled.waitedMs,
            });
            reservation =
              settled.result === "succeeded" && stillDue(settled.subscription, now)
                ? await reserveNext(item.id)
                : null;
          } catch (error) {
            // The attempt stays pending; the next run looks its order id up.
            count("error");
            console.error(`[billing] charging subscription ${item.id} failed:`, error);
            reservation = null;
          }
        }
      } finally {
        summary.claimed += 1;
        processed.push(item.id);
      }
    });
  } finally {
    await finishLeases(runId, claimedIds);
  }
}

function stillDue(
  subscription: { status: SubscriptionStatus; nextChargeAt: Date | null } | null,
  now: Date,
): boolean {
  return subscription !== null && isDueAt(subscription, now);
}
