import { checkoutLink } from "./checkout-links";
import type { SandboxContext } from "./context";
import { newBillingKey, newCheckoutToken } from "./ids";
import { billingKeys } from "./schema";
import { createBillingKeyRequest, parseRequest } from "./validation";

// POST /api/v1/billing-key (providers.md §1.4.1). The key starts in CREATE; the customer
// approves it on the checkout screen within 15 minutes.
export const CHECKOUT_LINK_LIFETIME_MS = 15 * 60 * 1000;

export async function createBillingKey(
  ctx: SandboxContext,
  apiKey: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const input = parseRequest(createBillingKeyRequest, body);
  const billingKey = newBillingKey();
  const checkoutToken = newCheckoutToken();
  await ctx.db.insert(billingKeys).values({
    billingKey,
    apiKey,
    userId: input.userId,
    displayId: input.displayId ?? null,
    productDesc: input.productDesc,
    checkoutToken,
    expiresAt: new Date(ctx.now.getTime() + CHECKOUT_LINK_LIFETIME_MS),
    resultCallback: input.resultCallback,
    retAppScheme: input.retAppScheme ?? null,
    returnSuccessUrl: input.returnSuccessUrl ?? null,
    returnFailureUrl: input.returnFailureUrl ?? null,
    // The CI is RSA-encrypted for Toss; the sandbox cannot read it and only notes it was sent.
    hasEncryptedUserCi: input.encryptedUserCi !== undefined,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  return {
    code: 0,
    billingKey,
    checkoutUri: checkoutLink(ctx.baseUrl, checkoutToken, "web"),
    checkoutAndroidUri: checkoutLink(ctx.baseUrl, checkoutToken, "android"),
    checkoutIosUri: checkoutLink(ctx.baseUrl, checkoutToken, "ios"),
  };
}
