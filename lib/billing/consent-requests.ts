import { and, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { insertOne } from "@/lib/db/insert-one";
import { consents, subscriptionEvents, type Plan, type Subscription } from "@/lib/db/schema";
import {
  dedupeKeyFor,
  enqueueNotification,
  templateContextFor,
} from "@/lib/notifications/enqueue-notification";
import { renderConsentWording, type ConsentRequestData } from "@/lib/notifications/templates";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";

// Writing a consent request (전자상거래법 시행령, 2025-02-14; docs/billing.md "Korean law"): the
// consents row with the exact wording shown, and the consent_request notification carrying the
// same wording, in one transaction. At most one open request of a kind per subscription
// (consents_one_open_request): an older open one is expired first.

// The law's window: consent is asked within the 30 days before the changed charge.
export const CONSENT_WINDOW_DAYS = 30;
export const CONSENT_WINDOW_MS = CONSENT_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export type Consent = typeof consents.$inferSelect;
export type ConsentKindAsked = "price_increase" | "trial_conversion";

/** Expires the open request of `kind`, if any, recording why. */
export async function expireOpenRequest(
  tx: Executor,
  subscriptionId: string,
  kind: ConsentKindAsked,
  reason: string,
  now: Date,
): Promise<void> {
  const expired = await tx
    .update(consents)
    .set({ status: "expired" })
    .where(
      and(
        eq(consents.subscriptionId, subscriptionId),
        eq(consents.kind, kind),
        eq(consents.status, "requested"),
      ),
    )
    .returning({ id: consents.id });
  for (const { id } of expired) {
    await tx.insert(subscriptionEvents).values({
      subscriptionId,
      type: "consent_expired",
      actor: "system",
      data: { consentId: id, kind, reason },
      createdAt: now,
    });
  }
}

/**
 * Records a consent request for `sub` and queues its notification. The caller holds the
 * subscription row lock. Returns the new consent.
 */
export async function createConsentRequest(
  tx: Executor,
  input: {
    sub: Subscription;
    plan: Pick<Plan, "id" | "name" | "interval" | "intervalCount">;
    kind: ConsentKindAsked;
    oldAmount: number | null; // KRW; null for a trial (free until now)
    newAmount: number; // KRW
    effectiveAt: Date;
    now: Date;
  },
): Promise<Consent> {
  const { sub, plan, kind, now } = input;
  await expireOpenRequest(tx, sub.id, kind, "superseded", now);

  const consentId = crypto.randomUUID();
  const settings = await loadMerchantSettings(tx);
  const data: ConsentRequestData =
    kind === "price_increase"
      ? {
          consentKind: "price_increase",
          consentId,
          planName: plan.name,
          interval: plan.interval,
          intervalCount: plan.intervalCount,
          oldAmount: input.oldAmount ?? 0,
          newAmount: input.newAmount,
          effectiveAt: input.effectiveAt,
          fallback: settings.consentFallbackPolicy,
        }
      : {
          consentKind: "trial_conversion",
          consentId,
          planName: plan.name,
          interval: plan.interval,
          intervalCount: plan.intervalCount,
          newAmount: input.newAmount,
          effectiveAt: input.effectiveAt,
        };
  const wording = renderConsentWording(data, await templateContextFor(tx));

  const consent = await insertOne(tx, consents, {
    id: consentId,
    userId: sub.userId,
    subscriptionId: sub.id,
    planId: plan.id,
    kind,
    status: "requested",
    oldAmount: input.oldAmount,
    newAmount: input.newAmount,
    effectiveAt: input.effectiveAt,
    wording,
    requestedAt: now,
    createdAt: now,
  });

  await enqueueNotification(tx, {
    kind: "consent_request",
    data,
    userId: sub.userId,
    subscriptionId: sub.id,
    dedupeKey: dedupeKeyFor("consent_request", consentId),
    now,
  });
  await tx.insert(subscriptionEvents).values({
    subscriptionId: sub.id,
    type: "consent_requested",
    actor: "system",
    data: {
      consentId,
      kind,
      oldAmount: input.oldAmount,
      newAmount: input.newAmount,
      effectiveAt: input.effectiveAt.toISOString(),
    },
    createdAt: now,
  });
  return consent;
}
