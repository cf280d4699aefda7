import type { ErrorRule, FailureOutcome } from "../types";

// Every Toss Payments error code in docs/providers.md §2.4 (the seed's list, plus the cancel
// and delete codes of §2.3.3–§2.3.4 and the browser window's fail codes of §2.2), mapped to a
// docs/billing.md category and a Korean message that says what the customer can do. Categories
// are chosen for the charge (POST /v1/billing/{billingKey}), where a wrong answer costs money:
// - declined: Toss Payments refused before money moved (limit, balance, card company);
//   dunning retries later under a new order id.
// - needs_new_method: the billing key itself is unusable (deleted, withdrawn from 퀵계좌이체,
//   card stopped or expired); the charge path marks the method removed, which is also how an
//   unsigned BILLING_DELETED webhook is confirmed (§2.6).
// - config_error: our keys, contract or request are wrong; the customer cannot fix it.
// - unknown: anything that does not rule out that a payment was made or is still running
//   (duplicates, idempotency in progress, 5xx); the engine looks the order id up instead.
// Refund, issue and delete reuse the table; the provider narrows what makes no sense there.

const CONTACT_US = "고객센터로 문의해 주세요.";
const REGISTER_AGAIN = "결제수단을 다시 등록해 주세요.";
const CHECKING = "결제 결과를 확인하고 있어요. 확인되는 대로 알려 드릴게요.";
const CONFIG = `결제 설정에 문제가 있어요. ${CONTACT_US}`;

function rule(category: FailureOutcome, meaning: string, customerMessage: string): ErrorRule {
  return { category, meaning, customerMessage };
}

const config = (meaning: string, customerMessage = CONFIG) =>
  rule("config_error", meaning, customerMessage);
const checking = (meaning: string, customerMessage = CHECKING) =>
  rule("unknown", meaning, customerMessage);

