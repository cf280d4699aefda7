import { describe, expect, it } from "vitest";
import {
  TOSS_PAY_ERROR_CODES,
  tossPayErrorRule,
  UNKNOWN_CODE_RULE,
} from "@/lib/payments/toss-pay/error-codes";

// Every errorCode listed in docs/providers.md §1.5 (qna.html#faq-7, Oct 2024), copied here
// independently of the table so a code missing from the table fails this test.
const DOCUMENTED_CODES = `
NOT_SUPPORTED_BILLING_KEY_SHOP BILLING_KEY_ALREADY_ACTIVATED BILLING_KEY_REGISTRATION_CANCELLED
BILLING_KEY_UNREGISTERED_BY_CANCEL BILLING_KEY_AUTH_ERROR BILLING_KEY_USER_CI_ERROR
BILLING_KEY_REMOVE_NOT_ALLOWED_SHOP ALREADY_EXISTED_AUTH NOT_SUPPORTED_PAYMENT_METHOD
EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD COMMON_BILLING_KEY_NOT_FOUND CORE_USER_ERROR
COMMON_SYSTEM_ERROR COMMON_INVALID_PARAMETER COMMON_PAY_ERROR
COMMON_NOT_ENOUGH_CASH COMMON_EXCEED_LIMIT COMMON_ASSET_GET_ACCOUNT_ERROR
COMMON_REFUND_ERROR REFUND_REFUND_NO_DUPLICATE REFUND_ALREADY_REFUNDED
PAYMENT_DUPLICATION_ORDER_NO PAYMENT_EXISTING_PAYMENT TRANSACTION_PENDING_ERROR
INVALID_ACCOUNT_STATUS FRAUD_DETECTION_SYSTEM_ERROR USER_STATUS_ERROR
TRANSACTION_NOT_COMPLETE TRANSACTION_NOT_FOUND INACTIVE_USER AUTO_CHARGE_NOT_YET_REGISTER_ACCOUNT
PAY_UNAUTHORIZED TOSS_APP_UPDATE_IS_REQUIRED PAY_CANCEL_ITS_NOT_CANCELABLE_STATUS
COUPON_ASSIGN_FAIL DISCOUNT_CLOSED USER_DISCOUNT_CLOSED DISCOUNT_NEED_ISSUE DISCOUNT_ALREADY_ISSUED
AVAILABLE_ONLY_TOSS_MONEY_UNDER_MIN_AMT AUTO_PAY_TERM_INACTIVE_FAIL AGE_POLICY_ERROR
PAY_FRAUD_DETECTED BLOCKED_THE_USE_OF_POINT
CARD_SYSTEM_ERROR CARD_BANK_SYSTEM_ERROR CARD_NOT_AVAILABLE_SHOP CARD_NOT_AVAILABLE
CARD_EXCEED_LIMIT CARD_NOT_ENOUGH_BALANCE CARD_SPREADOUT_ERROR CARD_MIN_AMOUNT_ERROR
CARD_MIN_AMOUNT_FOR_SPREADOUT_ERROR
BNPL_INVALID_REQUEST BNPL_NOT_EXIST_USER BNPL_EXCEED_PAYABLE_AMOUNT BNPL_ALREADY_COMPLETED_REQUEST
BNPL_IN_PROGRESS_REQUEST BNPL_NOT_FOUND_PAYMENT BNPL_ALREADY_COMPLETED_REFUND NOT_SET_BNPL_PAYMENT_ACCOUNT
SALES_CHECK_NOT_FOUND_USER SALES_CHECK_USER_AUTH_FAIL SALES_CHECK_USER_AUTH_DECRYPT_FAIL SALES_CHECK_CARD_ONLY
COMMON_PAY_RESELLER_ERROR RESELLER_ONLY_CARD_PAYMENT RESELLER_CALLBACK_PROCESS_ERROR
NOT_APPROVED_CARD_PAYMENT PAY_CARD_AUTH_REQUEST_ERROR NOT_SUPPORTED_RESELLER_SHOP
PAYMENT_SHOP_STATE_NOT_NORMAL PAYMENT_SHOP_STATE_CANNOT_REFUND NOT_INTERNAL_SHOP
COMMON_INVALID_API_KEY COMMON_UNAUTHORIZED COMMON_BREAK_TIME_OF_BANK
REFUND_EXCEED_DAILY EXECUTE_PAY_NOT_APPROVED PAUSE_USER COMMON_TIMEOUT COMMON_THROTTLED
COMMON_ITS_NOT_ABLE_TO_CHANGE_STATUS ESCROW_IMPOSSIBLE_STATUS
`
  .split(/\s+/)
  .filter(Boolean);

