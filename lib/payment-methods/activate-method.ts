import { and, eq, ne } from "drizzle-orm";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  paidStartOffers,
  paymentMethods,
  plans,
  subscriptionEvents,
  subscriptions,
  type PaymentMethod,
} from "@/lib/db/schema";
import { applyTransition } from "@/lib/billing/apply-transition";
import { instrumentFingerprint } from "@/lib/billing/instrument-fingerprint";
import { requestTrialConversionConsent } from "@/lib/billing/request-trial-conversion-consent";
import { accountHadTrial, claimInstrumentTrial } from "@/lib/billing/trial-eligibility";
import type { MethodDetails } from "@/lib/payments/types";
import { encryptedKeyColumns } from "./encrypted-key-columns";
import { methodColumns } from "@/lib/payments/method-columns";

export type ActivationResult =
  | { kind: "already_processed"; method: PaymentMethod }
  | { kind: "key_mismatch"; method: PaymentMethod }
  | {
      kind: "activated";
      method: PaymentMethod;
      // The customer's previous method, now replaced; its key is removed at the provider
      // after the transaction commits.
      replaced: PaymentMethod | null;
      // The live subscription that owes a charge now (first charge, or a past_due/unpaid
      // period recovered with the new method).
      chargeSubscriptionId: string | null;
    };

/**
 * Makes a confirmed registration the customer's active method, in one transaction: the
 * previous active method becomes `replaced` (only now, so the customer is never left without
 * one), the live subscription switches to it and, if it was waiting for a method, starts its
 * trial or is marked for its first charge. Idempotent: a second confirmation of the same
 * registration (five callbacks, a callback racing the return page) changes nothing.
 */
export async function activateMethod(input: {
  methodId: string;
  confirmedBillingKey: string;
  details: MethodDetails | null;
  // Browser-SDK registrations hold no key until the provider confirmed the browser's return:
  // the confirmed key is stored with the activation, in the same transaction.
  storeConfirmedKey?: boolean;
  now?: Date;
}): Promise<ActivationResult> {
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    // Lock order: subscription, then payment methods (the charge path locks subscriptions).
    const [pending] = await tx
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, input.methodId));
    if (!pending) throw new Error(`payment method ${input.methodId} not found`);
    const [live] = await tx
      .select({ sub: subscriptions, plan: plans })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(eq(subscriptions.userId, pending.userId), ne(subscriptions.status, "canceled")))
      .for("update", { of: subscriptions });
    const [method] = await tx
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, input.methodId))
      .for("update");
    if (!method) throw new Error(`payment method ${input.methodId} not found`);
    if (method.status !== "pending") return { kind: "already_processed", method };

    const storedKey = method.billingKeyCiphertext
      ? decryptBillingKey(method.billingKeyCiphertext, method.id)
      : null;
    const storesKey = storedKey === null && input.storeConfirmedKey === true;
    if (!storesKey && storedKey !== input.confirmedBillingKey) {
      const [failed] = await tx
        .update(paymentMethods)
        .set({
          status: "failed",
          failureCode: "KEY_MISMATCH",
          failureMessage: "The provider confirmed a different billing key for this customer.",
          // Every way a registration ends clears the links (they carry the billing key).
          checkoutLinks: null,
          updatedAt: now,
        })
        .where(eq(paymentMethods.id, method.id))
        .returning();
      return { kind: "key_mismatch", method: failed ?? method };
    }

    const [replaced] = await tx
      .update(paymentMethods)
      .set({ status: "replaced", removedAt: now, checkoutLinks: null, updatedAt: now })
      .where(and(eq(paymentMethods.userId, method.userId), eq(paymentMethods.status, "active")))
      .returning();
    const [activated] = await tx
      .update(paymentMethods)
      .set({
        ...methodColumns(input.details),
        ...(storesKey ? encryptedKeyColumns(input.confirmedBillingKey, method.id) : {}),
        status: "active",
        activatedAt: now,
        lastSyncedAt: now,
        registrationExpiresAt: null,
        checkoutLinks: null,
        updatedAt: now,
      })
      .where(eq(paymentMethods.id, method.id))
      .returning();
    if (!activated) throw new Error("activation update returned nothing");

    let chargeSubscriptionId: string | null = null;
    if (live) {
      const { sub, plan } = live;
      await tx
        .update(subscriptions)
        .set({ paymentMethodId: activated.id, updatedAt: now })
        .where(eq(subscriptions.id, sub.id));
      await tx.insert(subscriptionEvents).values({
        subscriptionId: sub.id,
        type: "payment_method_linked",
        actor: `customer:${method.userId}`,
        data: { paymentMethodId: activated.id, replacedPaymentMethodId: replaced?.id ?? null },
        createdAt: now,
      });
      const withMethod = { ...sub, paymentMethodId: activated.id };
      const wantsTrial = sub.status === "incomplete" && plan.trialDays > 0;
      // One free trial per customer: someone who trialed before pays from the start (the
      // checkout said so before they agreed: lib/subscriptions/checkout-consent.ts).
      const accountTrialed = wantsTrial && (await accountHadTrial(tx, sub.userId));
      // And one per instrument: the first trial on this card or account claims it. Unknown
      // instruments (instrumentFingerprint null) fall back to the account rule alone.
      const fingerprint = wantsTrial && !accountTrialed ? instrumentFingerprint(activated) : null;
      const instrumentFree =
        fingerprint === null ||
        (await claimInstrumentTrial(tx, {
          fingerprint,
          userId: sub.userId,
          subscriptionId: sub.id,
          now,
        }));
      if (wantsTrial && !accountTrialed && instrumentFree) {
        const trialing = await applyTransition(
          tx,
          withMethod,
          { type: "trial_started", now, trialDays: plan.trialDays },
          `customer:${method.userId}`,
        );
        // 전자상거래법: a trial that turns paid within 30 days needs the customer's consent;
        // ask now, in the same transaction, so the request can never be missed.
        await requestTrialConversionConsent(tx, trialing, now);
      } else if (wantsTrial && !accountTrialed) {
        // The instrument already had its trial, which the customer learns only now (the
        // provider reported the card after they agreed to "trial first"). Charging now would
        // take money they did not agree to pay today: the subscription waits, linked and
        // uncharged, for "유료로 시작하기" with the amount in front of them
        // (lib/subscriptions/confirm-paid-start.ts); unanswered, it expires as incomplete.
        await tx
          .insert(paidStartOffers)
          .values({
            subscriptionId: sub.id,
            paymentMethodId: activated.id,
            amount: sub.priceAmount,
            offeredAt: now,
          })
          .onConflictDoUpdate({
            target: paidStartOffers.subscriptionId,
            set: {
              paymentMethodId: activated.id,
              amount: sub.priceAmount,
              offeredAt: now,
              confirmedAt: null,
            },
          });
        await tx.insert(subscriptionEvents).values({
          subscriptionId: sub.id,
          type: "trial_refused_instrument",
          actor: "system",
          data: { paymentMethodId: activated.id, amount: sub.priceAmount },
          createdAt: now,
        });
      } else if (["incomplete", "past_due", "unpaid"].includes(sub.status)) {
        // docs/billing.md: a successful re-link retries the outstanding period at once.
        chargeSubscriptionId = sub.id;
      }
    }
    return {
      kind: "activated",
      method: activated,
      replaced: replaced ?? null,
      chargeSubscriptionId,
    };
  });
}
