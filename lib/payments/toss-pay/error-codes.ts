import type { ErrorRule } from "../types";

// Every Toss Pay errorCode in docs/providers.md §1.5 (qna.html#faq-7, Oct 2024), mapped to a
// docs/billing.md category and a Korean message for the customer. The category is chosen for the
// bill API, where a wrong answer costs money:
// - declined only when Toss definitely refused before any money moved (balance, limit, card,
//   user state); dunning then retries later under a new order id.
// - unknown whenever the code does not rule out that a payment was made or is still running;
//   the engine then looks the same order id up (POST /api/v2/status) instead of retrying.
// - needs_new_method only when the billing key itself is dead. A blocked card or an empty
//   account is "declined": the customer can switch the method inside the Toss app and keep the
//   same key (§1.4.4), so the next dunning retry can succeed.
// - config_error when our merchant contract, API key or request is wrong.
// Refunds and removal reuse the table; the provider narrows categories that make no sense there.

const TRY_LATER = "잠시 후 다시 시도해 주세요.";
const CHANGE_IN_APP = "토스 앱에서 결제수단을 확인하거나 다른 결제수단으로 바꿔 주세요.";
const CONTACT_US = "고객센터로 문의해 주세요.";

export const TOSS_PAY_ERROR_CODES = {
  // Auto-payment
  NOT_SUPPORTED_BILLING_KEY_SHOP: {
    category: "config_error",
    meaning: "This merchant is not enabled for Toss Pay auto-payment; ask Toss to enable it.",
    customerMessage: `지금은 토스페이 자동결제를 이용할 수 없어요. ${CONTACT_US}`,
  },
  BILLING_KEY_ALREADY_ACTIVATED: {
    category: "declined",
    meaning: "The billing key is already activated.",
    customerMessage: "이미 등록이 끝난 토스페이 결제수단이에요.",
  },
  BILLING_KEY_REGISTRATION_CANCELLED: {
    category: "needs_new_method",
    meaning: "The billing key registration was cancelled; the key cannot be used.",
    customerMessage: "토스페이 결제수단 등록이 취소됐어요. 결제수단을 다시 등록해 주세요.",
  },
  BILLING_KEY_UNREGISTERED_BY_CANCEL: {
    category: "needs_new_method",
    meaning: "The billing key was unregistered by a cancellation; start a new registration.",
    customerMessage: "토스페이 자동결제가 해지됐어요. 결제수단을 다시 등록해 주세요.",
  },
  BILLING_KEY_AUTH_ERROR: {
    category: "needs_new_method",
    meaning: "The authentication window for this billing key expired.",
    customerMessage: "인증 시간이 지났어요. 결제수단 등록을 처음부터 다시 진행해 주세요.",
  },
  BILLING_KEY_USER_CI_ERROR: {
    category: "needs_new_method",
    meaning: "The Toss user does not match the user identity (CI) the merchant sent.",
    customerMessage:
      "토스 가입 정보와 본인 정보가 일치하지 않아요. 본인 명의의 토스 계정으로 다시 등록해 주세요.",
  },
  BILLING_KEY_REMOVE_NOT_ALLOWED_SHOP: {
    category: "config_error",
    meaning: "This merchant may not delete billing keys; ask Toss to allow /billing-key/remove.",
    customerMessage: `결제수단을 지금 삭제할 수 없어요. ${CONTACT_US}`,
  },
  ALREADY_EXISTED_AUTH: {
    category: "declined",
    meaning: "An authentication for this user is already in progress.",
    customerMessage:
      "이미 진행 중인 결제수단 등록이 있어요. 토스 앱을 확인하거나 잠시 후 다시 시도해 주세요.",
  },
  NOT_SUPPORTED_PAYMENT_METHOD: {
    category: "needs_new_method",
    meaning: "The payment method behind this key is not supported for auto-payment.",
    customerMessage: "이 결제수단은 자동결제에 쓸 수 없어요. 다른 결제수단을 등록해 주세요.",
  },
  EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD: {
    category: "declined",
    meaning:
      "An active billing key already uses this payment method for this userId; registering it again needs a different userId plus a displayId (docs/providers.md §1.3).",
    customerMessage: "이 결제수단은 이미 자동결제에 등록돼 있어요. 다른 결제수단을 선택해 주세요.",
  },
  COMMON_BILLING_KEY_NOT_FOUND: {
    category: "needs_new_method",
    meaning: "Toss does not know this billing key (deleted, or created with another API key).",
    customerMessage: "등록된 결제수단을 찾을 수 없어요. 결제수단을 다시 등록해 주세요.",
  },
  CORE_USER_ERROR: {
    category: "needs_new_method",
    meaning: "The Toss user behind this key does not exist.",
    customerMessage: "토스 회원 정보를 찾을 수 없어요. 결제수단을 다시 등록해 주세요.",
  },

  // Common
  COMMON_SYSTEM_ERROR: {
    category: "unknown",
    meaning: "Toss system error; whether the request was processed is not known.",
    customerMessage: "토스 시스템이 잠시 응답하지 않아요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  COMMON_INVALID_PARAMETER: {
    category: "config_error",
    meaning: "Toss rejected a request parameter.",
    customerMessage: `결제 요청에 문제가 있어요. ${CONTACT_US}`,
  },
  COMMON_PAY_ERROR: {
    // A generic payment error: nothing documents that no money moved, so look it up.
    category: "unknown",
    meaning: "Generic Toss payment error; the outcome must be confirmed with a status lookup.",
    customerMessage: "결제를 처리하는 중 문제가 생겼어요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  COMMON_NOT_ENOUGH_CASH: {
    category: "declined",
    meaning: "Insufficient balance in the linked account or Toss Money.",
    customerMessage: "연결된 계좌의 잔액이 부족해요. 잔액을 채운 뒤 다시 시도해 주세요.",
  },
  COMMON_EXCEED_LIMIT: {
    category: "declined",
    meaning: "The payment limit was exceeded.",
    customerMessage: `결제 한도를 넘었어요. ${CHANGE_IN_APP}`,
  },
  COMMON_ASSET_GET_ACCOUNT_ERROR: {
    category: "declined",
    meaning: "Toss could not read the linked account from the bank.",
    customerMessage: `연결된 계좌 정보를 불러오지 못했어요. ${TRY_LATER}`,
  },
  COMMON_REFUND_ERROR: {
    category: "declined",
    meaning: "Toss refused the refund.",
    customerMessage: `환불을 처리하지 못했어요. ${CONTACT_US}`,
  },
  REFUND_REFUND_NO_DUPLICATE: {
    // Same refundNo already used: an earlier attempt of ours may have gone through; check the
    // payment's transactions before doing anything else.
    category: "unknown",
    meaning: "This refundNo was already used; check the payment status before refunding again.",
    customerMessage: "환불 요청을 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
  },
  REFUND_ALREADY_REFUNDED: {
    category: "declined",
    meaning: "The payment is already fully refunded.",
    customerMessage: "이미 전액 환불된 결제예요.",
  },
  PAYMENT_DUPLICATION_ORDER_NO: {
    // docs/billing.md "Charging" step 5: a duplicate order answer means "look it up", never "failed".
    category: "unknown",
    meaning: "This orderNo was already used; look the order up with /api/v2/status.",
    customerMessage: "이미 접수된 결제예요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  PAYMENT_EXISTING_PAYMENT: {
    category: "unknown",
    meaning: "A payment already exists for this order; look it up with /api/v2/status.",
    customerMessage: "이미 접수된 결제예요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  TRANSACTION_PENDING_ERROR: {
    category: "unknown",
    meaning:
      "The previous payment is still in progress; poll the status (contact Toss if it lasts over 10 minutes).",
    customerMessage: "이전 결제가 아직 처리 중이에요. 결과를 확인한 뒤 알려 드릴게요.",
  },
  INVALID_ACCOUNT_STATUS: {
    category: "declined",
    meaning: "The linked account cannot be used in its current state.",
    customerMessage: `연결된 계좌를 지금 사용할 수 없어요. ${CHANGE_IN_APP}`,
  },
  FRAUD_DETECTION_SYSTEM_ERROR: {
    category: "declined",
    meaning: "Blocked by Toss's fraud detection.",
    customerMessage: "안전한 결제를 위해 이번 결제가 제한됐어요. 토스 고객센터로 문의해 주세요.",
  },
  USER_STATUS_ERROR: {
    category: "declined",
    meaning: "The Toss user's account is not in a state that allows payments.",
    customerMessage:
      "토스 계정 상태 때문에 결제할 수 없어요. 토스 앱에서 계정 상태를 확인해 주세요.",
  },
  TRANSACTION_NOT_COMPLETE: {
    category: "unknown",
    meaning: "The transaction has not completed yet.",
    customerMessage: "결제가 아직 끝나지 않았어요. 결과를 확인한 뒤 알려 드릴게요.",
  },
  TRANSACTION_NOT_FOUND: {
    category: "declined",
    meaning: "Toss has no such transaction.",
    customerMessage: "결제 내역을 찾을 수 없어요.",
  },
  INACTIVE_USER: {
    category: "needs_new_method",
    meaning: "The Toss user is inactive (dormant or withdrawn).",
    customerMessage: "토스 계정이 휴면 또는 탈퇴 상태예요. 결제수단을 다시 등록해 주세요.",
  },
  AUTO_CHARGE_NOT_YET_REGISTER_ACCOUNT: {
    category: "declined",
    meaning: "No top-up account is registered for Toss Money auto-charge.",
    customerMessage:
      "토스머니 자동충전 계좌가 등록되지 않았어요. 토스 앱에서 계좌를 등록하거나 결제수단을 바꿔 주세요.",
  },

  // User
  PAY_UNAUTHORIZED: {
    category: "declined",
    meaning: "The user is not authorized to pay.",
    customerMessage: `결제 권한이 확인되지 않았어요. ${CHANGE_IN_APP}`,
  },
  TOSS_APP_UPDATE_IS_REQUIRED: {
    category: "declined",
    meaning: "The user must update the Toss app.",
    customerMessage: "토스 앱을 최신 버전으로 업데이트한 뒤 다시 시도해 주세요.",
  },
  PAY_CANCEL_ITS_NOT_CANCELABLE_STATUS: {
    category: "declined",
    meaning: "The payment is not in a cancellable state.",
    customerMessage: "지금은 취소할 수 없는 결제 상태예요.",
  },
  COUPON_ASSIGN_FAIL: {
    category: "declined",
    meaning: "A Toss coupon could not be applied.",
    customerMessage: `할인 쿠폰을 적용하지 못했어요. ${TRY_LATER}`,
  },
  DISCOUNT_CLOSED: {
    category: "declined",
    meaning: "The Toss discount has ended.",
    customerMessage: `할인 행사가 끝났어요. ${TRY_LATER}`,
  },
  USER_DISCOUNT_CLOSED: {
    category: "declined",
    meaning: "The user's Toss discount has ended.",
    customerMessage: `적용할 수 있는 할인이 끝났어요. ${TRY_LATER}`,
  },
  DISCOUNT_NEED_ISSUE: {
    category: "declined",
    meaning: "The discount must be issued to the user first.",
    customerMessage: `할인을 먼저 받아야 해요. ${TRY_LATER}`,
  },
  DISCOUNT_ALREADY_ISSUED: {
    category: "declined",
    meaning: "The discount was already issued.",
    customerMessage: `이미 받은 할인이에요. ${TRY_LATER}`,
  },
  AVAILABLE_ONLY_TOSS_MONEY_UNDER_MIN_AMT: {
    category: "declined",
    meaning: "Below the card minimum only Toss Money can pay.",
    customerMessage:
      "이 금액은 토스머니로만 결제할 수 있어요. 토스 앱에서 결제수단을 토스머니로 바꿔 주세요.",
  },
  AUTO_PAY_TERM_INACTIVE_FAIL: {
    category: "needs_new_method",
    meaning: "The user's auto-payment agreement is no longer active.",
    customerMessage: "토스 자동결제 동의가 해지됐어요. 결제수단을 다시 등록해 주세요.",
  },
  AGE_POLICY_ERROR: {
    category: "declined",
    meaning: "Refused by Toss's age policy.",
    customerMessage: "연령 제한으로 결제할 수 없어요.",
  },
  PAY_FRAUD_DETECTED: {
    category: "declined",
    meaning: "Toss detected fraud and refused the payment.",
    customerMessage: "안전한 결제를 위해 이번 결제가 제한됐어요. 토스 고객센터로 문의해 주세요.",
  },
  BLOCKED_THE_USE_OF_POINT: {
    category: "declined",
    meaning: "The user may not use Toss points.",
    customerMessage: `토스포인트를 사용할 수 없는 계정이에요. ${CHANGE_IN_APP}`,
  },

  // Card
  CARD_SYSTEM_ERROR: {
    // An issuer-side failure may come after the approval request reached the issuer.
    category: "unknown",
    meaning: "Card issuer system error; the approval state must be confirmed.",
    customerMessage: "카드사 시스템에 문제가 생겼어요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  CARD_BANK_SYSTEM_ERROR: {
    category: "declined",
    meaning: "The card issuer is under maintenance.",
    customerMessage: `카드사 점검 시간이에요. ${TRY_LATER}`,
  },
  CARD_NOT_AVAILABLE_SHOP: {
    category: "declined",
    meaning: "This card cannot be used at this merchant.",
    customerMessage: `이 카드는 이 가맹점에서 쓸 수 없어요. ${CHANGE_IN_APP}`,
  },
  CARD_NOT_AVAILABLE: {
    category: "declined",
    meaning: "The card is lost, stolen or suspended.",
    customerMessage: `사용할 수 없는 카드예요(분실·정지 등). ${CHANGE_IN_APP}`,
  },
  CARD_EXCEED_LIMIT: {
    category: "declined",
    meaning: "The card limit was exceeded.",
    customerMessage: `카드 한도를 넘었어요. ${CHANGE_IN_APP}`,
  },
  CARD_NOT_ENOUGH_BALANCE: {
    category: "declined",
    meaning: "Insufficient balance on the (check) card's account.",
    customerMessage: `카드 잔액이 부족해요. ${CHANGE_IN_APP}`,
  },
  CARD_SPREADOUT_ERROR: {
    category: "config_error",
    meaning: "The instalment plan (spreadOut) is not allowed for this card.",
    customerMessage: `할부 설정에 문제가 있어요. ${CONTACT_US}`,
  },
  CARD_MIN_AMOUNT_ERROR: {
    category: "config_error",
    meaning: "Below the card minimum of ₩100.",
    customerMessage: `결제 금액이 카드 최소 금액보다 작아요. ${CONTACT_US}`,
  },
  CARD_MIN_AMOUNT_FOR_SPREADOUT_ERROR: {
    category: "config_error",
    meaning: "Instalments need an amount of at least ₩50,000.",
    customerMessage: `할부는 5만 원 이상부터 가능해요. ${CONTACT_US}`,
  },

  // BNPL (후불)
  BNPL_INVALID_REQUEST: {
    category: "config_error",
    meaning: "Invalid Toss pay-later request.",
    customerMessage: `후불결제 요청에 문제가 있어요. ${CONTACT_US}`,
  },
  BNPL_NOT_EXIST_USER: {
    category: "declined",
    meaning: "The user has no Toss pay-later account.",
    customerMessage: `토스 후불결제를 쓸 수 없는 계정이에요. ${CHANGE_IN_APP}`,
  },
  BNPL_EXCEED_PAYABLE_AMOUNT: {
    category: "declined",
    meaning: "Over the user's pay-later limit.",
    customerMessage: `후불결제 한도를 넘었어요. ${CHANGE_IN_APP}`,
  },
  BNPL_ALREADY_COMPLETED_REQUEST: {
    category: "unknown",
    meaning: "This pay-later request was already completed; look it up.",
    customerMessage: "이미 처리된 결제예요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  BNPL_IN_PROGRESS_REQUEST: {
    category: "unknown",
    meaning: "This pay-later request is still in progress.",
    customerMessage: "결제가 아직 처리 중이에요. 결과를 확인한 뒤 알려 드릴게요.",
  },
  BNPL_NOT_FOUND_PAYMENT: {
    category: "declined",
    meaning: "No such pay-later payment.",
    customerMessage: "후불결제 내역을 찾을 수 없어요.",
  },
  BNPL_ALREADY_COMPLETED_REFUND: {
    category: "declined",
    meaning: "This pay-later payment is already refunded.",
    customerMessage: "이미 환불된 후불결제예요.",
  },
  NOT_SET_BNPL_PAYMENT_ACCOUNT: {
    category: "declined",
    meaning: "The user has no repayment account for pay-later.",
    customerMessage: `후불결제 상환 계좌가 등록되지 않았어요. ${CHANGE_IN_APP}`,
  },

  // Receipt (매출전표)
  SALES_CHECK_NOT_FOUND_USER: {
    category: "declined",
    meaning: "Receipt: user not found.",
    customerMessage: "매출전표를 불러올 수 없어요.",
  },
  SALES_CHECK_USER_AUTH_FAIL: {
    category: "declined",
    meaning: "Receipt: user authentication failed.",
    customerMessage: "매출전표를 보려면 본인 확인이 필요해요.",
  },
  SALES_CHECK_USER_AUTH_DECRYPT_FAIL: {
    category: "declined",
    meaning: "Receipt: user authentication could not be decrypted.",
    customerMessage: "매출전표를 불러올 수 없어요.",
  },
  SALES_CHECK_CARD_ONLY: {
    category: "declined",
    meaning: "Receipts (sales checks) exist only for card payments.",
    customerMessage: "매출전표는 카드 결제에만 있어요.",
  },

  // Reseller
  COMMON_PAY_RESELLER_ERROR: {
    category: "unknown",
    meaning: "Generic reseller payment error; confirm the outcome with a status lookup.",
    customerMessage: "결제를 처리하는 중 문제가 생겼어요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  RESELLER_ONLY_CARD_PAYMENT: {
    category: "declined",
    meaning: "This reseller merchant accepts cards only.",
    customerMessage: "카드로만 결제할 수 있어요. 토스 앱에서 결제수단을 카드로 바꿔 주세요.",
  },
  RESELLER_CALLBACK_PROCESS_ERROR: {
    category: "unknown",
    meaning: "Reseller callback processing failed; confirm the outcome with a status lookup.",
    customerMessage: "결제를 처리하는 중 문제가 생겼어요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  NOT_APPROVED_CARD_PAYMENT: {
    category: "declined",
    meaning: "The card payment was not approved.",
    customerMessage: `카드 결제가 승인되지 않았어요. ${CHANGE_IN_APP}`,
  },
  PAY_CARD_AUTH_REQUEST_ERROR: {
    category: "declined",
    meaning: "The card authorization request failed.",
    customerMessage: `카드 승인 요청에 실패했어요. ${CHANGE_IN_APP}`,
  },
  NOT_SUPPORTED_RESELLER_SHOP: {
    category: "config_error",
    meaning: "This reseller merchant is not supported.",
    customerMessage: `지금은 토스페이 결제를 이용할 수 없어요. ${CONTACT_US}`,
  },

  // Other: merchant state
  PAYMENT_SHOP_STATE_NOT_NORMAL: {
    category: "config_error",
    meaning: "The merchant account is not in a normal state at Toss.",
    customerMessage: `지금은 토스페이 결제를 이용할 수 없어요. ${CONTACT_US}`,
  },
  PAYMENT_SHOP_STATE_CANNOT_REFUND: {
    category: "config_error",
    meaning: "The merchant account's state does not allow refunds.",
    customerMessage: `지금은 환불을 처리할 수 없어요. ${CONTACT_US}`,
  },
  NOT_INTERNAL_SHOP: {
    category: "config_error",
    meaning: "Not an internal merchant; this API is not available to this merchant.",
    customerMessage: `지금은 토스페이 결제를 이용할 수 없어요. ${CONTACT_US}`,
  },
  // Other: auth
  COMMON_INVALID_API_KEY: {
    category: "config_error",
    meaning: "TOSS_PAY_API_KEY is not valid for this merchant.",
    customerMessage: `결제 설정에 문제가 있어요. ${CONTACT_US}`,
  },
  COMMON_UNAUTHORIZED: {
    category: "config_error",
    meaning: "Toss refused the request as unauthorized (API key or source IP).",
    customerMessage: `결제 설정에 문제가 있어요. ${CONTACT_US}`,
  },
  // Other
  COMMON_BREAK_TIME_OF_BANK: {
    category: "declined",
    meaning: "The bank is in its maintenance hours.",
    customerMessage: `은행 점검 시간이에요. ${TRY_LATER}`,
  },
  REFUND_EXCEED_DAILY: {
    category: "declined",
    meaning: "Over the merchant's daily refund limit; retry tomorrow.",
    customerMessage: "오늘 처리할 수 있는 환불 한도를 넘었어요. 내일 다시 처리해 드릴게요.",
  },
  EXECUTE_PAY_NOT_APPROVED: {
    category: "declined",
    meaning: "The payment was not approved by the buyer.",
    customerMessage: "결제가 승인되지 않았어요.",
  },
  PAUSE_USER: {
    category: "declined",
    meaning: "The Toss user is paused.",
    customerMessage: "토스 계정이 일시 정지 상태예요. 토스 고객센터로 문의해 주세요.",
  },
  COMMON_TIMEOUT: {
    category: "unknown",
    meaning: "Toss timed out; the outcome must be confirmed with a status lookup.",
    customerMessage: "결제 응답이 늦어지고 있어요. 결제 결과를 확인한 뒤 알려 드릴게요.",
  },
  COMMON_THROTTLED: {
    // Probably not processed, but "probably" is not enough to risk a second order id.
    category: "unknown",
    meaning: "Too many requests to Toss; slow down and confirm the outcome with a status lookup.",
    customerMessage: `요청이 많아 결제가 늦어지고 있어요. ${TRY_LATER}`,
  },
  COMMON_ITS_NOT_ABLE_TO_CHANGE_STATUS: {
    category: "declined",
    meaning: "The payment's status cannot be changed.",
    customerMessage: "지금은 결제 상태를 바꿀 수 없어요.",
  },
  ESCROW_IMPOSSIBLE_STATUS: {
    category: "declined",
    meaning: "The escrow status does not allow this operation.",
    customerMessage: "지금은 처리할 수 없는 결제 상태예요.",
  },
} as const satisfies Record<string, ErrorRule>;

