import { eq } from "drizzle-orm";
import { TossPaymentsError } from "./api-error";
import type { ApiOperation } from "./context";
import { newBillingKey } from "./ids";
import { billingObject } from "./payment-view";
import { authWindows, billingKeys } from "./schema";
import { CUSTOMER_KEY, requiredString } from "./validation";

// POST /v1/billing/authorizations/issue (docs/providers.md §2.3.1): the authKey the window
// gave the browser, and the customerKey it was asked for, become a billing key. The authKey
// is single use (a second issue with it fails) and expires (billing-auth.ts AUTH_KEY_LIFETIME_MS).
//
// The authKey is not tied to a merchant: the sandbox cannot pair a client key with a secret
// key (they are random strings), so the billing key belongs to the secret key that exchanges
// the authKey first. The authKey is a 240-bit secret only the customer's browser and the
// merchant's server see.
export const issueBillingKey: ApiOperation = async (ctx, { secretKey, body }) => {
  const authKey = requiredString(body, "authKey", { max: 300 });
  const customerKey = requiredString(body, "customerKey", CUSTOMER_KEY);

  const key = await ctx.db.transaction(async (tx) => {
    const [window] = await tx
      .select()
      .from(authWindows)
      .where(eq(authWindows.authKey, authKey))
      .for("update");
    if (!window?.authKeyExpiresAt || !window.instrumentId) {
      throw new TossPaymentsError("INVALID_BILLING_AUTH", "존재하지 않는 authKey입니다.");
    }
    if (window.authKeyUsedAt) {
      throw new TossPaymentsError("INVALID_BILLING_AUTH", "이미 사용된 authKey입니다.");
    }
    if (window.authKeyExpiresAt.getTime() <= ctx.now.getTime()) {
      throw new TossPaymentsError("INVALID_BILLING_AUTH", "만료된 authKey입니다.");
    }
    if (window.customerKey !== customerKey) throw new TossPaymentsError("NOT_MATCHES_CUSTOMER_KEY");
    await tx
      .update(authWindows)
      .set({ authKeyUsedAt: ctx.now })
      .where(eq(authWindows.id, window.id));
    const [row] = await tx
      .insert(billingKeys)
      .values({
        billingKey: newBillingKey(),
        secretKey,
        customerKey,
        method: window.method,
        instrumentId: window.instrumentId,
        cardType: window.cardType,
        ownerType: window.ownerType,
        authenticatedAt: ctx.now,
      })
      .returning();
    return row!;
  });
  return { status: 200, body: billingObject(key) };
};
