import type { Executor } from "@/lib/db/client";
import type { ChargeAttempt, Plan, Subscription } from "@/lib/db/schema";
import type { ChargeLookup, ChargeResult } from "@/lib/payments/types";

// The per-purpose part of settling a charge attempt (docs/billing.md "Charging" step 3). The charge
// path records every answer on the attempt row the same way for every purpose; what the money (or
// its absence) means for the subscription differs: a period's charge advances or dunns the
// subscription (settle-period-attempt.ts), a proration's applies the plan change it paid for
// (apply-plan-change-charge.ts). A hook runs in the settle transaction, with the subscription
// locked, exactly once per attempt: only the update that closes a live attempt reaches it.

export type SettleResult = ChargeResult | ChargeLookup;

// Where the subscription stands after the hook: the run decides from it whether it is still due.
export type SubscriptionAfter = Pick<Subscription, "status" | "nextChargeAt">;

export type SettleContext = {
  sub: Subscription;
  // Of the plan, only what a settle needs: its terms for the next period, its name for notices.
  plan: Pick<Plan, "id" | "name" | "interval" | "intervalCount">;
  // The attempt as just closed: succeeded or failed.
  attempt: ChargeAttempt;
  now: Date;
  // The answer that closed a failed attempt (absent when it succeeded).
  failure?: Exclude<SettleResult, { outcome: "succeeded" | "unknown" }>;
};

export type SettleHook = (tx: Executor, ctx: SettleContext) => Promise<SubscriptionAfter>;