export type TossPayErrorCode = keyof typeof TOSS_PAY_ERROR_CODES;

/**
 * An errorCode that is not in the table (Toss adds codes without notice, §1.1) is `unknown`.
 * Why not declined: on the bill API, declined lets dunning retry under a NEW order id. If the
 * new code actually meant "still processing" or "already paid" (like TRANSACTION_PENDING_ERROR
 * or PAYMENT_DUPLICATION_ORDER_NO), the first order could still complete and the customer would
 * be charged twice. unknown costs one status lookup by the same order id, which resolves it:
 * PAY_COMPLETE → succeeded; no such order → nothing was charged, and only then a new id.
 */
export const UNKNOWN_CODE_RULE: ErrorRule = {
  category: "unknown",
  meaning: "Toss returned an error code we do not know; confirm the outcome with a status lookup.",
  customerMessage: "결제 결과를 확인하고 있어요. 확인되는 대로 알려 드릴게요.",
};

export function tossPayErrorRule(errorCode: string | null | undefined): ErrorRule {
  if (errorCode && Object.hasOwn(TOSS_PAY_ERROR_CODES, errorCode)) {
    return TOSS_PAY_ERROR_CODES[errorCode as TossPayErrorCode];
  }
  return UNKNOWN_CODE_RULE;
}
