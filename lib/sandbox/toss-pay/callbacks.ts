import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { isAllowedCallbackUrl } from "@/lib/sandbox/shared/callback-origins";
import { type Instrument, methodFields } from "./instruments";
import { formatKst } from "./kst-time";
import { type BillingKeyRow, callbackDeliveries } from "./schema";

// The billing-key result callback (docs/providers.md §1.4.2): POSTed to the merchant's
// resultCallback as JSON; only an HTTP 200 counts, anything else is retried every 3 minutes
// (a sandbox setting) up to 4 times. Deliveries are rows, so a restart loses none. Only URLs
// on the allowed origins are ever fetched (callback-origins.ts), and what is kept of a failure
// is a category ("connection refused", "timeout", "HTTP 500"), never the network library's
// message, which can name internal addresses.

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

/** Refused before any request: the URL is not on an allowed origin. */
export const REFUSED_ORIGIN_ERROR = "refused: not an allowed callback origin";

// Node's fetch wraps the socket error (cause, or an AggregateError's errors when a name has
// several addresses); the codes are what say what happened.
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== "object") return [];
  const found: string[] = [];
  const { code, name, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string") found.push(code);
  if (typeof name === "string") found.push(name);
  found.push(...errorCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const e of errors) found.push(...errorCodes(e, depth + 1));
  return found;
}

/** A short, fixed description of why a delivery failed, safe to show to the merchant. */
export function deliveryFailureCategory(error: unknown): string {
  const codes = new Set(errorCodes(error));
  const has = (...names: string[]) => names.some((n) => codes.has(n));
  if (has("TimeoutError", "AbortError", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT")) return "timeout";
  if (has("UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT")) return "timeout";
  if (has("ECONNREFUSED")) return "connection refused";
  if (has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED")) return "connection reset";
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_NONAME")) return "host not found";
  if (has("EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL")) return "host unreachable";
  if ([...codes].some((c) => /CERT|TLS|SSL/.test(c))) return "TLS error";
  return "request failed";
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
    return { status: null, error: deliveryFailureCategory(error) };
  }
}

/** Claims the callbacks that are due and sends them; returns how many were attempted. */
export async function processDueCallbacks(
  db: Database,
  options: {
    retryIntervalMs: number;
    /** Origins a callback may be sent to (callback-origins.ts); any other URL is not fetched. */
    allowedOrigins: readonly string[];
    now?: () => Date;
  },
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
      if (!isAllowedCallbackUrl(delivery.url, options.allowedOrigins)) {
        // Final: retrying cannot make the URL allowed (a row from before the rule, or from a
        // developer tool); the ledger shows why it was never sent.
        await db
          .update(callbackDeliveries)
          .set({ state: "failed", lastStatus: null, lastError: REFUSED_ORIGIN_ERROR })
          .where(eq(callbackDeliveries.id, delivery.id));
        return;
      }
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
