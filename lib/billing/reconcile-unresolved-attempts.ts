import { and, asc, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts } from "@/lib/db/schema";
import type { ProviderFor } from "./provider-for";
import { IN_FLIGHT_GRACE_MS, reconcileChargeAttempt } from "./reconcile-charge-attempt";
import { runConcurrently } from "./run-concurrently";

// Step one of every billing run: look up, by their own order ids, the attempts left pending (a
// worker died) or unknown (timeout, 5xx, lost response) — before anything new is charged, so a
// period whose charge went through is marked paid instead of being charged again.
//
// An attempt already looked up at this very moment is left alone: a run repeated for the same
// `now` must leave the same state as one run (billing.md "Invariants").

export type ReconcileSummary = { checked: number; settled: number; stillUnknown: number };

export async function reconcileUnresolvedAttempts(input: {
  now: Date;
  concurrency: number;
  providerFor?: ProviderFor;
  limit?: number;
  shouldStop?: () => boolean;
}): Promise<ReconcileSummary> {
  const { now } = input;
  const candidates = await db()
    .select({ id: chargeAttempts.id })
    .from(chargeAttempts)
    .where(
      and(
        inArray(chargeAttempts.status, ["pending", "unknown"]),
        lte(chargeAttempts.createdAt, new Date(now.getTime() - IN_FLIGHT_GRACE_MS)),
        or(isNull(chargeAttempts.lastCheckedAt), lt(chargeAttempts.lastCheckedAt, now)),
      ),
    )
    .orderBy(asc(chargeAttempts.createdAt))
    .limit(input.limit ?? 1000);

  const summary: ReconcileSummary = { checked: 0, settled: 0, stillUnknown: 0 };
  await runConcurrently(candidates, input.concurrency, async ({ id }) => {
    if (input.shouldStop?.()) return;
    try {
      const { outcome } = await reconcileChargeAttempt(id, { now, providerFor: input.providerFor });
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
