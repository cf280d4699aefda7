import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import { isAllowedCallbackUrl } from "./callback-origins";

// The due-deliveries mechanism every sandbox uses for what the provider POSTs to the merchant
// (Toss Pay's billing-key callbacks, Toss Payments' webhooks). Deliveries are rows, so a
// restart loses none. Each sandbox keeps its own table with the same columns (see
// DELIVERY_COLUMNS); this module claims the due rows, sends them, and records the outcome.
// Only URLs on the allowed origins are ever fetched (callback-origins.ts), and what is kept of
// a failure is a category ("connection refused", "timeout", "HTTP 500"), never the network
// library's message, which can name internal addresses.

/**
 * The columns a deliveries table must have (snake_case in the database): id uuid, url text,
 * payload jsonb, state ('pending' | 'delivered' | 'failed'), attempts int, max_attempts int,
 * next_attempt_at, last_attempt_at, delivered_at (timestamptz), last_status int, last_error text.
 */
export const DELIVERY_COLUMNS = [
  "id",
  "url",
  "payload",
  "state",
  "attempts",
  "max_attempts",
  "next_attempt_at",
  "last_attempt_at",
  "delivered_at",
  "last_status",
  "last_error",
] as const;

const DELIVERY_TIMEOUT_MS = 10_000;
// A claimed delivery is invisible to other passes for this long (longer than the request
// timeout), so two processes or overlapping passes never send the same attempt twice.
const CLAIM_LEASE_MS = 60_000;
const BATCH_SIZE = 20;

/** Refused before any request: the URL is not on an allowed origin. */
export const REFUSED_ORIGIN_ERROR = "refused: not an allowed callback origin";

/** One claimed delivery; `attempts` counts this one (1 for the first delivery). */
export type ClaimedDelivery = {
  id: string;
  url: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};

/** A stored delivery as read back from a sandbox's deliveries table (DELIVERY_COLUMNS). */
export type StoredDelivery = {
  url: string;
  payload: unknown;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
};

/** How a delivery is going, as the developer tools show it (JSON). */
export function deliveryProgress(d: StoredDelivery) {
  return {
    url: d.url,
    payload: d.payload,
    state: d.state,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    nextAttemptAt: d.state === "pending" ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export type DeliveryOptions = {
  /** Origins a delivery may be sent to (callback-origins.ts); any other URL is not fetched. */
  allowedOrigins: readonly string[];
  /** How long after failed attempt number `attempts` (1-based) the next one is due. */
  retryDelayMs: (attempts: number) => number;
  /**
   * Extra request headers of this attempt (Toss Payments' transmission id, time, retry count;
   * PortOne's Standard Webhooks signature, which covers `body`, the exact bytes sent).
   */
  headers?: (
    delivery: ClaimedDelivery,
    sentAt: Date,
    body: string,
  ) => Record<string, string> | Promise<Record<string, string>>;
  now?: () => Date;
};

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
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json;charset=UTF-8", ...headers },
      body,
      // A redirect is not a 200: neither Toss follows it, so neither do we.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status, error: null };
  } catch (error) {
    return { status: null, error: deliveryFailureCategory(error) };
  }
}

async function finish(db: Database, table: PgTable, id: string, set: SQL): Promise<void> {
  await db.execute(sql`update ${table} set ${set} where id = ${id}`);
}

/** Claims the deliveries of `table` that are due and sends them; returns how many were tried. */
export async function processDueDeliveries(
  db: Database,
  table: PgTable,
  options: DeliveryOptions,
): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimedAt = now();
  const lease = new Date(claimedAt.getTime() + CLAIM_LEASE_MS);
  const rows = await db.execute<{
    id: string;
    url: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }>(sql`
    update ${table}
    set attempts = attempts + 1,
        last_attempt_at = ${claimedAt.toISOString()},
        next_attempt_at = ${lease.toISOString()}
    where id in (
      select id from ${table}
      where state = 'pending' and next_attempt_at <= ${claimedAt.toISOString()}
      order by next_attempt_at
      limit ${BATCH_SIZE}
      for update skip locked
    )
    returning id, url, payload, attempts, max_attempts`);
  const claimed: ClaimedDelivery[] = [...rows].map((row) => ({
    id: row.id,
    url: row.url,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));

  await Promise.all(
    claimed.map(async (delivery) => {
      if (!isAllowedCallbackUrl(delivery.url, options.allowedOrigins)) {
        // Final: retrying cannot make the URL allowed (a row from before the rule, or from a
        // developer tool); the ledger shows why it was never sent.
        await finish(
          db,
          table,
          delivery.id,
          sql`state = 'failed', last_status = null, last_error = ${REFUSED_ORIGIN_ERROR}`,
        );
        return;
      }
      const sentAt = now();
      const body = JSON.stringify(delivery.payload);
      const result = await send(delivery.url, body, {
        ...(await options.headers?.(delivery, sentAt, body)),
      });
      const finishedAt = now();
      if (result.status === 200) {
        await finish(
          db,
          table,
          delivery.id,
          sql`state = 'delivered', delivered_at = ${finishedAt.toISOString()}, last_status = 200, last_error = null`,
        );
        return;
      }
      const exhausted = delivery.attempts >= delivery.maxAttempts;
      const next = new Date(finishedAt.getTime() + options.retryDelayMs(delivery.attempts));
      await finish(
        db,
        table,
        delivery.id,
        sql`state = ${exhausted ? "failed" : "pending"},
            next_attempt_at = ${next.toISOString()},
            last_status = ${result.status},
            last_error = ${result.error ?? `HTTP ${result.status}`}`,
      );
    }),
  );
  return claimed.length;
}
