// A renewal of a part tax-free plan charged through the Toss Pay sandbox over real HTTP, with
// the merchant issuing cash receipts: what the provider received (VAT, tax-free part, cash
// receipt), what our receipt page reads, and the link in the receipt email.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { chargeAttempts, merchantSettings, notifications, paymentMethods } from "@/lib/db/schema";
import { runBilling } from "@/lib/jobs/run-billing";
import { getReceipt } from "@/lib/receipts/get-receipt";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { charges as sandboxCharges } from "@/lib/sandbox/toss-pay/schema";
import {
  attemptsOf,
  createPlan,
  createSubscriber,
  startBillingHarness,
  type BillingHarness,
} from "../billing/support/billing-harness";

const kst = (s: string) => new Date(`${s}+09:00`);

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());

describe("receipts", () => {
  it("sends our VAT split and the cash receipt to Toss Pay, and the receipt reads the same", async () => {
    await loadMerchantSettings(db());
    await db()
      .update(merchantSettings)
      .set({
        cashReceiptIssue: true,
        cashReceiptTradeOption: "CULTURE",
        businessName: "책방 오늘",
        supportEmail: "help@bookshop.test",
      })
      .where(eq(merchantSettings.id, 1));
    const plan = await createPlan({ name: "도서 구독", amount: 13_000, amountTaxFree: 3_000 });
    const start = kst("2027-03-06T10:00:00");
    const end = kst("2027-04-06T10:00:00");
    const s = await createSubscriber({
      sandboxUrl: harness.sandboxUrl,
      plan,
      periodStart: start,
      periodEnd: end,
      instrument: "account:088:normal",
      subscription: { priceAmountTaxFree: 3_000 },
    });
    // The harness records every Toss Pay key as a card; this one is a Toss Money account.
    await db()
      .update(paymentMethods)
      .set({ kind: "account", bankName: "신한은행", accountNumberMasked: "110****1234" })
      .where(eq(paymentMethods.id, s.methodId!));

    const summary = await runBilling({
      now: new Date(end.getTime() + 60 * 60 * 1000),
      providerFor: harness.providerFor,
      sweepRegistrations: false,
    });
    expect(summary.succeeded).toBe(1);
    const [attempt] = await attemptsOf(s.subscription.id);
    expect(attempt).toMatchObject({
      status: "succeeded",
      amount: 13_000,
      amountTaxFree: 3_000,
      orderName: "도서 구독 자동결제",
      cashReceiptTradeOption: "CULTURE",
    });

    // What Toss Pay received: our VAT (10,000 / 11 = 909), the tax-free part and the receipt.
    const [received] = await db()
      .select()
      .from(sandboxCharges)
      .where(eq(sandboxCharges.orderNo, attempt!.orderId));
    expect(received).toMatchObject({
      amount: 13_000,
      amountTaxFree: 3_000,
      amountVat: 909,
      amountTaxable: 9_091,
      cashReceipt: true,
      cashReceiptTradeOption: "CULTURE",
      payMethod: "TOSS_MONEY",
    });

    const receipt = await getReceipt(s.userId, attempt!.id);
    expect(receipt).toMatchObject({
      orderName: "도서 구독 자동결제",
      split: { total: 13_000, taxFree: 3_000, supply: 9_091, vat: 909 },
      cashReceipt: { kind: "requested", tradeOption: "CULTURE" },
      method: { kind: "account", bankName: "신한은행" },
    });

    // Another customer's id, or a charge that did not succeed, reads as no receipt at all.
    const other = await createSubscriber({
      sandboxUrl: harness.sandboxUrl,
      plan,
      periodStart: start,
      periodEnd: kst("2027-05-06T10:00:00"),
    });
    expect(await getReceipt(other.userId, attempt!.id)).toBeNull();
    await db()
      .update(chargeAttempts)
      .set({ status: "failed" })
      .where(eq(chargeAttempts.id, attempt!.id));
    expect(await getReceipt(s.userId, attempt!.id)).toBeNull();

    // The receipt email links our receipt page.
    const [email] = await db()
      .select({ subject: notifications.subject, body: notifications.body })
      .from(notifications)
      .where(eq(notifications.subscriptionId, s.subscription.id));
    expect(email?.body).toContain(`/account/receipts/${attempt!.id}`);
    // In the business's name and contacts as the run read them (run-billing passes them down).
    expect(email?.subject).toContain("[책방 오늘]");
    expect(email?.body).toContain("help@bookshop.test");
  });
});
