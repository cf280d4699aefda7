import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, paymentMethods, subscriptions, type PaymentMethod } from "@/lib/db/schema";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { providerLabel } from "@/lib/payments/registry";

// An unsigned event says a billing key was deleted, and the provider offers no way to confirm
// it (Toss Payments BILLING_DELETED, docs/providers.md §2.6). Believing it would let anyone who
// learned a key's value end a working subscription; ignoring it would leave a customer who
// really left 퀵계좌이체 unwarned until a renewal fails. So the method stays active, is flagged
// "removal reported" (payment_methods.removal_reported_at) for the account page, and the
// customer is asked to check it, once per method. The next charge settles it:
// NOT_FOUND_BILLING / INVALID_BILL_KEY_REQUEST are needs_new_method, which marks the method
// removed (lib/billing/settle-charge-attempt.ts); a success shows the report was wrong.

export type RemovalReport =
  | { kind: "reported"; method: PaymentMethod }
  | { kind: "already_reported" }
  | { kind: "not_active" };

export async function reportMethodRemoval(
  method: Pick<PaymentMethod, "id" | "status">,
  now: Date,
): Promise<RemovalReport> {
  if (method.status !== "active") return { kind: "not_active" };
  return db().transaction(async (tx) => {
    // The report is about the key as it is now, so it follows every charge made with it so
    // far: never earlier than their reservation. On a real clock that is `now`; a billing run
    // as of a later date (npm run billing:run -- --now, the e2e journeys) writes charges
    // "in the future", and a report received after them must not read as already disproved.
    const lastCharge = sql`(select max(${chargeAttempts.createdAt}) from ${chargeAttempts}
      where ${chargeAttempts.paymentMethodId} = ${paymentMethods.id})`;
    const [flagged] = await tx
      .update(paymentMethods)
      .set({
        removalReportedAt: sql`greatest(${now.toISOString()}::timestamptz, ${lastCharge})`,
        updatedAt: now,
      })
      .where(
        and(
          eq(paymentMethods.id, method.id),
          eq(paymentMethods.status, "active"),
          isNull(paymentMethods.removalReportedAt),
        ),
      )
      .returning();
    if (!flagged) return { kind: "already_reported" as const };
    const [subscription] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(eq(subscriptions.paymentMethodId, flagged.id))
      .limit(1);
    await enqueueNotification(tx, {
      kind: "payment_method_removal_reported",
      data: { methodLabel: methodLabel(flagged), providerLabel: providerLabel(flagged.provider) },
      userId: flagged.userId,
      subscriptionId: subscription?.id ?? null,
      dedupeKey: dedupeKeyFor("payment_method_removal_reported", flagged.id),
      now,
    });
    return { kind: "reported" as const, method: flagged };
  });
}

/**
 * Whether the account page should still ask the customer to check the method: reported
 * removed, and no charge through it has succeeded since (a success proves the key works; the
 * flag itself is left as evidence, lib/billing does not clear it).
 */
export async function removalReportStands(
  method: Pick<PaymentMethod, "id" | "status" | "removalReportedAt">,
): Promise<boolean> {
  if (method.status !== "active" || !method.removalReportedAt) return false;
  const [charged] = await db()
    .select({ id: chargeAttempts.id })
    .from(chargeAttempts)
    .where(
      and(
        eq(chargeAttempts.paymentMethodId, method.id),
        eq(chargeAttempts.status, "succeeded"),
        // Reserved after the report: sent with the key as it was then (the provider's approvedAt
        // has whole seconds only).
        gt(chargeAttempts.createdAt, method.removalReportedAt),
      ),
    )
    .limit(1);
  return !charged;
}

/** "신한카드(****-123*)", "신한은행 계좌", "등록한 계좌": what the customer recognises. */
function methodLabel(method: PaymentMethod): string {
  if (method.kind === "card") {
    const company = method.cardCompany ? `${method.cardCompany.replace(/카드$/, "")}카드` : "카드";
    const last = method.cardNumberMasked?.replace(/[\s-]/g, "").slice(-4);
    return last ? `${company}(끝자리 ${last})` : `등록한 ${company}`;
  }
  if (method.kind === "account") {
    return method.bankName ? `${method.bankName} 계좌` : "등록한 계좌";
  }
  return "등록한 결제수단";
}
