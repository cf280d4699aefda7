import { db } from "@/lib/db/client";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { findOwnMethod } from "./find-own-method";
import { methodInputOf } from "./method-input";
import { markRegistrationFailed, syncRegistration } from "./sync-registration";

// 등록 취소 on the waiting page: the customer stops a registration they have not approved.
//
// The approval may be racing the click (the customer approved in the Toss app a second ago), so
// the provider is asked first: an approval that already happened wins and is reported as such,
// never silently thrown away. Otherwise the row ends as CUSTOMER_CANCELED (only while it is still
// pending, so a callback that activates it meanwhile is not overwritten), and then the key is
// removed at the provider, so an approval given later in the app can't leave a live key behind.
// [unconfirmed] Toss Pay documents /billing-key/remove for keys in general, not for a key still
// in CREATE; the safe reading calls it anyway and only logs a refusal: our row is already
// failed, so nothing can be charged on that key whatever the provider says, and a later
// ACTIVATED callback for it is ignored (syncRegistration only acts on pending rows).

export const CUSTOMER_CANCELED = "CUSTOMER_CANCELED";

export type CancelRegistrationOutcome =
  | { kind: "cancelled" }
  // Approved before the click landed: the page shows what the approval did.
  | { kind: "already_active" }
  // Already over (expired, failed, cancelled in the app): nothing to stop.
  | { kind: "already_ended" }
  // The provider could not say whether it was approved: nothing is ended on a guess.
  | { kind: "unknown" }
  | { kind: "not_found" };

export async function cancelRegistration(
  userId: string,
  methodId: string,
  options: { now?: Date; providerFor?: ProviderFor } = {},
): Promise<CancelRegistrationOutcome> {
  const now = options.now ?? new Date();
  const providerFor = options.providerFor ?? defaultProviderFor;
  const own = await findOwnMethod(userId, methodId);
  if (!own) return { kind: "not_found" };
  if (own.status !== "pending") {
    return own.status === "failed" ? { kind: "already_ended" } : { kind: "already_active" };
  }

  const synced = await syncRegistration(methodId, { now, providerFor });
  if (synced.state === "active") return { kind: "already_active" };
  if (synced.state === "failed") return { kind: "already_ended" };
  if (synced.state === "unknown") return { kind: "unknown" };

  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
  if (!row) return { kind: "not_found" };
  const ended = await markRegistrationFailed(
    row,
    CUSTOMER_CANCELED,
    "The customer cancelled the registration on the waiting page before approving it.",
    now,
  );
  if (ended.status === "active") return { kind: "already_active" };
  if (ended.failureCode !== CUSTOMER_CANCELED) return { kind: "already_ended" };

  await removePendingKey(row, providerFor);
  return { kind: "cancelled" };
}

async function removePendingKey(method: PaymentMethod, providerFor: ProviderFor) {
  // A browser-SDK registration has no key until the customer comes back with one.
  if (!method.billingKeyCiphertext) return;
  const result = await providerFor(method.provider).removeMethod(
    methodInputOf(method, method.billingKeyCiphertext),
  );
  if (result.outcome !== "succeeded") {
    console.warn(
      `[payment-methods] cancelled registration ${method.id}: the provider did not remove its pending key (${result.merchantMessage})`,
    );
  }
}
