import { sleep } from "@/lib/sandbox/shared/sleep";
import { TossPaymentsError } from "./api-error";
import { DELETE_REASONS, deleteBillingKey } from "./billing-keys";
import { findKeyAndOrder, insertStoringAnswer } from "./charge-queries";
import type { ApiOperation } from "./context";
import { errorAnswer } from "./idempotency";
import { newPaymentKey, newTransactionKey } from "./ids";
import { declineCode, findInstrument } from "./instruments";
import { paymentObject } from "./payment-view";
import type { PaymentRow } from "./schema";
import {
  CUSTOMER_KEY,
  EMAIL,
  ORDER_ID,
  optionalInt,
  optionalString,
  requiredInt,
  requiredString,
} from "./validation";

// POST /v1/billing/{billingKey} (docs/providers.md §2.3.2): charges the key at once. Approved
// → 200 with the Payment (status DONE). Declined → the error with its status, and a Payment
// with status ABORTED and `failure` is kept, so looking the order id up says "declined" rather
// than "nothing" (the sandbox's reading; an ABORTED order id may be charged again).

// docs/providers.md §2.3.2: card ₩100, account ₩200. The upper bound is the sandbox's choice
// (docs silent): far above any subscription, low enough to catch a unit mistake.
const MINIMUM_AMOUNT = { card: 100, account: 200 } as const;
const MAXIMUM_AMOUNT = 100_000_000;
const INSTALLMENT_MINIMUM_AMOUNT = 50_000;
// The "slow" instruments answer after this long; the charge is already recorded by then.
const SLOW_ANSWER_MS = 30_000;

function readChargeBody(body: Record<string, unknown>) {
  const customerKey = requiredString(body, "customerKey", CUSTOMER_KEY);
  const amount = requiredInt(body, "amount");
  if (amount <= 0) throw new TossPaymentsError("BELOW_ZERO_AMOUNT");
  if (amount > MAXIMUM_AMOUNT) throw new TossPaymentsError("EXCEED_MAX_AMOUNT");
  return {
    customerKey,
    amount,
    orderId: requiredString(body, "orderId", ORDER_ID),
    orderName: requiredString(body, "orderName", { max: 100, code: "INVALID_ORDER_NAME" }),
    customerEmail: optionalString(body, "customerEmail", EMAIL),
    customerName: optionalString(body, "customerName", { max: 100 }),
    taxFreeAmount: optionalInt(body, "taxFreeAmount", { min: 0, max: amount }) ?? 0,
    cardInstallmentPlan:
      optionalInt(body, "cardInstallmentPlan", {
        min: 0,
        max: 12,
        code: "INVALID_CARD_INSTALLMENT_PLAN",
      }) ?? 0,
  };
}

export const chargeBillingKey: ApiOperation = async (
  ctx,
  { secretKey, param, body, idempotency },
) => {
  const input = readChargeBody(body);
  const found = await findKeyAndOrder(ctx, idempotency, {
    secretKey,
    billingKey: param,
    orderId: input.orderId,
  });
  if (!found) throw new TossPaymentsError("NOT_FOUND_BILLING");
  const { key, orderTaken } = found;
  // A deleted key (DELETE, a 퀵계좌이체 withdrawal) is the "invalid" kind: it did exist.
  if (key.deletedAt) throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  if (key.customerKey !== input.customerKey)
    throw new TossPaymentsError("NOT_MATCHES_CUSTOMER_KEY");
  const instrument = findInstrument(key.instrumentId);
  if (!instrument) throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  if (input.amount < MINIMUM_AMOUNT[instrument.kind]) {
    throw new TossPaymentsError("BELOW_MINIMUM_AMOUNT");
  }
  if (
    input.cardInstallmentPlan === 1 ||
    (input.cardInstallmentPlan > 1 &&
      (instrument.kind !== "card" || input.amount < INSTALLMENT_MINIMUM_AMOUNT))
  ) {
    throw new TossPaymentsError("INVALID_CARD_INSTALLMENT_PLAN");
  }
  if (orderTaken) throw new TossPaymentsError("DUPLICATED_ORDER_ID");

  if (instrument.behavior === "withdrawn") {
    // Seed 002: a customer who leaves 퀵계좌이체 invalidates the key; the sandbox lets that
    // happen just before the first charge, so the charge fails as the next one would.
    await deleteBillingKey(ctx, key, DELETE_REASONS.withdrawal);
    throw new TossPaymentsError("INVALID_BILL_KEY_REQUEST");
  }

  const decline = declineCode(instrument);
  const values = {
    paymentKey: newPaymentKey(),
    secretKey,
    orderId: input.orderId,
    orderName: input.orderName,
    billingKey: key.billingKey,
    customerKey: key.customerKey,
    customerEmail: input.customerEmail ?? null,
    customerName: input.customerName ?? null,
    totalAmount: input.amount,
    taxFreeAmount: input.taxFreeAmount,
    installmentPlanMonths: input.cardInstallmentPlan,
    instrumentId: instrument.id,
    requestedAt: ctx.now,
  };
  if (decline) {
    const error = new TossPaymentsError(decline);
    const declined: PaymentRow = {
      ...values,
      status: "ABORTED",
      balanceAmount: 0,
      lastTransactionKey: null,
      approvedAt: null,
      failureCode: error.code,
      failureMessage: error.message,
    };
    await insertStoringAnswer(ctx, declined, errorAnswer(error), idempotency);
    throw error;
  }
  const payment: PaymentRow = {
    ...values,
    status: "DONE",
    balanceAmount: input.amount,
    lastTransactionKey: newTransactionKey(),
    approvedAt: ctx.now,
    failureCode: null,
    failureMessage: null,
  };
  // Nothing to read back: the key is the one in hand, and a payment just made has no cancels.
  const answer = { status: 200, body: paymentObject(payment, key, [], ctx.baseUrl) };
  // A slow instrument's answer is stored when it is given: a repeat meanwhile must still hear
  // that the first request is running (409), as with Toss.
  const slow = instrument.behavior === "slow";
  const charged = await insertStoringAnswer(ctx, payment, answer, slow ? null : idempotency);
  if (!charged) throw new TossPaymentsError("DUPLICATED_ORDER_ID");
  if (slow) await sleep(SLOW_ANSWER_MS, ctx.signal);
  return answer;
};
