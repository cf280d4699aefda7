import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, paymentMethods, plans, subscriptions, users } from "@/lib/db/schema";
import type { ChargeAttempt } from "@/lib/db/schema";
import { methodRecognitionColumns, type MethodRecognition } from "@/lib/payments/method-columns";
import type { BusinessDetails } from "@/lib/merchant/missing-business-details";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import type { CashReceiptTradeOption } from "./labels";
import { splitVat, type VatSplit } from "@/lib/payments/split-vat";

/** What our receipt page shows for one paid charge (docs/receipts-and-tax.md). */
export type Receipt = {
  id: string;
  orderId: string;
  orderName: string;
  approvedAt: Date;
  provider: ChargeAttempt["provider"];
  split: VatSplit;
  refundedAmount: number; // KRW
  testMode: boolean;
  // The provider's own receipt (Toss Pay's salesCheckLinkUrl for cards, Toss Payments'
  // receipt.url, PortOne's receiptUrl), when it gave one.
  providerReceiptUrl: string | null;
  method: MethodRecognition | null;
  cashReceipt: CashReceiptStatus;
  buyer: { email: string; name: string | null };
  seller: BusinessDetails;
};

/**
 * The 현금영수증 line of a receipt. Cards never get one (their 매출전표 is the receipt); for an
 * account or Toss Money charge it says whether the provider was asked to issue one.
 */
export type CashReceiptStatus =
  | { kind: "not_applicable" } // a card, or a method we no longer know
  | { kind: "requested"; tradeOption: CashReceiptTradeOption } // Toss Pay issues it
  | { kind: "not_requested" }; // the merchant issues none, or the provider takes no request

function cashReceiptStatus(
  attempt: Pick<ChargeAttempt, "provider" | "cashReceiptTradeOption">,
  method: Receipt["method"],
): CashReceiptStatus {
  if (!method || method.kind === "card") return { kind: "not_applicable" };
  // Only Toss Pay takes a cash-receipt request with a billing charge (docs/receipts-and-tax.md).
  if (attempt.provider === "toss_pay" && attempt.cashReceiptTradeOption) {
    return { kind: "requested", tradeOption: attempt.cashReceiptTradeOption };
  }
  return { kind: "not_requested" };
}

/**
 * The receipt of a succeeded charge of `userId`'s, or null when there is no such charge (another
 * customer's, failed, still pending): the page answers 404 either way, so ids reveal nothing.
 */
export async function getReceipt(userId: string, chargeId: string): Promise<Receipt | null> {
  const [row] = await db()
    .select({
      attempt: chargeAttempts,
      planName: plans.name,
      method: methodRecognitionColumns,
      buyer: { email: users.email, name: users.name },
    })
    .from(chargeAttempts)
    .innerJoin(subscriptions, eq(subscriptions.id, chargeAttempts.subscriptionId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(users, eq(users.id, chargeAttempts.userId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, chargeAttempts.paymentMethodId))
    .where(
      and(
        eq(chargeAttempts.id, chargeId),
        eq(chargeAttempts.userId, userId),
        eq(chargeAttempts.status, "succeeded"),
      ),
    );
  if (!row) return null;
  const { attempt } = row;
  const method = row.method?.kind ? row.method : null;
  const seller = await getMerchantSettings();
  return {
    id: attempt.id,
    orderId: attempt.orderId,
    // Attempts recorded before order names were kept: the subscription's plan now.
    orderName: attempt.orderName ?? `${row.planName} 자동결제`,
    approvedAt: attempt.approvedAt ?? attempt.updatedAt,
    provider: attempt.provider,
    split: splitVat(attempt.amount, attempt.amountTaxFree),
    refundedAmount: attempt.refundedAmount,
    testMode: attempt.testMode,
    providerReceiptUrl: attempt.receiptUrl,
    method,
    cashReceipt: cashReceiptStatus(attempt, method),
    buyer: row.buyer,
    seller: {
      businessName: seller.businessName,
      representativeName: seller.representativeName,
      businessRegistrationNumber: seller.businessRegistrationNumber,
      mailOrderRegistrationNumber: seller.mailOrderRegistrationNumber,
      businessAddress: seller.businessAddress,
      supportPhone: seller.supportPhone,
      supportEmail: seller.supportEmail,
    },
  };
}
