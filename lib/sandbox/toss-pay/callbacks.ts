import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { type Instrument, methodFields } from "./instruments";
import { formatKst } from "./kst-time";
import { type BillingKeyRow, callbackDeliveries } from "./schema";

// The billing-key result callback (providers.md §1.4.2): POSTed to the merchant's
// resultCallback as JSON; only an HTTP 200 counts, anything else is retried every 3 minutes
// (a sandbox setting) up to 4 times. Deliveries are rows, so a restart loses none.

const DELIVERY_TIMEOUT_MS = 10_000;
// A claimed delivery is invisible to other passes for this long (longer than the request
// timeout), so two processes or overlapping passes never send the same attempt twice.
const CLAIM_LEASE_MS = 60_000;
const BATCH_SIZE = 20;

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

async function send(
  url: string,
  payload: unknown,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json;charset=UTF-8" },
      body: JSON.stringify(payload),
      // A redirect is not a 200: Toss does not follow it, so neither do we.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status, error: null };
  } catch (error) {
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { status: null, error: message.slice(0, 500) };
  }
}

/** Claims the callbacks that are due and sends them; returns how many were attempted. */
export async function processDueCallbacks(
  db: Database,
  options: { retryIntervalMs: number; now?: () => Date },
): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimedAt = now();
  const due = db
    .select({ id: callbackDeliveries.id })
    .from(callbackDeliveries)
    .where(
      and(
        eq(callbackDeliveries.state, "pending"),
        lte(callbackDeliveries.nextAttemptAt, claimedAt),
      ),
    )
    .orderBy(asc(callbackDeliveries.nextAttemptAt))
    .limit(BATCH_SIZE)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(callbackDeliveries)
    .set({
      attempts: sql`${callbackDeliveries.attempts} + 1`,
      lastAttemptAt: claimedAt,
      nextAttemptAt: new Date(claimedAt.getTime() + CLAIM_LEASE_MS),
    })
    .where(inArray(callbackDeliveries.id, due))
    .returning();

  await Promise.all(
    claimed.map(async (delivery) => {
      const result = await send(delivery.url, delivery.payload);
      const finishedAt = now();
      if (result.status === 200) {
        await db
          .update(callbackDeliveries)
          .set({ state: "delivered", deliveredAt: finishedAt, lastStatus: 200, lastError: null })
          .where(eq(callbackDeliveries.id, delivery.id));
        return;
      }
      const exhausted = delivery.attempts >= delivery.maxAttempts;
      await db
        .update(callbackDeliveries)
        .set({
          state: exhausted ? "failed" : "pending",
          nextAttemptAt: new Date(finishedAt.getTime() + options.retryIntervalMs),
          lastStatus: result.status,
          lastError: result.error ?? `HTTP ${result.status}`,
        })
        .where(eq(callbackDeliveries.id, delivery.id));
    }),
  );
  return claimed.length;
}
