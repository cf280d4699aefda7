import { and, desc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { chargeAttempts, paymentMethods, providerEvents } from "@/lib/db/schema";
import { reconcileChargeAttempt } from "@/lib/billing/reconcile-charge-attempt";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import type { ProviderEvent, ProviderEventType, ProviderName } from "@/lib/payments/types";
import { methodInputOf } from "./method-input";
import { confirmNamedKey } from "./confirm-named-key";
import { refreshMethodDetails } from "./refresh-method-details";
import { reportMethodRemoval } from "./report-method-removal";
import { syncRegistration } from "./sync-registration";
import { throttleStatusChecks } from "./throttle-status-checks";

// Every callback and webhook: logged first (provider_events), deduplicated, then confirmed
// with the provider before anything changes. Toss Pay's resultCallback is unsigned, so its
// contents are only a hint: which key to ask about. A forged or unknown callback changes
// nothing but its own log row.
//
// An event is marked processed only once its outcome is final (the registration ended, the
// removal is confirmed, no method of ours has the key). Otherwise — the provider still says
// "pending", does not confirm a removal, or the status check was throttled ("deferred: …") —
// it stays unprocessed, so the next delivery of the same event (same action and key) is
// handled again instead of being dropped as a duplicate. Nothing is lost when no delivery
// comes: the waiting page polls and the billing cron's sweeper (sweepPendingRegistrations)
// confirms every registration still pending with the provider.

export type HandledEvent = {
  eventId: string | null;
  outcome: string;
  // refused: it failed its signature check and was not recorded. replayed: a signed event we
  // had already settled arrived again (same webhook-id). Both are answered 4xx; nothing changed.
  // retry_later: its provider check waited for the shared status budget; answered 503 so the
  // provider delivers it again (a 200 would make this delivery the last).
  answer?: "refused" | "replayed" | "retry_later";
};

const HEADERS_KEPT = ["content-type", "user-agent", "x-forwarded-for", "x-real-ip"];
const INVALID_BODY_KEPT_CHARS = 500;

type Processed = { outcome: string; verified: boolean; settled: boolean; retryLater?: boolean };

export async function handleProviderEvent(input: {
  provider: ProviderName;
  rawBody: string;
  headers: Headers;
  sourceIp: string | null;
  now?: Date;
  providerFor?: ProviderFor;
}): Promise<HandledEvent> {
  const now = input.now ?? new Date();
  const providerFor = input.providerFor ?? defaultProviderFor;
  const provider = providerFor(input.provider);
  const parsed = await provider.parseEvent({ rawBody: input.rawBody, headers: input.headers });
  const headers = Object.fromEntries(
    HEADERS_KEPT.flatMap((h) => {
      const v = input.headers.get(h);
      return v ? [[h, v]] : [];
    }),
  );

  if (!parsed.ok && parsed.refuse) {
    return { eventId: null, outcome: `refused: ${parsed.reason}`, answer: "refused" };
  }
  if (!parsed.ok) {
    // Kept for the merchant to inspect: the size and the start of the body, as text, never
    // parsed further (a body that is not a callback has no known fields to keep).
    const [row] = await db()
      .insert(providerEvents)
      .values({
        provider: input.provider,
        eventType: "invalid",
        dedupeKey: `invalid:${now.getTime()}:${Math.random().toString(36).slice(2)}`,
        payload: {
          rawBodyBytes: Buffer.byteLength(input.rawBody),
          rawBodyStart: input.rawBody.slice(0, INVALID_BODY_KEPT_CHARS),
        },
        headers,
        sourceIp: input.sourceIp,
        verified: false,
        outcome: `rejected: ${parsed.reason}`,
        processedAt: now,
        receivedAt: now,
        lastReceivedAt: now,
      })
      .returning({ id: providerEvents.id });
    return { eventId: row?.id ?? null, outcome: "rejected" };
  }

  const { event } = parsed;
  const [logged] = await db()
    .insert(providerEvents)
    .values({
      provider: input.provider,
      eventType: event.providerType,
      dedupeKey: event.dedupeKey,
      payload: event.payload ?? {},
      headers,
      sourceIp: input.sourceIp,
      verified: event.verified,
      receivedAt: now,
      lastReceivedAt: now,
    })
    .onConflictDoUpdate({
      target: [providerEvents.provider, providerEvents.dedupeKey],
      set: { deliveries: sql`${providerEvents.deliveries} + 1`, lastReceivedAt: now },
    })
    .returning();
  if (!logged) throw new Error("provider event insert returned nothing");
  if (logged.processedAt && !logged.error) {
    return {
      eventId: logged.id,
      outcome: logged.outcome ?? "duplicate",
      // Only a signed event can be told apart from a new one with the same fields.
      ...(event.verified ? { answer: "replayed" as const } : {}),
    };
  }

  const { outcome, verified, settled, retryLater } = await processEvent(
    input.provider,
    subjectOf(event),
    now,
    {
      throttle: true,
      providerFor,
    },
  ).catch((error: unknown): Processed => {
    const message = error instanceof Error ? error.message : String(error);
    // Marked processed with its error: the next delivery retries it (see the check above).
    return { outcome: `error: ${message}`, verified: false, settled: true };
  });
  await db()
    .update(providerEvents)
    .set({
      outcome,
      verified: verified || logged.verified,
      processedAt: settled ? now : null,
      error: outcome.startsWith("error:") ? outcome : null,
    })
    .where(
      and(
        eq(providerEvents.id, logged.id),
        // A concurrent delivery of the same event may have settled it meanwhile (copies arrive
        // together); an unsettled outcome such as "deferred" must not overwrite that.
        settled
          ? undefined
          : or(isNull(providerEvents.processedAt), isNotNull(providerEvents.error)),
      ),
    );
  return { eventId: logged.id, outcome, ...(retryLater ? { answer: "retry_later" as const } : {}) };
}

/**
 * Re-runs an event from the log (admin "다시 처리"); idempotent like the first run. The log
 * never holds the billing key, so the event is read back as the fingerprint and facts it kept,
 * and the provider is asked again exactly as on arrival: the stored payload and its `verified`
 * flag are never trusted.
 */
export async function reprocessProviderEvent(
  eventId: string,
  now = new Date(),
  providerFor: ProviderFor = defaultProviderFor,
) {
  const [row] = await db().select().from(providerEvents).where(eq(providerEvents.id, eventId));
  if (!row || row.eventType === "invalid") return null;
  const subject = readLoggedEvent(row, providerFor);
  if ("unreadable" in subject)
    return { outcome: `rejected: ${subject.unreadable}`, verified: false };

  let result: Processed;
  try {
    // An admin's explicit re-run is not throttled.
    result = await processEvent(row.provider, subject, now, { throttle: false, providerFor });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db()
      .update(providerEvents)
      .set({ outcome: `error: ${message}`, processedAt: now, error: `error: ${message}` })
      .where(eq(providerEvents.id, row.id));
    throw error;
  }
  await db()
    .update(providerEvents)
    .set({
      outcome: result.outcome,
      verified: result.verified || row.verified,
      processedAt: result.settled ? now : null,
      error: null,
    })
    .where(eq(providerEvents.id, row.id));
  return { outcome: result.outcome, verified: result.verified };
}

// What processing needs from an event, whether it just arrived or is read back from the log:
// which of our methods it is about (the billing key's fingerprint, never the key) and what the
// provider says happened. Either way it is only a trigger; processEvent asks the provider.
type EventSubject = {
  type: ProviderEventType;
  billingKeyFingerprint: string | null;
  providerCustomerId: string | null;
  verified: boolean;
  // Only while the delivery is handled, never from the log: the key a signed registration
  // event names (PortOne BillingKey.Issued), which the provider confirms before it is stored.
  billingKey?: string | null;
  orderId?: string | null;
};

function subjectOf(event: ProviderEvent): EventSubject {
  return {
    type: event.type,
    billingKeyFingerprint: event.billingKey ? fingerprintBillingKey(event.billingKey) : null,
    providerCustomerId: event.customer?.providerCustomerId ?? null,
    verified: event.verified,
    billingKey: event.verified ? event.billingKey : null,
    orderId: event.orderId,
  };
}

/** Reads a logged event back through its provider: the log never holds the billing key. */
function readLoggedEvent(
  row: typeof providerEvents.$inferSelect,
  providerFor: ProviderFor,
): EventSubject | { unreadable: string } {
  let logged;
  try {
    logged = providerFor(row.provider).readLoggedEvent({
      providerType: row.eventType,
      dedupeKey: row.dedupeKey,
      payload: row.payload,
    });
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  if (!logged.ok) return { unreadable: logged.reason };
  return {
    type: logged.type,
    billingKeyFingerprint: logged.billingKeyFingerprint,
    providerCustomerId: logged.providerCustomerId,
    verified: false,
  };
}

/**
 * The newest of this provider's payment methods that match `conditions`: an event names its
 * method only by provider plus one of its ids, never by our own row id.
 */
async function newestProviderMethod(provider: ProviderName, ...conditions: SQL[]) {
  const [method] = await db()
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.provider, provider), ...conditions))
    .orderBy(desc(paymentMethods.createdAt))
    .limit(1);
  return method ?? null;
}

