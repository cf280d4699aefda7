import type { Subscription, SubscriptionStatus } from "@/lib/db/schema";
import { addSeoulDays, nextBoundaryAfter, periodBoundary, type BillingInterval } from "./periods";
import { LIVE_STATUSES } from "./live-statuses";

// Every state change of a subscription, in one place (docs/billing.md "Subscription states").
// Pure: takes the current row and an event, returns the columns to update and the history
// entry to record. The caller writes both in the same transaction as whatever caused them
// (lib/billing/apply-transition.ts), so the state and its history never disagree.

export type PlanTerms = { interval: BillingInterval; intervalCount: number };
export type DunningPolicy = { retryDays: number[]; unpaidCancelAfterDays: number };

export type TransitionEvent =
  /** The payment method is linked and the plan has a trial: no charge until the trial ends. */
  | { type: "trial_started"; now: Date; trialDays: number }
  /** A charge for the outstanding period succeeded. */
  | { type: "period_paid"; now: Date; plan: PlanTerms; periodNumber: number }
  /** A definite decline (balance, limit, card) for the outstanding period. */
  | { type: "payment_declined"; now: Date; policy: DunningPolicy }
  /** The method can no longer be charged (key removed/invalid): stop retrying. */
  | { type: "payment_method_unusable"; now: Date; policy: DunningPolicy }
  /** The dunning window ended with no usable method: no access until the customer fixes it. */
  | { type: "dunning_exhausted"; now: Date }
  | { type: "cancel_requested"; now: Date; atPeriodEnd: boolean; reason: string }
  | { type: "resumed"; now: Date }
  /** Period end reached with cancel_at_period_end set, or a policy ended it. */
  | { type: "ended"; now: Date; reason: string };

export type TransitionResult = {
  patch: Partial<Subscription>;
  from: SubscriptionStatus;
  to: SubscriptionStatus;
  type: TransitionEvent["type"];
  data: Record<string, unknown>;
};

export class InvalidTransitionError extends Error {
  override name = "InvalidTransitionError";
}

function assertFrom(sub: Subscription, allowed: readonly SubscriptionStatus[], type: string) {
  if (!allowed.includes(sub.status)) {
    throw new InvalidTransitionError(`${type} is not allowed from ${sub.status}`);
  }
}

function result(
  sub: Subscription,
  event: TransitionEvent,
  patch: Partial<Subscription>,
  data: Record<string, unknown> = {},
): TransitionResult {
  return {
    patch: { ...patch, updatedAt: event.now },
    from: sub.status,
    to: patch.status ?? sub.status,
    type: event.type,
    data,
  };
}

/**
 * When the next dunning retry is due after `failures` failed attempts for the outstanding
 * period (the first failure counts as 1), or null when the retries are used up.
 * Default retryDays [1,3,5,7] → D+1, D+3, D+5, D+7 from the first failure.
 */
export function nextRetryAt(
  firstFailureAt: Date,
  failures: number,
  retryDays: number[],
): Date | null {
  const day = retryDays[failures - 1];
  return day === undefined ? null : addSeoulDays(firstFailureAt, day);
}

/**
 * The retry after a failure at `now`: on schedule (nextRetryAt), or, when that date has already
 * passed (the cron ran late), the configured gap after this failure — never at once, so a late
 * run cannot fire the remaining retries back to back, and a run repeated for the same moment
 * finds nothing due.
 */
export function retryAfterFailure(
  firstFailureAt: Date,
  failures: number,
  retryDays: number[],
  now: Date,
): Date | null {
  const scheduled = nextRetryAt(firstFailureAt, failures, retryDays);
  if (!scheduled || scheduled > now) return scheduled;
  const gapDays = (retryDays[failures - 1] ?? 0) - (retryDays[failures - 2] ?? 0);
  return addSeoulDays(now, Math.max(1, gapDays));
}

