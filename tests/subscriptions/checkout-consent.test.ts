// The recurring-payment consent stored at checkout is the text the customer saw: startCheckout
// builds the wording again from the same facts and refuses different words, creating nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { consents, paymentMethods, subscriptions } from "@/lib/db/schema";
import { checkoutConsent } from "@/lib/subscriptions/checkout-consent";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import {
  createCustomer,
  createPlan,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe("the checkout's recurring-payment consent", () => {
  it("stores exactly the words shown, with the first charge's date", async () => {
    const plan = await createPlan();
    const user = await createCustomer(`shown-${Date.now()}@example.com`);
    const now = new Date();
    const shown = await checkoutConsent(db(), { userId: user.id, plan, provider: "toss_pay", now });

    await startCheckout({
      userId: user.id,
      planSlug: plan.slug,
      provider: "toss_pay",
      consentText: shown.text,
      now,
    });
    const [stored] = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.userId, user.id), eq(consents.kind, "recurring_billing")));
    expect(stored).toMatchObject({
      wording: shown.text,
      newAmount: 9_900,
      effectiveAt: shown.firstChargeAt,
    });
    expect(stored?.wording).toMatch(/^베이직 9,900원\(부가세 포함\)이 오늘 결제되고/);
  });

  it("refuses words that are no longer true, in Korean, creating nothing", async () => {
    const plan = await createPlan();
    const user = await createCustomer(`stale-${Date.now()}@example.com`);
    await expect(
      startCheckout({
        userId: user.id,
        planSlug: plan.slug,
        provider: "toss_pay",
        consentText: "베이직 8,900원(부가세 포함)이 오늘 결제되고, …",
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      userMessage: "결제 내용이 바뀌었어요. 바뀐 내용을 확인하고 다시 동의해 주세요.",
    });
    const created = await Promise.all([
      db().select().from(subscriptions).where(eq(subscriptions.userId, user.id)),
      db().select().from(paymentMethods).where(eq(paymentMethods.userId, user.id)),
      db().select().from(consents).where(eq(consents.userId, user.id)),
    ]);
    expect(created.flat()).toEqual([]);
  });
});
