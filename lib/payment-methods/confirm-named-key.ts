import type { PaymentMethod } from "@/lib/db/schema";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { activateMethod } from "./activate-method";
import { markRegistrationFailed, runFollowUps } from "./sync-registration";

// A browser-SDK registration holds no key until something names one: the browser's return
// (Toss Payments' one-time authKey, PortOne's billing key) or a signed provider event (PortOne
// BillingKey.Issued). Whatever named it, the provider confirms (or exchanges) it, and only then
// is the key stored, encrypted, with the activation.

export type NamedKeyOutcome = {
  // pending: the provider could not say yet (unknown, or still pending); nothing changed.
  status: "pending" | PaymentMethod["status"];
  method: PaymentMethod;
};

export async function confirmNamedKey(
  method: PaymentMethod,
  named: { authKey?: string | undefined; billingKey?: string | undefined },
  now: Date,
  options: { inline: boolean; providerFor: ProviderFor },
): Promise<NamedKeyOutcome> {
  const confirmed = await options.providerFor(method.provider).completeRegistration({
    providerCustomerId: method.providerCustomerId,
    providerDisplayId: method.providerDisplayId ?? undefined,
    authKey: named.authKey,
    billingKey: named.billingKey,
  });
  // Pending, or unknown: a one-time code may have been spent; the customer starts again if the
  // key never lands, and the registration expires.
  if (confirmed.outcome === "pending" || confirmed.outcome === "unknown") {
    return { status: "pending", method };
  }
  if (confirmed.outcome !== "succeeded") {
    const failed = await markRegistrationFailed(
      method,
      confirmed.code ?? "PROVIDER_FAILED",
      confirmed.merchantMessage,
      now,
    );
    return { status: failed.status, method: failed };
  }
  const activation = await activateMethod({
    methodId: method.id,
    confirmedBillingKey: confirmed.billingKey,
    details: confirmed.method,
    storeConfirmedKey: true,
    now,
  });
  if (activation.kind === "activated") await runFollowUps(activation, options);
  return { status: activation.method.status, method: activation.method };
}
