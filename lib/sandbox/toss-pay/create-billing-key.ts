import { invalidParameter } from "./api-error";
import { callbackOriginsFor, isAllowedCallbackUrl } from "@/lib/sandbox/shared/callback-origins";
import { checkoutLink } from "./checkout-links";
import type { ApiOperation } from "./context";
import { newBillingKey, newCheckoutToken } from "./ids";
import { billingKeys } from "./schema";
import { createBillingKeyRequest, parseRequest } from "./validation";

// POST /api/v1/billing-key (docs/providers.md §1.4.1). The key starts in CREATE; the customer
// approves it on the checkout screen within 15 minutes.
export const CHECKOUT_LINK_LIFETIME_MS = 15 * 60 * 1000;

export const createBillingKey: ApiOperation = async (ctx, apiKey, body) => {
  const input = parseRequest(createBillingKeyRequest, body);
  // The sandbox's own rule, not Toss's: it POSTs to resultCallback from the app's server, so
  // only the app's own origin (or the standalone server's allow-list) is accepted.
  const origins = callbackOriginsFor(ctx.db);
  if (!isAllowedCallbackUrl(input.resultCallback, origins)) {
    throw invalidParameter(
      `resultCallback: 샌드박스는 ${origins.join(", ")} 주소로만 콜백을 보냅니다. (받은 주소: ${new URL(input.resultCallback).origin})`,
    );
  }
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
};
