import type { SubscriptionStatus } from "@/lib/db/schema";

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
