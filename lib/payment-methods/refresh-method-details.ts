import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentMethods } from "@/lib/db/schema";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { methodColumns } from "@/lib/payments/method-columns";
import { methodInputOf } from "./method-input";

// The customer can change the card or account behind a Toss Pay key inside the Toss app
// (docs/providers.md §1.4.4), so the display details are refreshed from the provider when the
// customer looks at them, at most every few minutes.
export const METHOD_DETAILS_MAX_AGE_MS = 5 * 60_000;

export async function refreshMethodDetails(
  methodId: string,
  now = new Date(),
  providerFor: ProviderFor = defaultProviderFor,
  // force: the provider said the details changed (PortOne BillingKey.Updated); skip the max age.
  options: { force?: boolean } = {},
): Promise<void> {
  const [method] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
  if (!method || method.status !== "active" || !method.billingKeyCiphertext) return;
  if (
    !options.force &&
    method.lastSyncedAt &&
    now.getTime() - method.lastSyncedAt.getTime() < METHOD_DETAILS_MAX_AGE_MS
  ) {
    return;
  }
  const found = await providerFor(method.provider).getMethod(
    methodInputOf(method, method.billingKeyCiphertext),
  );
  // Provider unreachable: keep showing what we have; try again next time.
  if (found.outcome !== "succeeded") return;
  await db()
    .update(paymentMethods)
    .set({
      ...methodColumns(found.method),
      ...(found.status === "removed"
        ? {
            status: "removed" as const,
            removedAt: now,
            failureCode: "REMOVED_AT_PROVIDER",
            checkoutLinks: null,
          }
        : {}),
      lastSyncedAt: now,
      updatedAt: now,
    })
    .where(and(eq(paymentMethods.id, method.id), eq(paymentMethods.status, "active")));
}
