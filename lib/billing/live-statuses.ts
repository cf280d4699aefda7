import type { Subscription, SubscriptionStatus } from "@/lib/db/schema";

// Every status of a subscription that is not over: it can still be charged, changed or
// canceled. `canceled` is the only end state (lib/billing/subscription-transitions.ts).
export const LIVE_STATUSES = [
  "incomplete",
  "trialing",
  "active",
  "past_due",
  "unpaid",
] as const satisfies readonly SubscriptionStatus[];

export type LiveStatus = (typeof LIVE_STATUSES)[number];

// The statuses the billing run charges once next_charge_at has come (docs/billing.md
// "Charging"): what the claim, the due count and the lease release call "due".
export const DUE_STATUSES: readonly SubscriptionStatus[] = ["trialing", "active", "past_due"];

/** Whether the billing run would charge this subscription at `now`. */
export function isDueAt(row: Pick<Subscription, "status" | "nextChargeAt">, now: Date): boolean {
  return DUE_STATUSES.includes(row.status) && row.nextChargeAt !== null && row.nextChargeAt <= now;
}