const CATEGORIES = ["declined", "unknown", "needs_new_method", "config_error"];
const HANGUL = /[\uAC00-\uD7A3]/;

describe("Toss Pay error codes", () => {
  it("lists exactly the documented codes", () => {
    expect(new Set(DOCUMENTED_CODES).size).toBe(DOCUMENTED_CODES.length);
    expect(Object.keys(TOSS_PAY_ERROR_CODES).sort()).toEqual([...DOCUMENTED_CODES].sort());
  });

  it.each(DOCUMENTED_CODES)("%s has a category, a meaning and a Korean message", (code) => {
    const rule = tossPayErrorRule(code);
    expect(rule).not.toBe(UNKNOWN_CODE_RULE);
    expect(CATEGORIES).toContain(rule.category);
    expect(rule.meaning.length).toBeGreaterThan(10);
    expect(rule.customerMessage).toMatch(HANGUL);
    // Polite 해요체, ending in a full stop, and never leaking the code itself.
    expect(rule.customerMessage).toMatch(/[요다]\.$|[요다]\?$/);
    expect(rule.customerMessage).not.toContain(code);
  });

  // The categories whose mistakes cost money or customers (docs/billing.md "Charging").
  it.each([
    // "look it up", never "failed"
    ["PAYMENT_DUPLICATION_ORDER_NO", "unknown"],
    ["PAYMENT_EXISTING_PAYMENT", "unknown"],
    ["TRANSACTION_PENDING_ERROR", "unknown"],
    ["COMMON_TIMEOUT", "unknown"],
    ["COMMON_SYSTEM_ERROR", "unknown"],
    ["REFUND_REFUND_NO_DUPLICATE", "unknown"],
    // definite refusals: dunning retries later
    ["COMMON_NOT_ENOUGH_CASH", "declined"],
    ["CARD_EXCEED_LIMIT", "declined"],
    ["CARD_NOT_ENOUGH_BALANCE", "declined"],
    ["CARD_NOT_AVAILABLE", "declined"],
    // the key is dead
    ["COMMON_BILLING_KEY_NOT_FOUND", "needs_new_method"],
    ["BILLING_KEY_UNREGISTERED_BY_CANCEL", "needs_new_method"],
    // ours to fix
    ["COMMON_INVALID_API_KEY", "config_error"],
    ["NOT_SUPPORTED_BILLING_KEY_SHOP", "config_error"],
    ["BILLING_KEY_REMOVE_NOT_ALLOWED_SHOP", "config_error"],
  ])("%s is %s", (code, category) => {
    expect(tossPayErrorRule(code).category).toBe(category);
  });

  it("treats codes Toss adds later as unknown, so a charge is looked up instead of re-sent", () => {
    expect(tossPayErrorRule("SOMETHING_TOSS_ADDED_IN_2027")).toBe(UNKNOWN_CODE_RULE);
    expect(tossPayErrorRule(null).category).toBe("unknown");
    // Inherited object keys are not codes.
    expect(tossPayErrorRule("constructor")).toBe(UNKNOWN_CODE_RULE);
    expect(UNKNOWN_CODE_RULE.customerMessage).toMatch(HANGUL);
  });
});
