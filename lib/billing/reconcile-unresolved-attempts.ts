import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, subscriptions } from "@/lib/db/schema";
import { DUE_STATUSES } from "./live-statuses";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { IN_FLIGHT_GRACE_MS, reconcileChargeAttempt } from "./reconcile-charge-attempt";
import { runConcurrently } from "./run-concurrently";
import { isLiveAttempt } from "./live-attempts";
import type { Provider } from "./provider-slots";
import type { Limit } from "./limit";

// Step one of every billing run: look up, by their own order ids, the attempts left pending (a
// worker died) or unknown (timeout, 5xx, lost response) — before anything new is charged, so a
// period whose charge went through is marked paid instead of being charged again.
//
// An attempt already looked up at this very moment is left alone: a run repeated for the same
// `now` must leave the same state as one run (docs/billing.md "Invariants").
//
// Every purpose is looked up here (a proration attempt's settle hook then applies its plan
// change). Period attempts of subscriptions that are due are not: the run that claims such a
// subscription resolves its attempt under its lease and charges the period straight away if
// nothing was charged (run-billing.ts). One owner per due subscription means two concurrent
// runs cannot split that work between them (one settling the attempt after the other has
// already passed the subscription by).

export type ReconcileSummary = { checked: number; settled: number; stillUnknown: number };

export async function reconcileUnresolvedAttempts(input: {
  now: Date;
  concurrency: number;
  providerFor?: ProviderFor;
  limit?: number;
  shouldStop?: () => boolean;
  // The run's share of the global per-provider cap (provider-capacity.ts): each lookup holds
  // one of its provider's slots.
  limitFor?: (provider: Provider) => Limit;
}): Promise<ReconcileSummary> {
  const { now } = input;
  const candidates = await db()
    .select({ id: chargeAttempts.id, provider: chargeAttempts.provider })
    .from(chargeAttempts)
    .where(
      and(
        isLiveAttempt(),
        lte(chargeAttempts.createdAt, new Date(now.getTime() - IN_FLIGHT_GRACE_MS)),
        or(isNull(chargeAttempts.lastCheckedAt), lt(chargeAttempts.lastCheckedAt, now)),
        or(
          eq(chargeAttempts.purpose, "proration"),
          notExists(
            db()
              .select({ one: sql`1` })
              .from(subscriptions)
              .where(
                and(
                  eq(subscriptions.id, chargeAttempts.subscriptionId),
                  inArray(subscriptions.status, [...DUE_STATUSES]),
                  lte(subscriptions.nextChargeAt, now),
                ),
              ),
          ),
        ),
      ),
    )
    .orderBy(asc(chargeAttempts.createdAt))
    .limit(input.limit ?? 1000);

  const summary: ReconcileSummary = { checked: 0, settled: 0, stillUnknown: 0 };
  await runConcurrently(candidates, input.concurrency, async ({ id, provider }) => {
    if (input.shouldStop?.()) return;
    const limit: Limit = input.limitFor?.(provider) ?? ((fn) => fn());
    try {
      const { outcome } = await limit(() =>
        reconcileChargeAttempt(id, { now, providerFor: input.providerFor }),
      );
      if (outcome === "too_recent" || outcome === "already_settled") return;
      summary.checked += 1;
      if (outcome === "settled") summary.settled += 1;
      else summary.stillUnknown += 1;
    } catch (error) {
      summary.stillUnknown += 1;
      console.error(`[billing] reconciling attempt ${id} failed:`, error);
    }
  });
  return summary;
}
