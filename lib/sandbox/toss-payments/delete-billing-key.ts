import { TossPaymentsError } from "./api-error";
import { DELETE_REASONS, deleteBillingKey, findBillingKey } from "./billing-keys";
import type { ApiOperation } from "./context";

// DELETE /v1/billing/{billingKey} (docs/providers.md §2.3.3): an empty 200, and the
// BILLING_DELETED webhook. What a second delete answers is [unconfirmed]; the sandbox answers
// 404 NOT_FOUND_BILLING, one of the codes docs/providers.md §2.3.3 reads as "already removed", and sends
// no second webhook.
export const deleteBillingKeyOperation: ApiOperation = async (ctx, { secretKey, param }) => {
  const key = await findBillingKey(ctx.db, secretKey, param);
  if (!key || key.deletedAt) throw new TossPaymentsError("NOT_FOUND_BILLING");
  if (!(await deleteBillingKey(ctx, key, DELETE_REASONS.api))) {
    throw new TossPaymentsError("NOT_FOUND_BILLING");
  }
  return { status: 200, body: null };
};
