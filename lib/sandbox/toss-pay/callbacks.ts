import type { Database, Executor } from "@/lib/db/client";
import { processDueDeliveries } from "@/lib/sandbox/shared/deliveries";
import { type Instrument, methodFields } from "./instruments";
import { formatKst } from "./kst-time";
import { type BillingKeyRow, callbackDeliveries } from "./schema";

// The billing-key result callback (docs/providers.md §1.4.2): POSTed to the merchant's
// resultCallback as JSON; only an HTTP 200 counts, anything else is retried every 3 minutes
// (a sandbox setting) up to 4 times, by the shared due-deliveries mechanism
// (lib/sandbox/shared/deliveries.ts).

export type CallbackAction = "ACTIVATED" | "REMOVED";

export function callbackPayload(
  action: CallbackAction,
  key: Pick<BillingKeyRow, "userId" | "displayId" | "billingKey">,
  instrument: Instrument | null,
  now: Date,
): Record<string, unknown> {
  return {
    action,
    processedTs: formatKst(now),
    userId: key.userId,
    // Echoed only when the merchant sent one.
    ...(key.displayId ? { displayId: key.displayId } : {}),
    billingKey: key.billingKey,
    // ACTIVATED carries the linked method (masked). For REMOVED the docs show no fields beyond
    // the action; the method is sent too, as Toss may add fields without notice.
    ...(instrument ? methodFields(instrument) : {}),
  };
}

export async function enqueueCallback(
  executor: Executor,
  key: Pick<BillingKeyRow, "billingKey" | "resultCallback">,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await executor.insert(callbackDeliveries).values({
    billingKey: key.billingKey,
    url: key.resultCallback,
    payload,
    nextAttemptAt: now,
    createdAt: now,
  });
}

/** Claims the callbacks that are due and sends them; returns how many were attempted. */
export function processDueCallbacks(
  db: Database,
  options: {
    retryIntervalMs: number;
    /** Origins a callback may be sent to (callback-origins.ts); any other URL is not fetched. */
    allowedOrigins: readonly string[];
    now?: () => Date;
  },
): Promise<number> {
  return processDueDeliveries(db, callbackDeliveries, {
    allowedOrigins: options.allowedOrigins,
    retryDelayMs: () => options.retryIntervalMs,
    now: options.now,
  });
}