// At most one: (provider, billingKeyFingerprint) is unique.
async function findMethodByFingerprint(provider: ProviderName, fingerprint: string | null) {
  if (!fingerprint) return null;
  return newestProviderMethod(provider, eq(paymentMethods.billingKeyFingerprint, fingerprint));
}

/** A browser-SDK registration still waiting for its key, found by the customer id it was for. */
async function findPendingByCustomer(provider: ProviderName, providerCustomerId: string | null) {
  if (!providerCustomerId) return null;
  return newestProviderMethod(
    provider,
    eq(paymentMethods.providerCustomerId, providerCustomerId),
    eq(paymentMethods.status, "pending"),
    isNull(paymentMethods.billingKeyCiphertext),
  );
}

/**
 * A charge's status changed at the provider (PortOne Transaction.*): an attempt of ours left
 * unknown is looked up now rather than at the next billing run. The lookup, not the event,
 * decides; an attempt still in flight is left to its worker (reconcileChargeAttempt's grace).
 */
async function settleChargeEarly(
  provider: ProviderName,
  orderId: string | null,
  now: Date,
  providerFor: ProviderFor,
): Promise<Processed> {
  if (!orderId) return { outcome: "ignored: no order id", verified: false, settled: true };
  const [attempt] = await db()
    .select({ id: chargeAttempts.id, status: chargeAttempts.status })
    .from(chargeAttempts)
    .where(and(eq(chargeAttempts.provider, provider), eq(chargeAttempts.orderId, orderId)));
  if (!attempt)
    return {
      outcome: "ignored: no charge of ours has this order id",
      verified: false,
      settled: true,
    };
  if (attempt.status !== "unknown" && attempt.status !== "pending") {
    return {
      outcome: `ignored: charge ${orderId} is already ${attempt.status}`,
      verified: false,
      settled: true,
    };
  }
  const reconciled = await reconcileChargeAttempt(attempt.id, { now, providerFor });
  return {
    outcome:
      reconciled.outcome === "settled"
        ? `settled charge ${orderId} (${reconciled.attempt?.status ?? "?"})`
        : `left charge ${orderId} to the billing run (${reconciled.outcome})`,
    verified: reconciled.outcome === "settled",
    settled: true,
  };
}

