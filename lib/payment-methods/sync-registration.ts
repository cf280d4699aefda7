import { and, eq, lt } from "drizzle-orm";
import { after } from "next/server";
import { chargeOutstandingPeriod } from "@/lib/billing/charge-outstanding-period";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { deliverNotificationsNow } from "@/lib/notifications/deliver-soon";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { activateMethod, type ActivationResult } from "./activate-method";
import { methodInputOf } from "./method-input";

// Confirms a pending registration with the provider. Every path that learns of an approval
// ends here — the provider's callback, the customer's return page, the waiting page's polling
// and the sweeper — so a lost callback or a closed tab still ends consistent, and because the
// provider is always asked, an unsigned callback is only ever a trigger (docs/billing.md
// "Provider events").

// An approval can land just before the link expires; give the provider a moment past the
// expiry before declaring the registration failed.
const EXPIRY_GRACE_MS = 2 * 60_000;

export type SyncOutcome =
  | { state: "pending"; method: PaymentMethod }
  | { state: "active"; method: PaymentMethod; activation: ActivationResult | null }
  | { state: "failed"; method: PaymentMethod }
  | { state: "unknown"; method: PaymentMethod; message: string };

/** Ends a registration that is still pending; one that ended meanwhile is returned as it is. */
export async function markRegistrationFailed(
  method: PaymentMethod,
  code: string | null,
  message: string,
  now: Date,
) {
  const [failed] = await db()
    .update(paymentMethods)
    // The checkout links carry the billing key; a registration that ended (cancelled, failed,
    // expired) never needs them again, so they go in the same update.
    .set({
      status: "failed",
      failureCode: code,
      failureMessage: message,
      checkoutLinks: null,
      updatedAt: now,
    })
    .where(and(eq(paymentMethods.id, method.id), eq(paymentMethods.status, "pending")))
    .returning();
  return failed ?? method;
}

/** Past its expiry (with a moment's grace for an approval that landed just in time). */
export function expiredAt(method: PaymentMethod, now: Date): boolean {
  return (
    method.registrationExpiresAt !== null &&
    now.getTime() > method.registrationExpiresAt.getTime() + EXPIRY_GRACE_MS
  );
}

export async function syncRegistration(
  methodId: string,
  // inline: run the follow-ups (old key removal, first charge) before returning, instead of
  // after the response. Scripts, tests and the sweeper use it.
  options: { now?: Date; inline?: boolean; providerFor?: ProviderFor } = {},
): Promise<SyncOutcome> {
  const now = options.now ?? new Date();
  const providerFor = options.providerFor ?? defaultProviderFor;
  const [method] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
  if (!method) throw new Error(`payment method ${methodId} not found`);
  if (method.status === "active") return { state: "active", method, activation: null };
  if (method.status !== "pending") return { state: "failed", method };
  if (!method.billingKeyCiphertext) {
    // A browser-SDK registration: there is nothing to ask the provider until the browser comes
    // back with its code (complete-registration-return.ts); only its expiry ends it here.
    return expiredAt(method, now)
      ? {
          state: "failed",
          method: await markRegistrationFailed(
            method,
            "EXPIRED",
            "The customer did not finish in the provider's window before the registration expired.",
            now,
          ),
        }
      : { state: "pending", method };
  }

  const billingKey = decryptBillingKey(method.billingKeyCiphertext, method.id);
  const confirmed = await providerFor(method.provider).completeRegistration({
    providerCustomerId: method.providerCustomerId,
    providerDisplayId: method.providerDisplayId ?? undefined,
    billingKey,
  });

  if (confirmed.outcome === "succeeded") {
    const activation = await activateMethod({
      methodId: method.id,
      confirmedBillingKey: confirmed.billingKey,
      details: confirmed.method,
      now,
    });
    if (activation.kind === "key_mismatch") return { state: "failed", method: activation.method };
    if (activation.kind === "activated") {
      await runFollowUps(activation, { inline: options.inline ?? false, providerFor });
    }
    return { state: "active", method: activation.method, activation };
  }

  if (confirmed.outcome === "pending") {
    if (!expiredAt(method, now)) return { state: "pending", method };
    return {
      state: "failed",
      method: await markRegistrationFailed(
        method,
        "EXPIRED",
        "The customer did not approve within 15 minutes.",
        now,
      ),
    };
  }
  if (confirmed.outcome === "unknown") {
    return { state: "unknown", method, message: confirmed.customerMessage };
  }
  return {
    state: "failed",
    method: await markRegistrationFailed(method, confirmed.code, confirmed.merchantMessage, now),
  };
}

/**
 * After the activation commits: remove the replaced key at the provider and charge a
 * subscription that is waiting for its payment. Both run after the response (Next's after()),
 * so a callback is answered fast; both are idempotent if they run again from another path.
 */
export async function runFollowUps(
  activation: Extract<ActivationResult, { kind: "activated" }>,
  options: { inline: boolean; providerFor: ProviderFor },
) {
  const { inline, providerFor } = options;
  const work = async () => {
    if (activation.replaced) await removeReplacedKey(activation.replaced, providerFor);
    if (activation.chargeSubscriptionId) {
      await chargeOutstandingPeriod(activation.chargeSubscriptionId, { providerFor });
    }
  };
  if (!inline) {
    try {
      after(async () => {
        await work();
        // The receipt (or failure notice) of that charge committed only now, possibly after
        // the pass this request's own notifications scheduled had looked: send it right away
        // instead of at the next cron run.
        await deliverNotificationsNow();
      });
      return;
    } catch {
      // Not inside a request: fall through and run inline.
    }
  }
  await work();
}

async function removeReplacedKey(method: PaymentMethod, providerFor: ProviderFor) {
  if (!method.billingKeyCiphertext) return;
  const result = await providerFor(method.provider).removeMethod(
    methodInputOf(method, method.billingKeyCiphertext),
  );
  if (result.outcome !== "succeeded") {
    console.warn(
      `[payment-methods] could not remove replaced key of ${method.id}: ${result.merchantMessage}`,
    );
  }
}

/** Pending registrations whose link has expired or whose callback may have been lost. */
export async function sweepPendingRegistrations(
  options: { now?: Date; limit?: number; providerFor?: ProviderFor } = {},
) {
  const now = options.now ?? new Date();
  const stale = await db()
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.status, "pending"),
        // Older than a minute: the customer has had time to approve and the callback to come.
        lt(paymentMethods.createdAt, new Date(now.getTime() - 60_000)),
      ),
    )
    .limit(options.limit ?? 100);
  const results = { active: 0, failed: 0, pending: 0, unknown: 0 };
  for (const { id } of stale) {
    const outcome = await syncRegistration(id, {
      now,
      inline: true,
      providerFor: options.providerFor,
    });
    results[outcome.state] += 1;
  }
  return results;
}
