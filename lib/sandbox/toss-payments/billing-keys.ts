import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import type { TossPaymentsContext } from "./context";
import { type BillingKeyRow, billingKeys } from "./schema";
import { enqueueWebhook } from "./webhooks";

// Reading and ending billing keys: shared by the API (charge, DELETE) and the developer tools.

/** The merchant's key, deleted or not; null when it never existed for this merchant. */
export const findBillingKey = (executor: Executor, secretKey: string, billingKey: string) =>
  findOne(executor, billingKeys, { billingKey, secretKey });

// BILLING_DELETED's reason (docs/providers.md §2.6 quotes "삭제 API 요청"); the others are the
// sandbox's wording for the cases seed 002 describes.
export const DELETE_REASONS = {
  api: "삭제 API 요청",
  withdrawal: "퀵계좌이체 서비스 탈퇴",
  tools: "샌드박스 개발 도구에서 삭제",
} as const;

/**
 * Deletes a live key and queues BILLING_DELETED in the same transaction; false when the key
 * was already deleted (nothing is sent twice).
 */
export async function deleteBillingKey(
  ctx: TossPaymentsContext,
  key: Pick<BillingKeyRow, "billingKey" | "secretKey">,
  reason: string,
): Promise<boolean> {
  const { webhookUrl } = await ctx.runtime.settings();
  const deleted = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingKeys)
      .set({ deletedAt: ctx.now, deleteReason: reason })
      .where(and(eq(billingKeys.billingKey, key.billingKey), isNull(billingKeys.deletedAt)))
      .returning();
    if (!row) return false;
    await enqueueWebhook(
      tx,
      { secretKey: row.secretKey, url: webhookUrl, now: ctx.now },
      { eventType: "BILLING_DELETED", data: { billingKey: row.billingKey, reason } },
    );
    return true;
  });
  if (deleted) ctx.runtime.kickDeliveries();
  return deleted;
}
