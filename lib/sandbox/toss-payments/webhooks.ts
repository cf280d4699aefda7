import type { Database, Executor } from "@/lib/db/client";
import { callbackOriginsFor } from "@/lib/sandbox/shared/callback-origins";
import { processDueDeliveries } from "@/lib/sandbox/shared/deliveries";
import { isoKst } from "./payment-view";
import { webhookDeliveries } from "./schema";
import type { WebhookSettingsView as SettingsView } from "@/lib/sandbox/shared/webhook-settings";

// Webhooks to the merchant (docs/providers.md §2.6): JSON POSTed to the URL registered for the
// MID (here the `webhookUrl` setting), unsigned for these events, retried on anything but 200
// up to 7 times at 1, 4, 16, 64, 256, 1024 and 4096 minutes (a minute lasts
// `webhookRetryMinuteMs` here). Each delivery row's id is its
// `tosspayments-webhook-transmission-id`, the same on every retry, so the merchant can drop
// duplicates. Delivered by the shared due-deliveries mechanism, only to allowed origins.

export type WebhookEvent =
  | { eventType: "BILLING_DELETED"; data: { billingKey: string; reason: string | null } }
  | { eventType: "PAYMENT_STATUS_CHANGED"; data: Record<string, unknown> };

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The payload's createdAt: yyyy-MM-dd'T'HH:mm:ss.SSSSSS in Korean time, no offset. */
export function webhookCreatedAt(date: Date): string {
  return `${new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 23)}000`;
}

export async function enqueueWebhook(
  executor: Executor,
  options: { secretKey: string; url: string; now: Date },
  event: WebhookEvent,
): Promise<void> {
  await executor.insert(webhookDeliveries).values({
    secretKey: options.secretKey,
    eventType: event.eventType,
    url: options.url,
    payload: {
      eventType: event.eventType,
      createdAt: webhookCreatedAt(options.now),
      data: event.data,
    },
    nextAttemptAt: options.now,
    createdAt: options.now,
  });
}

/** One delivery pass (the runtime's timer and kicks call it). */
export function processDueWebhooks(db: Database, settings: SettingsView): Promise<number> {
  return processDueDeliveries(db, webhookDeliveries, {
    allowedOrigins: callbackOriginsFor(db),
    retryDelayMs: (attempts) => 4 ** (attempts - 1) * settings.webhookRetryMinuteMs,
    headers: (delivery, sentAt) => ({
      "tosspayments-webhook-transmission-id": delivery.id,
      "tosspayments-webhook-transmission-time": isoKst(sentAt),
      "tosspayments-webhook-transmission-retried-count": String(delivery.attempts - 1),
    }),
  });
}
