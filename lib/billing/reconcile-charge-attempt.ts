import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, type ChargeAttempt } from "@/lib/db/schema";
import { callProvider } from "@/lib/payments/call-provider";
import type { ChargeLookup } from "@/lib/payments/types";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { settleChargeAttempt } from "./settle-charge-attempt";

// An attempt left pending (a worker died, or the request may still be in flight) or unknown
// (timeout, 5xx, lost response) is resolved only by looking its order id up
// (docs/billing.md "Charging" step 4) — never by sending a new order id. Every purpose (renewal, first
// charge, proration, retry) is resolved here and only here; this is the one place that asks a
// provider to look a charge up.

// A live attempt younger than this may still be in flight in another worker (client timeout
// ~15 s): leave it alone.
export const IN_FLIGHT_GRACE_MS = 60_000;

// "No payment under this order id" is only believed once the attempt is old enough that no
// request for it can still be running at the provider. Toss Pay says a payment stuck in
// progress for over 10 minutes is a case for its support (docs/providers.md §1.5
// TRANSACTION_PENDING_ERROR), so anything younger might still appear: we wait that long.
export const NOT_FOUND_TRUSTED_AFTER_MS = 10 * 60_000;

/**
 * Whether a run for the moment `now` may look the attempt up: old enough that no request for it
 * can still be in flight, and not already looked up at this very moment (a run repeated for the
 * same `now` must leave the same state as one run).
 */
export function canReconcile(
  attempt: Pick<ChargeAttempt, "status" | "createdAt" | "lastCheckedAt">,
  now: Date,
): boolean {
  return (
    (attempt.status === "pending" || attempt.status === "unknown") &&
    now.getTime() - attempt.createdAt.getTime() >= IN_FLIGHT_GRACE_MS &&
    (attempt.lastCheckedAt === null || attempt.lastCheckedAt < now)
  );
}

// too_recent: younger than the in-flight grace, or already looked up at this very moment.
export type ReconcileOutcome = "too_recent" | "settled" | "still_unknown" | "already_settled";

export async function reconcileChargeAttempt(
  attemptId: string,
  options: { now?: Date; providerFor?: ProviderFor } = {},
): Promise<{ outcome: ReconcileOutcome; attempt: ChargeAttempt | null }> {
  const now = options.now ?? new Date();
  const [attempt] = await db()
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.id, attemptId));
  if (!attempt || (attempt.status !== "pending" && attempt.status !== "unknown")) {
    return { outcome: "already_settled", attempt: attempt ?? null };
  }
  if (!canReconcile(attempt, now)) return { outcome: "too_recent", attempt };
  const age = now.getTime() - attempt.createdAt.getTime();

  const providerFor = options.providerFor ?? defaultProviderFor;
  let lookup: ChargeLookup = await callProvider("lookup", () =>
    providerFor(attempt.provider).lookUpCharge({ orderId: attempt.orderId }),
  );

  if (lookup.outcome === "not_found" && age < NOT_FOUND_TRUSTED_AFTER_MS) {
    lookup = {
      ...lookup,
      outcome: "unknown",
      code: "NOT_FOUND_YET",
      merchantMessage: `No payment under ${attempt.orderId} yet; waiting before believing it.`,
    };
  }
  // A refused lookup (bad API key, merchant not enabled) says nothing about whether the charge
  // went through, so it must not close the attempt: closing it would let the next run charge
  // the period again under a new order id.
  if (lookup.outcome === "config_error") lookup = { ...lookup, outcome: "unknown" };
  // A lookup that cannot say (still running, provider down) leaves the attempt unknown.
  const settled = await settleChargeAttempt(attempt.id, lookup, { now });
  if (!settled) return { outcome: "already_settled", attempt: null };
  return {
    outcome: settled.status === "unknown" ? "still_unknown" : "settled",
    attempt: settled,
  };
}
