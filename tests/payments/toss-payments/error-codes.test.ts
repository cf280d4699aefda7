import { describe, expect, it } from "vitest";
import {
  TOSS_PAYMENTS_ERROR_CODES,
  tossPaymentsErrorRule,
  UNKNOWN_CODE_RULE,
} from "@/lib/payments/toss-payments/error-codes";

// Every code docs/providers.md §2.4 and the seed's list name (issue/charge, declines,
// duplicates, auth and config, transient, idempotency), the cancel and delete codes of
// §2.3.3–§2.3.4 and the window's fail codes (§2.2), copied here independently of the table so a
// code missing from it fails this test.
const DOCUMENTED_CODES = `
NOT_FOUND_BILLING INVALID_BILL_KEY_REQUEST INVALID_BILLING_AUTH NOT_MATCHES_CUSTOMER_KEY
INVALID_CARD_NUMBER INVALID_CARD_EXPIRATION INVALID_STOPPED_CARD INVALID_REJECT_CARD
INVALID_CARD_IDENTITY INVALID_BIRTH_DAY_FORMAT NOT_SUPPORTED_CARD_TYPE NOT_REGISTERED_CARD_COMPANY
EXCEED_MAX_AUTH_COUNT
REJECT_CARD_COMPANY REJECT_CARD_PAYMENT REJECT_ACCOUNT_PAYMENT EXCEED_MAX_AMOUNT
EXCEED_MAX_DAILY_PAYMENT_COUNT EXCEED_MAX_PAYMENT_AMOUNT BELOW_MINIMUM_AMOUNT BELOW_ZERO_AMOUNT
NOT_SUPPORTED_INSTALLMENT_PLAN_CARD_OR_MERCHANT INVALID_CARD_INSTALLMENT_PLAN
NOT_SUPPORTED_MONTHLY_INSTALLMENT_PLAN
DUPLICATED_ORDER_ID ALREADY_PROCESSED_PAYMENT DUPLICATED_REQUEST
UNAUTHORIZED_KEY INVALID_API_KEY INCORRECT_BASIC_AUTH_FORMAT INVALID_REQUEST INVALID_REQUIRED_PARAM
INVALID_ORDER_ID INVALID_ORDER_NAME INVALID_CUSTOMER_KEY INVALID_EMAIL FORBIDDEN_REQUEST
FAILED_INTERNAL_SYSTEM_PROCESSING FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING FAILED_DB_PROCESSING
FAILED_BILL_KEY_AUTH_CREATION COMMON_ERROR UNKNOWN_ERROR PROVIDER_ERROR
INVALID_IDEMPOTENCY_KEY IDEMPOTENT_REQUEST_PROCESSING
BILLING_KEY_NOT_FOUND ALREADY_REMOVED_BILLING_KEY NOT_FOUND_PAYMENT
ALREADY_CANCELED_PAYMENT NOT_CANCELABLE_AMOUNT NOT_CANCELABLE_PAYMENT EXCEED_MAX_REFUND_DUE
NOT_ALLOWED_PARTIAL_REFUND FORBIDDEN_CONSECUTIVE_REQUEST FAILED_REFUND_PROCESS EXCEED_MAX_REFUND_AMOUNT
PAY_PROCESS_CANCELED PAY_PROCESS_ABORTED
`
  .split(/\s+/)
  .filter(Boolean);

const HANGUL = /[\uAC00-\uD7A3]/;

describe("Toss Payments error table", () => {
  it("has a rule for every documented code", () => {
    const missing = DOCUMENTED_CODES.filter((code) => !(code in TOSS_PAYMENTS_ERROR_CODES));
    expect(missing).toEqual([]);
  });

  it("gives every code a Korean message that says what to do", () => {
    for (const [code, rule] of Object.entries(TOSS_PAYMENTS_ERROR_CODES)) {
      expect(rule.customerMessage, code).toMatch(HANGUL);
      expect(rule.customerMessage, code).toMatch(/요\.?$/);
      expect(rule.meaning, code).not.toMatch(HANGUL);
    }
  });

  it.each([
    ["NOT_FOUND_BILLING", "needs_new_method"],
    ["INVALID_BILL_KEY_REQUEST", "needs_new_method"],
    ["NOT_MATCHES_CUSTOMER_KEY", "needs_new_method"],
    ["INVALID_STOPPED_CARD", "needs_new_method"],
    ["REJECT_CARD_COMPANY", "declined"],
    ["REJECT_CARD_PAYMENT", "declined"],
    ["REJECT_ACCOUNT_PAYMENT", "declined"],
    ["BELOW_MINIMUM_AMOUNT", "declined"],
    ["UNAUTHORIZED_KEY", "config_error"],
    ["FORBIDDEN_REQUEST", "config_error"],
    ["INVALID_ORDER_ID", "config_error"],
    ["DUPLICATED_ORDER_ID", "unknown"],
    ["ALREADY_PROCESSED_PAYMENT", "unknown"],
    ["IDEMPOTENT_REQUEST_PROCESSING", "unknown"],
    ["FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "unknown"],
    ["PROVIDER_ERROR", "unknown"],
  ])("%s is %s", (code, category) => {
    expect(tossPaymentsErrorRule(code).category).toBe(category);
  });

  it("reads a code it does not know, or none, as unknown (a lookup settles it)", () => {
    expect(tossPaymentsErrorRule("SOMETHING_NEW")).toBe(UNKNOWN_CODE_RULE);
    expect(tossPaymentsErrorRule(null)).toBe(UNKNOWN_CODE_RULE);
    expect(tossPaymentsErrorRule("toString")).toBe(UNKNOWN_CODE_RULE);
    expect(UNKNOWN_CODE_RULE.category).toBe("unknown");
  });
});