export const TOSS_PAYMENTS_ERROR_CODES = {
  // The billing key is unusable: re-register (§2.4 "Issue or charge refused").
  NOT_FOUND_BILLING: rule(
    "needs_new_method",
    "Toss Payments has no billing auth for this key (deleted, or the customer left the quick account transfer service).",
    `등록된 결제수단을 더 이상 쓸 수 없어요. ${REGISTER_AGAIN}`,
  ),
  INVALID_BILL_KEY_REQUEST: rule(
    "needs_new_method",
    "The billing key is not authenticated or is invalid.",
    `등록된 결제수단을 더 이상 쓸 수 없어요. ${REGISTER_AGAIN}`,
  ),
  BILLING_KEY_NOT_FOUND: rule(
    "needs_new_method",
    "Toss Payments does not know this billing key.",
    `등록된 결제수단을 찾을 수 없어요. ${REGISTER_AGAIN}`,
  ),
  ALREADY_REMOVED_BILLING_KEY: rule(
    "needs_new_method",
    "The billing key was already deleted.",
    `자동결제가 해지된 결제수단이에요. ${REGISTER_AGAIN}`,
  ),
  INVALID_BILLING_AUTH: rule(
    "needs_new_method",
    "The billing authorization is invalid.",
    `결제수단 인증 정보가 올바르지 않아요. ${REGISTER_AGAIN}`,
  ),
  NOT_MATCHES_CUSTOMER_KEY: rule(
    "needs_new_method",
    "The customerKey does not match the one the billing key was issued for.",
    `결제수단 정보가 일치하지 않아요. ${REGISTER_AGAIN}`,
  ),
  INVALID_CARD_NUMBER: rule(
    "needs_new_method",
    "The card number is invalid.",
    "카드 번호가 올바르지 않아요. 카드 정보를 확인하고 다시 등록해 주세요.",
  ),
  INVALID_CARD_EXPIRATION: rule(
    "needs_new_method",
    "The card has expired or its expiry date is wrong.",
    "카드 유효기간이 지났거나 올바르지 않아요. 새 카드로 다시 등록해 주세요.",
  ),
  INVALID_STOPPED_CARD: rule(
    "needs_new_method",
    "The card is suspended.",
    "정지된 카드예요. 카드사에 확인하거나 다른 카드를 등록해 주세요.",
  ),
  INVALID_REJECT_CARD: rule(
    "needs_new_method",
    "The card company refuses this card.",
    "카드사에서 이 카드를 쓸 수 없다고 해요. 다른 카드를 등록해 주세요.",
  ),
  INVALID_CARD_IDENTITY: rule(
    "needs_new_method",
    "The card owner's identity does not match.",
    "카드 소유자 정보가 일치하지 않아요. 본인 명의 카드로 다시 등록해 주세요.",
  ),
  INVALID_BIRTH_DAY_FORMAT: rule(
    "needs_new_method",
    "The birth date entered with the card is not valid.",
    "생년월일 형식이 올바르지 않아요. 생년월일 6자리를 확인하고 다시 등록해 주세요.",
  ),
  NOT_SUPPORTED_CARD_TYPE: rule(
    "needs_new_method",
    "This card type cannot be used for auto-payment.",
    "이 카드는 자동결제에 쓸 수 없어요. 다른 카드를 등록해 주세요.",
  ),
  NOT_REGISTERED_CARD_COMPANY: rule(
    "needs_new_method",
    "The card company is not available for this merchant.",
    "이 카드사의 카드는 쓸 수 없어요. 다른 카드사의 카드를 등록해 주세요.",
  ),
  EXCEED_MAX_AUTH_COUNT: rule(
    "needs_new_method",
    "Too many authentication attempts for this card.",
    "인증 횟수를 넘었어요. 내일 다시 시도하거나 다른 카드를 등록해 주세요.",
  ),

  // Declined: nothing was charged; the same method may work later.
  REJECT_CARD_COMPANY: rule(
    "declined",
    "The card company declined the approval.",
    "카드사에서 결제를 거절했어요. 카드사에 확인하거나 다른 결제수단으로 바꿔 주세요.",
  ),
  REJECT_CARD_PAYMENT: rule(
    "declined",
    "Declined for the card's limit or balance.",
    "카드 한도가 부족하거나 잔액이 부족해요. 한도를 확인하거나 다른 결제수단으로 바꿔 주세요.",
  ),
  REJECT_ACCOUNT_PAYMENT: rule(
    "declined",
    "The account's balance is insufficient.",
    "계좌 잔액이 부족해요. 잔액을 채우거나 다른 결제수단으로 바꿔 주세요.",
  ),
  EXCEED_MAX_AMOUNT: rule(
    "declined",
    "Over the maximum amount for this payment.",
    "결제 한도를 넘었어요. 카드사에 한도를 확인하거나 다른 결제수단으로 바꿔 주세요.",
  ),
  EXCEED_MAX_DAILY_PAYMENT_COUNT: rule(
    "declined",
    "Over the daily payment count.",
    "오늘 결제할 수 있는 횟수를 넘었어요. 내일 다시 결제돼요.",
  ),
  EXCEED_MAX_PAYMENT_AMOUNT: rule(
    "declined",
    "Over the payment amount limit.",
    "결제 가능 금액을 넘었어요. 한도를 확인하거나 다른 결제수단으로 바꿔 주세요.",
  ),
  BELOW_MINIMUM_AMOUNT: rule(
    "declined",
    "Below the minimum amount (₩100 by card, ₩200 by account).",
    `결제 금액이 최소 결제 금액보다 적어요. ${CONTACT_US}`,
  ),

  // Our request or contract: the customer cannot fix these. The instalment codes are listed as
  // declines in §2.4, but we only ever charge a lump sum, so they can only mean our request is
  // wrong; a dunning retry would get the same answer.
  BELOW_ZERO_AMOUNT: config("The amount is zero or negative: a bug in our request."),
  NOT_SUPPORTED_INSTALLMENT_PLAN_CARD_OR_MERCHANT: config(
    "Instalments are not supported for this card or merchant; charge a lump sum.",
  ),
  INVALID_CARD_INSTALLMENT_PLAN: config("The instalment plan is invalid; charge a lump sum."),
  NOT_SUPPORTED_MONTHLY_INSTALLMENT_PLAN: config(
    "Monthly instalments are not supported; charge a lump sum.",
  ),
  UNAUTHORIZED_KEY: config(
    "TOSS_PAYMENTS_SECRET_KEY was refused (wrong key, or the Basic auth value lacks the trailing colon).",
  ),
  INVALID_API_KEY: config("TOSS_PAYMENTS_SECRET_KEY is not a valid key for this MID."),
  INCORRECT_BASIC_AUTH_FORMAT: config(
    "The Authorization header is malformed: Basic base64(secretKey + ':').",
  ),
  FORBIDDEN_REQUEST: config(
    "Toss Payments refused the request (no auto-payment contract for this MID, or wrong key pair).",
    `지금은 자동결제를 이용할 수 없어요. ${CONTACT_US}`,
  ),
  INVALID_REQUEST: config("Toss Payments refused the request as invalid."),
  INVALID_REQUIRED_PARAM: config("A required parameter is missing or invalid."),
  INVALID_ORDER_ID: config("orderId must be 6–64 letters, digits, - or _."),
  INVALID_ORDER_NAME: config("orderName is invalid (at most 100 characters)."),
  INVALID_CUSTOMER_KEY: config("customerKey is invalid (2–255 letters, digits, - * = . @)."),
  INVALID_EMAIL: config("customerEmail is not a valid address."),
  INVALID_IDEMPOTENCY_KEY: config("The Idempotency-Key is invalid (at most 300 characters)."),

  // Unknown: money may have moved or may still move; look the order id up.
  DUPLICATED_ORDER_ID: checking(
    "This orderId was already approved or cancelled: look it up, never charge under a new id.",
  ),
  ALREADY_PROCESSED_PAYMENT: checking("The payment was already processed: look the order id up."),
  DUPLICATED_REQUEST: checking("A duplicate request: look the order id up."),
  IDEMPOTENT_REQUEST_PROCESSING: checking(
    "The first request with this Idempotency-Key is still running (409); send the same request again later.",
  ),
  FAILED_INTERNAL_SYSTEM_PROCESSING: checking("Toss Payments internal error."),
  FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING: checking(
    "The card company or bank failed while processing; the outcome must be confirmed.",
  ),
  FAILED_DB_PROCESSING: checking("Toss Payments database error."),
  FAILED_BILL_KEY_AUTH_CREATION: checking("Toss Payments failed to create the billing auth."),
  COMMON_ERROR: checking("Toss Payments common error."),
  UNKNOWN_ERROR: checking("Toss Payments unknown error."),
  PROVIDER_ERROR: checking("An error passed through from the card company or bank."),
  // Our built-in sandbox only (lib/sandbox/toss-payments/idempotency.ts): the key was used for
  // a different body. Toss itself would replay the first answer; either way something already
  // ran under this key, so the order id is looked up.
  IDEMPOTENCY_KEY_REUSED: checking(
    "The Idempotency-Key was already used for a different request: look the order id up.",
  ),
  NOT_FOUND_PAYMENT: checking(
    "No payment under this order id or paymentKey (a lookup reads this as not found).",
  ),

  // Cancels (refunds, §2.3.4).
  ALREADY_CANCELED_PAYMENT: rule(
    "declined",
    "The payment is already fully cancelled.",
    "이미 환불된 결제예요.",
  ),
  NOT_CANCELABLE_AMOUNT: rule(
    "declined",
    "The amount exceeds what can still be cancelled.",
    `환불할 수 있는 금액을 넘었어요. ${CONTACT_US}`,
  ),
  NOT_CANCELABLE_PAYMENT: rule(
    "declined",
    "This payment cannot be cancelled.",
    `이 결제는 환불할 수 없어요. ${CONTACT_US}`,
  ),
  EXCEED_MAX_REFUND_DUE: rule(
    "declined",
    "The refund period for this payment has passed.",
    `환불 가능 기간이 지났어요. ${CONTACT_US}`,
  ),
  NOT_ALLOWED_PARTIAL_REFUND: rule(
    "declined",
    "Partial refunds are not allowed for this payment.",
    `이 결제는 부분 환불이 안 돼요. ${CONTACT_US}`,
  ),
  EXCEED_MAX_REFUND_AMOUNT: rule(
    "declined",
    "Over the refundable amount.",
    `환불 가능 금액을 넘었어요. ${CONTACT_US}`,
  ),
  FORBIDDEN_CONSECUTIVE_REQUEST: checking(
    "Repeated requests too quickly (403); send the same cancel again with the same key.",
    "환불 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  ),
  FAILED_REFUND_PROCESS: checking(
    "The refund failed inside Toss Payments (500); send the same cancel again with the same key.",
    "환불 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  ),

  // The browser window's fail redirect (§2.2): never a charge, the registration ends.
  PAY_PROCESS_CANCELED: rule(
    "declined",
    "The customer closed the registration window.",
    "결제수단 등록을 취소했어요. 다시 등록하려면 처음부터 진행해 주세요.",
  ),
  PAY_PROCESS_ABORTED: rule(
    "declined",
    "The registration failed in the Toss Payments window.",
    "결제수단 등록에 실패했어요. 잠시 후 다시 시도하거나 다른 결제수단을 등록해 주세요.",
  ),
} as const satisfies Record<string, ErrorRule>;

export type TossPaymentsErrorCode = keyof typeof TOSS_PAYMENTS_ERROR_CODES;

/**
 * A code that is not in the table (Toss Payments adds codes without notice) is `unknown`: on a
 * charge, declined would let dunning retry under a NEW order id, and if the new code meant
 * "still processing" or "already paid" the customer would be charged twice. unknown costs one
 * lookup by the same order id, which settles it.
 */
export const UNKNOWN_CODE_RULE: ErrorRule = checking(
  "Toss Payments returned an error code we do not know; confirm the outcome with a lookup.",
);

export function isKnownTossPaymentsCode(
  code: string | null | undefined,
): code is TossPaymentsErrorCode {
  return typeof code === "string" && Object.hasOwn(TOSS_PAYMENTS_ERROR_CODES, code);
}

export function tossPaymentsErrorRule(code: string | null | undefined): ErrorRule {
  return isKnownTossPaymentsCode(code) ? TOSS_PAYMENTS_ERROR_CODES[code] : UNKNOWN_CODE_RULE;
}