async function processEvent(
  providerName: ProviderName,
  event: EventSubject,
  now: Date,
  options: { throttle: boolean; providerFor: ProviderFor },
): Promise<Processed> {
  if (event.type === "charge_updated") {
    return settleChargeEarly(providerName, event.orderId ?? null, now, options.providerFor);
  }
  const method =
    (await findMethodByFingerprint(providerName, event.billingKeyFingerprint)) ??
    (event.type === "registration_completed"
      ? await findPendingByCustomer(providerName, event.providerCustomerId)
      : null);
  // Settled: the key is ours or it is not; a later delivery cannot change that (the method row
  // is written before the customer ever sees the link that leads to the callback).
  if (!method)
    return {
      outcome: "ignored: no payment method has this billing key",
      verified: false,
      settled: true,
    };
  // Not settled: whoever sent this knew the key but not its owner; the genuine event (same
  // action and key) must still be handled when it comes.
  if (event.providerCustomerId && event.providerCustomerId !== method.providerCustomerId) {
    return {
      outcome: "ignored: customer id does not match the key's owner",
      verified: false,
      settled: false,
    };
  }
  const asksProvider =
    (event.type === "registration_completed" && method.status === "pending") ||
    (event.type === "method_removed" && method.billingKeyCiphertext !== null);
  if (options.throttle && asksProvider) {
    const decision = await throttleStatusChecks(method, event.type, now);
    if (!decision.allowed) {
      return {
        outcome: `deferred: provider checks for payment method ${method.id} are throttled; the next delivery or the registration sweep handles it (retry after ${decision.retryAfterSeconds} s)`,
        verified: false,
        settled: false,
        retryLater: decision.budgetSpent,
      };
    }
  }

  switch (event.type) {
    case "registration_completed": {
      // A browser-SDK registration holds no key until one is named: the signed event names it
      // (PortOne BillingKey.Issued after the customer closed the window), and the provider
      // confirms it exactly as the browser's return would have.
      if (method.status === "pending" && !method.billingKeyCiphertext) {
        if (!event.billingKey) {
          return {
            outcome: `deferred: payment method ${method.id} waits for the customer's return (the log keeps no key)`,
            verified: false,
            settled: false,
          };
        }
        const confirmed = await confirmNamedKey(method, { billingKey: event.billingKey }, now, {
          inline: false,
          providerFor: options.providerFor,
        });
        return {
          outcome:
            confirmed.status === "active"
              ? `activated payment method ${method.id}`
              : `not activated: payment method ${method.id} is ${confirmed.status}`,
          verified: confirmed.status === "active",
          settled: confirmed.status !== "pending",
        };
      }
      const synced = await syncRegistration(method.id, { now, providerFor: options.providerFor });
      return {
        outcome:
          synced.state === "active"
            ? synced.activation?.kind === "activated"
              ? `activated payment method ${method.id}`
              : `already active: payment method ${method.id}`
            : `not activated: provider reports ${synced.state} for ${method.id}`,
        verified: synced.state === "active",
        // Pending or unknown at the provider: the customer may still approve.
        settled: synced.state === "active" || synced.state === "failed",
      };
    }
    case "method_removed": {
      if (!method.billingKeyCiphertext)
        return { outcome: "ignored: key already gone", verified: false, settled: true };
      const confirmed = await options
        .providerFor(providerName)
        .getMethod(methodInputOf(method, method.billingKeyCiphertext));
      // No way to ask (Toss Payments): flag it, warn the customer, and let the next charge
      // confirm it (report-method-removal.ts). Settled: asking again later cannot help.
      if (confirmed.outcome === "not_supported") {
        const report = await reportMethodRemoval(method, now);
        return {
          outcome:
            report.kind === "reported"
              ? `removal reported for payment method ${method.id}; the next charge confirms it`
              : `ignored: payment method ${method.id} is ${report.kind === "not_active" ? method.status : "already reported removed"}`,
          verified: false,
          settled: true,
        };
      }
      if (confirmed.outcome !== "succeeded" || confirmed.status !== "removed") {
        return {
          outcome: "ignored: provider does not confirm the removal",
          verified: false,
          settled: false,
        };
      }
      await db()
        .update(paymentMethods)
        .set({
          status: "removed",
          removedAt: now,
          updatedAt: now,
          failureCode: "REMOVED_AT_PROVIDER",
          checkoutLinks: null,
        })
        .where(and(eq(paymentMethods.id, method.id), eq(paymentMethods.status, "active")));
      return {
        outcome: `removed payment method ${method.id} (removed at the provider)`,
        verified: true,
        settled: true,
      };
    }
    case "method_updated": {
      // PortOne BillingKey.Updated: the customer changed the card or account behind the key in
      // the Toss app (docs/providers.md §3.2). The details are read again from the provider.
      await refreshMethodDetails(method.id, now, options.providerFor, { force: true });
      return {
        outcome: `refreshed payment method ${method.id}`,
        verified: event.verified,
        settled: true,
      };
    }
    default:
      return { outcome: `ignored: ${event.type}`, verified: event.verified, settled: true };
  }
}
