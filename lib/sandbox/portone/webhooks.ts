import { createHmac } from "node:crypto";
import type { Database, Executor } from "@/lib/db/client";
import { callbackOriginsFor } from "@/lib/sandbox/shared/callback-origins";
import { processDueDeliveries } from "@/lib/sandbox/shared/deliveries";
import { webhookDeliveries } from "./schema";
import type { WebhookSettingsView as SettingsView } from "@/lib/sandbox/shared/webhook-settings";
import { findStore } from "./stores";

// Webhooks to the merchant, version 2024-04-25 (docs/providers.md §3.5): Standard Webhooks.
// Body `{type, timestamp, data}` (timestamp RFC 3339, the same on every retry); headers
// `webhook-id` (the delivery row's id, the same on every retry), `webhook-timestamp` (unix
// seconds of this attempt) and `webhook-signature: v1,<base64 HMAC-SHA256 of
// "${id}.${timestamp}.${rawBody}">` keyed with base64decode(secret without "whsec_").
// Sent to the call's noticeUrls, else the console URL (the `webhookUrl` setting); only to
// allowed origins (shared/callback-origins.ts). Anything but 200 is retried up to 5 times, at
// 1, 4, 16, 64 and 256 "minutes" (no jitter: the sandbox's choice, so tests are exact).

export type WebhookEvent =
  | {
      type: "BillingKey.Issued" | "BillingKey.Updated" | "BillingKey.Deleted";
      data: { storeId: string; billingKey: string };
    }
  | {
      type: "Transaction.Paid" | "Transaction.Failed";
      data: { storeId: string; paymentId: string; transactionId: string };
    }
  | {
      type: "Transaction.Cancelled" | "Transaction.PartialCancelled";
      data: { storeId: string; paymentId: string; transactionId: string; cancellationId: string };
    };

/** Where an event goes: the call's noticeUrls when it gave any, else the console's URL. */
export function webhookTargets(noticeUrls: readonly string[], consoleUrl: string): string[] {
  return noticeUrls.length > 0 ? [...new Set(noticeUrls)] : [consoleUrl];
}

/** The body of an event's deliveries (the same on every retry). */
export function webhookPayload(event: WebhookEvent, now: Date) {
  return { type: event.type, timestamp: now.toISOString(), data: event.data };
}

/** Queues one delivery per target URL; the caller kicks the runtime after its transaction. */
export async function enqueueWebhook(
  executor: Executor,
  options: { urls: readonly string[]; now: Date },
  event: WebhookEvent,
): Promise<void> {
  if (options.urls.length === 0) return;
  const payload = webhookPayload(event, options.now);
  await executor.insert(webhookDeliveries).values(
    options.urls.map((url) => ({
      storeId: event.data.storeId,
      type: event.type,
      url,
      payload,
      nextAttemptAt: options.now,
      createdAt: options.now,
    })),
  );
}

/** The Standard Webhooks signature header of one attempt. */
export function webhookSignature(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${signature}`;
}

const RETRY_MINUTES = [1, 4, 16, 64, 256];

/** One delivery pass (the runtime's timer and kicks call it). */
export function processDueWebhooks(db: Database, settings: SettingsView): Promise<number> {
  // Each store is read once per pass (a pass claims up to a batch of deliveries at once).
  const storesOfPass = new Map<string, ReturnType<typeof findStore>>();
  const storeOf = (storeId: string) => {
    let store = storesOfPass.get(storeId);
    if (!store) {
      store = findStore(db, storeId);
      storesOfPass.set(storeId, store);
    }
    return store;
  };
  return processDueDeliveries(db, webhookDeliveries, {
    allowedOrigins: callbackOriginsFor(db),
    retryDelayMs: (attempts) =>
      (RETRY_MINUTES[attempts - 1] ?? RETRY_MINUTES.at(-1)!) * settings.webhookRetryMinuteMs,
    // Signed with the store's secret of the moment (looked up once per delivery pass).
    headers: async (delivery, sentAt, body) => {
      const timestamp = String(Math.floor(sentAt.getTime() / 1000));
      const storeId = (delivery.payload as { data?: { storeId?: string } }).data?.storeId ?? "";
      const store = await storeOf(storeId);
      return {
        "webhook-id": delivery.id,
        "webhook-timestamp": timestamp,
        ...(store
          ? {
              "webhook-signature": webhookSignature(
                store.webhookSecret,
                delivery.id,
                timestamp,
                body,
              ),
            }
          : {}),
      };
    },
  });
}
