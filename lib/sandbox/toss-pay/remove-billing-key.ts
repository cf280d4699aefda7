import { and, eq, ne } from "drizzle-orm";
import { SandboxApiError } from "./api-error";
import { findMerchantKey } from "./billing-key-queries";
import type { ApiOperation } from "./context";
import { billingKeys } from "./schema";
import { parseRequest, removeBillingKeyRequest } from "./validation";

// POST /api/v1/billing-key/remove (docs/providers.md §1.4.5). A merchant's removal sends no
// callback: Toss sends REMOVED only for removals on its side (the user, in the Toss app).
export const removeBillingKey: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRequest(removeBillingKeyRequest, body);
  const key = await findMerchantKey(ctx.db, apiKey, input.billingKey, ctx.now);
  if (!key) {
    throw new SandboxApiError(404, "COMMON_BILLING_KEY_NOT_FOUND", "빌링키를 찾을 수 없습니다.");
  }
  const [removed] = await ctx.db
    .update(billingKeys)
    .set({
      status: "REMOVE",
      removedBy: "merchant",
      endReason: "REMOVED_BY_MERCHANT",
      removedAt: ctx.now,
      updatedAt: ctx.now,
    })
    .where(and(eq(billingKeys.billingKey, key.billingKey), ne(billingKeys.status, "REMOVE")))
    .returning({ billingKey: billingKeys.billingKey });
  if (!removed) {
    // Already removed: reported, not silently accepted, so a client learns to treat "not found"
    // after a retried removal as done.
    throw new SandboxApiError(404, "COMMON_BILLING_KEY_NOT_FOUND", "이미 삭제된 빌링키입니다.");
  }
  return { code: 0 };
};
