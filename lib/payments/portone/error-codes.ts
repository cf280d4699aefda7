import { tossPayErrorRule } from "../toss-pay/error-codes";
import type { ErrorRule } from "../types";

// PortOne's error types (docs/providers.md §3.4) mapped to docs/billing.md's categories, with
// the same rule as the other tables: `declined` only when nothing can have been charged,
// `unknown` whenever the answer does not rule out a payment (GET /payments/{paymentId} then
// settles it under the same id). Declines from Toss Pay arrive as 502 PG_PROVIDER with Toss
// Pay's own errorCode in pgCode [inferred, §3.4] and are read through Toss Pay's table.

const CONTACT_US = "고객센터로 문의해 주세요.";
const CHECKING = "결제 결과를 확인하고 있어요. 확인되는 대로 알려 드릴게요.";
const REGISTER_NEW = "등록된 결제수단을 더 이상 쓸 수 없어요. 새 결제수단을 등록해 주세요.";

const config = (meaning: string): ErrorRule => ({
  category: "config_error",
  meaning,
  customerMessage: `결제 설정에 문제가 있어요. ${CONTACT_US}`,
});

export const PORTONE_ERROR_TYPES = {
  UNAUTHORIZED: config("PortOne refused the API secret (PORTONE_API_SECRET)."),
  FORBIDDEN: config("The API secret may not act on this store (PORTONE_STORE_ID)."),
  INVALID_REQUEST: config("PortOne refused the request's fields; nothing was charged."),
  CHANNEL_NOT_FOUND: config("The channel (PORTONE_CHANNEL_KEY) does not exist in this store."),
  SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT: config("taxFree/vat add up to more than the total."),
  DISCOUNT_AMOUNT_EXCEEDS_TOTAL_AMOUNT: config("The discount exceeds the total."),
  PROMOTION_PAY_METHOD_DOES_NOT_MATCH: config("A promotion does not fit this payment method."),
  PAYMENT_SCHEDULE_ALREADY_EXISTS: config(
    "A PortOne payment schedule exists for this key or payment; we never create schedules, so one was made outside this app.",
  ),
  MAX_TRANSACTION_COUNT_REACHED: {
    category: "declined",
    meaning:
      "This paymentId has had too many attempts; nothing was charged. The next retry uses a new order id.",
    customerMessage: "결제가 승인되지 않았어요. 잠시 후 다시 시도할게요.",
  },
  BILLING_KEY_NOT_FOUND: {
    category: "needs_new_method",
    meaning: "PortOne does not know this billing key.",
    customerMessage: REGISTER_NEW,
  },
  BILLING_KEY_ALREADY_DELETED: {
    category: "needs_new_method",
    meaning: "The billing key was deleted (by the customer in the Toss app, or by an admin).",
    customerMessage: REGISTER_NEW,
  },
  BILLING_KEY_NOT_ISSUED: {
    category: "needs_new_method",
    meaning: "The billing key was never issued (the customer did not finish).",
    customerMessage: REGISTER_NEW,
  },
  // A payment already exists under this paymentId: ours, from an attempt whose answer was lost.
  // Never a failure; the lookup under the same id returns it (§3.7).
  ALREADY_PAID: {
    category: "unknown",
    meaning: "This paymentId is already paid; the lookup settles the attempt.",
    customerMessage: CHECKING,
  },
  PAYMENT_NOT_FOUND: {
    category: "declined",
    meaning: "PortOne has no payment under this paymentId.",
    customerMessage: "결제 내역을 찾지 못했어요.",
  },
  PAYMENT_NOT_PAID: {
    category: "declined",
    meaning: "The payment was never paid, so there is nothing to cancel.",
    customerMessage: "결제되지 않은 건이라 환불할 수 없어요.",
  },
  PAYMENT_ALREADY_CANCELLED: {
    category: "declined",
    meaning: "The payment is already cancelled in full.",
    customerMessage: "이미 전액 환불된 결제예요.",
  },
  CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: {
    category: "unknown",
    meaning:
      "The payment's cancellable amount is not what we expected: another cancel (possibly this one, sent before) happened first.",
    customerMessage: "환불 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  },
  CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: {
    category: "declined",
    meaning: "The refund is larger than what is left to cancel.",
    customerMessage: "환불할 수 있는 금액을 넘었어요.",
  },
} as const satisfies Record<string, ErrorRule>;

/** An unknown type (PortOne adds types without notice, §3.5) is `unknown`: ask, don't guess. */
const UNKNOWN_TYPE: ErrorRule = {
  category: "unknown",
  meaning: "PortOne answered an error type we do not know; the outcome is confirmed by lookup.",
  customerMessage: CHECKING,
};

export function isKnownPortOneType(type: string): type is keyof typeof PORTONE_ERROR_TYPES {
  return Object.hasOwn(PORTONE_ERROR_TYPES, type);
}

export function portOneErrorRule(
  type: string,
  pgCode: string | null,
): ErrorRule & { known: boolean } {
  if (type === "PG_PROVIDER") {
    // Toss Pay's table: an errorCode it does not know is `unknown` there too.
    const rule = tossPayErrorRule(pgCode);
    return { ...rule, known: pgCode !== null && rule.category !== "unknown" };
  }
  if (isKnownPortOneType(type)) return { ...PORTONE_ERROR_TYPES[type], known: true };
  return { ...UNKNOWN_TYPE, known: false };
}
