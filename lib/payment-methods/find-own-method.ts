import { and, eq, getTableColumns } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";

// A payment method as pages may see it: everything but the billing key and its fingerprint,
// which are never selected for a page.
export type MethodSummary = Omit<PaymentMethod, "billingKeyCiphertext" | "billingKeyFingerprint">;

export const methodSummaryColumns = (() => {
  const {
    billingKeyCiphertext: _c,
    billingKeyFingerprint: _f,
    ...rest
  } = getTableColumns(paymentMethods);
  return rest;
})();

/** A payment method of this user (ownership check for the waiting page and its API). */
export async function findOwnMethod(
  userId: string,
  methodId: string,
): Promise<MethodSummary | null> {
  const [method] = await db()
    .select(methodSummaryColumns)
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, methodId), eq(paymentMethods.userId, userId)));
  return method ?? null;
}