export function transition(sub: Subscription, event: TransitionEvent): TransitionResult {
  switch (event.type) {
    case "trial_started": {
      assertFrom(sub, ["incomplete"], event.type);
      const trialEnd = addSeoulDays(event.now, event.trialDays);
      return result(sub, event, {
        status: "trialing",
        trialStart: event.now,
        trialEnd,
        nextChargeAt: trialEnd,
        incompleteExpiresAt: null,
      });
    }

    case "period_paid": {
      assertFrom(sub, LIVE_STATUSES, event.type);
      if (event.periodNumber !== sub.periodNumber + 1) {
        throw new InvalidTransitionError(
          `paid period ${event.periodNumber} but the outstanding period is ${sub.periodNumber + 1}`,
        );
      }
      // Anniversary billing: the first period starts when the first charge succeeds or the
      // trial ends. A subscriber recovering from `unpaid` had no access meanwhile, so they
      // start a fresh period now instead of paying for the gap. Otherwise periods follow the
      // anchor, so a late retry still pays for the period that was due.
      let anchor: Date;
      let start: Date;
      // A trial converts into its first period at trial end, also when that first charge only
      // succeeds on a dunning retry (past_due with grace access, no anchor yet).
      const convertingTrial =
        sub.status === "trialing" || (sub.status === "past_due" && !sub.billingAnchorAt);
      if (convertingTrial) {
        anchor = sub.trialEnd ?? event.now;
        start = anchor;
      } else if (!sub.billingAnchorAt || sub.status === "incomplete" || sub.status === "unpaid") {
        anchor = event.now;
        start = event.now;
      } else {
        anchor = sub.billingAnchorAt;
        start = sub.currentPeriodEnd ?? event.now;
      }
      const end =
        start.getTime() === anchor.getTime()
          ? periodBoundary(anchor, event.plan.interval, event.plan.intervalCount, 1)
          : nextBoundaryAfter(anchor, event.plan.interval, event.plan.intervalCount, start);
      return result(
        sub,
        event,
        {
          status: "active",
          periodNumber: event.periodNumber,
          billingAnchorAt: anchor,
          currentPeriodStart: start,
          currentPeriodEnd: end,
          nextChargeAt: end,
          dunningAttempts: 0,
          dunningStartedAt: null,
          unpaidSince: null,
          incompleteExpiresAt: null,
        },
        { periodNumber: event.periodNumber, periodStart: start, periodEnd: end },
      );
    }

    case "payment_declined": {
      // A declined first charge leaves the subscription incomplete: the customer is on the
      // page and can try again or use another method; it expires after 23 hours.
      if (sub.status === "incomplete") return result(sub, event, {}, { failures: 1 });
      assertFrom(sub, ["trialing", "active", "past_due"], event.type);
      const failures = sub.dunningAttempts + 1;
      const firstFailureAt = sub.dunningStartedAt ?? event.now;
      const retryAt = retryAfterFailure(
        firstFailureAt,
        failures,
        event.policy.retryDays,
        event.now,
      );
      if (!retryAt) {
        return result(
          sub,
          event,
          {
            status: "unpaid",
            dunningAttempts: failures,
            dunningStartedAt: firstFailureAt,
            unpaidSince: event.now,
            nextChargeAt: null,
          },
          { failures },
        );
      }
      return result(
        sub,
        event,
        {
          status: "past_due",
          dunningAttempts: failures,
          dunningStartedAt: firstFailureAt,
          nextChargeAt: retryAt,
        },
        { failures, nextRetryAt: retryAt.toISOString() },
      );
    }

    case "payment_method_unusable": {
      if (sub.status === "incomplete") return result(sub, event, {}, {});
      assertFrom(sub, ["trialing", "active", "past_due"], event.type);
      // No retries against a dead key. The subscription keeps its grace until the end of the
      // normal dunning window; the engine then finds no usable method and marks it unpaid.
      // Linking a new method charges the outstanding period at once.
      const firstFailureAt = sub.dunningStartedAt ?? event.now;
      const lastDay = event.policy.retryDays.at(-1) ?? 0;
      const windowEnds = addSeoulDays(firstFailureAt, lastDay);
      if (windowEnds <= event.now) {
        // The dunning window is already over (a retry of an old failure found the key dead).
        return result(
          sub,
          event,
          {
            status: "unpaid",
            dunningAttempts: sub.dunningAttempts + 1,
            dunningStartedAt: firstFailureAt,
            unpaidSince: event.now,
            nextChargeAt: null,
          },
          { needsNewMethod: true },
        );
      }
      return result(
        sub,
        event,
        {
          status: "past_due",
          dunningAttempts: sub.dunningAttempts + 1,
          dunningStartedAt: firstFailureAt,
          nextChargeAt: windowEnds,
        },
        { needsNewMethod: true },
      );
    }

    case "dunning_exhausted": {
      assertFrom(sub, ["past_due"], event.type);
      return result(sub, event, { status: "unpaid", unpaidSince: event.now, nextChargeAt: null });
    }

    case "cancel_requested": {
      assertFrom(sub, LIVE_STATUSES, event.type);
      // Only a paid or trialing period can run to its end; anything else ends now.
      const canWaitForPeriodEnd =
        event.atPeriodEnd && (sub.status === "active" || sub.status === "trialing");
      if (canWaitForPeriodEnd) {
        return result(
          sub,
          event,
          { cancelAtPeriodEnd: true, canceledAt: event.now, cancellationReason: event.reason },
          { atPeriodEnd: true },
        );
      }
      return result(
        sub,
        event,
        {
          status: "canceled",
          cancelAtPeriodEnd: false,
          canceledAt: event.now,
          endedAt: event.now,
          cancellationReason: event.reason,
          nextChargeAt: null,
        },
        { atPeriodEnd: false },
      );
    }

    case "resumed": {
      assertFrom(sub, ["active", "trialing"], event.type);
      if (!sub.cancelAtPeriodEnd) throw new InvalidTransitionError("not scheduled to cancel");
      return result(sub, event, {
        cancelAtPeriodEnd: false,
        canceledAt: null,
        cancellationReason: null,
      });
    }

    case "ended": {
      assertFrom(sub, LIVE_STATUSES, event.type);
      return result(
        sub,
        event,
        {
          status: "canceled",
          cancelAtPeriodEnd: false,
          endedAt: event.now,
          canceledAt: sub.canceledAt ?? event.now,
          cancellationReason: sub.cancellationReason ?? event.reason,
          nextChargeAt: null,
        },
        { reason: event.reason },
      );
    }
  }
}
