import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";

// An unsigned event says a billing key was deleted, and the provider offers no way to confirm
// it (Toss Payments BILLING_DELETED, docs/providers.md §2.6). Believing it would let anyone who
// learned a key's value end a working subscription; ignoring it would leave a customer who
// really left 퀵계좌이체 unwarned until a renewal fails. So the method stays active and is
// flagged "removal reported" (payment_methods.removal_reported_at) for the account page, and
// the next charge settles it: NOT_FOUND_BILLING / INVALID_BILL_KEY_REQUEST are needs_new_method,
// which marks the method removed (lib/billing/settle-charge-attempt.ts); a success shows the
// report was wrong.

export type RemovalReport =
  | { kind: "reported"; method: PaymentMethod }
  | { kind: "already_reported" }
  | { kind: "not_active" };

export async function reportMethodRemoval(
  method: Pick<PaymentMethod, "id" | "status">,
  now: Date,
): Promise<RemovalReport> {
  if (method.status !== "active") return { kind: "not_active" };
  const [flagged] = await db()
    .update(paymentMethods)
    .set({ removalReportedAt: now, updatedAt: now })
    .where(
      and(
        eq(paymentMethods.id, method.id),
        eq(paymentMethods.status, "active"),
        isNull(paymentMethods.removalReportedAt),
      ),
    )
    .returning();
  return flagged ? { kind: "reported", method: flagged } : { kind: "already_reported" };
}
