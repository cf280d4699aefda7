import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { subscriptions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { asActor, type AdminActor } from "./admin-actor";

// This store does not track how a subscriber uses the service, so "used" — what closes 청약철회
// when the merchant allows it only before use (merchant_settings.withdrawal_use_policy) — is
// what the merchant records here, from their own records (a download, a delivered box, a
// consultation held). Not a subscription state: the billing engine never reads it.

/** Marks (used = true) or clears the merchant's record that the subscriber used the service. */
export async function recordServiceUse(
  admin: AdminActor,
  subscriptionId: string,
  used: boolean,
  now: Date = new Date(),
): Promise<void> {
  await db().transaction(async (tx) => {
    const [sub] = await tx
      .select({ serviceUsedAt: subscriptions.serviceUsedAt })
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId))
      .for("update");
    if (!sub) {
      throw new AppError("not_found", `subscription ${subscriptionId} not found`, {
        userMessage: "구독을 찾을 수 없어요.",
      });
    }
    const serviceUsedAt = used ? (sub.serviceUsedAt ?? now) : null;
    await tx
      .update(subscriptions)
      .set({ serviceUsedAt, updatedAt: now })
      .where(eq(subscriptions.id, subscriptionId));
    await recordAudit(tx, {
      actor: asActor(admin),
      action: used ? "subscription.service_used" : "subscription.service_use_cleared",
      targetType: "subscription",
      targetId: subscriptionId,
      before: { serviceUsedAt: sub.serviceUsedAt?.toISOString() ?? null },
      after: { serviceUsedAt: serviceUsedAt?.toISOString() ?? null },
    });
  });
}
