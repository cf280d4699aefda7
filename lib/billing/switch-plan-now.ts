import type { Executor } from "@/lib/db/client";
import type { Subscription } from "@/lib/db/schema";
import { expireOpenRequest } from "./consent-requests";
import { updateSubscription } from "./update-subscription";

/** Switches plan and price now, cancelling a scheduled change and moot price-rise requests. */
export async function switchPlanNow(
  tx: Executor,
  sub: Subscription,
  target: { id: string; amount: number; amountTaxFree: number },
  now: Date,
  periodPatch: Partial<Subscription> = {},
): Promise<Subscription> {
  const updated = await updateSubscription(
    tx,
    sub,
    {
      planId: target.id,
      priceAmount: target.amount,
      priceAmountTaxFree: target.amountTaxFree,
      pendingPlanId: null,
      ...periodPatch,
    },
    now,
  );
  // The customer chose the new price themselves; a request about the old plan's rise is moot.
  await expireOpenRequest(tx, sub.id, "price_increase", "plan_changed", now);
  return updated;
}
