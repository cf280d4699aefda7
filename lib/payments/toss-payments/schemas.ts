import { z } from "zod";
import { describeIssues, requiredText, wonField } from "../http-answer";
import { money, str } from "../tolerant-fields";

// Request and response shapes of api.tosspayments.com v1 billing (docs/providers.md §2.3).
// Requests are strict: every documented limit is checked before anything is sent, with a message
// naming the field. Responses are loose: Toss Payments adds fields and codes, and 퀵계좌이체
// billing runs on a newer API version whose details "may change" (seed 002), so only what we
// read is required.

export { describeIssues };

// customerKey [conflict] (§2.2): 2–300 of [a-zA-Z0-9-_=.,@] in one source, 2–255 of letters,
// digits and - * = . @ in the official error text. We send UUIDs and check the intersection.
const CUSTOMER_KEY = /^[A-Za-z0-9\-=.@]{2,255}$/;
// orderId: 6–64 letters, digits, - and _ (official INVALID_ORDER_ID text, §2.3.2).
const ORDER_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** KRW; Toss Payments refuses anything below ₩100 by card and ₩200 by account itself. */
export const MIN_CHARGE_AMOUNT = 100;
/** KRW, far above any subscription price; a larger amount is a bug on our side. */
export const MAX_AMOUNT = 1_000_000_000;

const text = requiredText;
const won = (field: string, min: number) => wonField(field, { min, max: MAX_AMOUNT });

const customerKey = z
  .string("customerKey must be a string")
  .regex(CUSTOMER_KEY, "customerKey must be 2–255 letters, digits, - = . or @");

export const issueBillingKeyRequest = z.strictObject({
  authKey: text("authKey", 300),
  customerKey,
});

export const chargeRequest = z
  .strictObject({
    customerKey,
    amount: won("amount", MIN_CHARGE_AMOUNT),
    orderId: z
      .string("orderId must be a string")
      .regex(ORDER_ID, "orderId must be 6–64 letters, digits, - or _"),
    orderName: text("orderName", 100),
    customerEmail: text("customerEmail", 100).optional(),
    customerName: text("customerName", 100).optional(),
    taxFreeAmount: won("taxFreeAmount", 0),
    cardInstallmentPlan: z
      .number("cardInstallmentPlan must be a number of months")
      .int("cardInstallmentPlan must be a whole number of months")
      .min(0, "cardInstallmentPlan must be between 0 and 12 months")
      .max(12, "cardInstallmentPlan must be between 0 and 12 months")
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.taxFreeAmount > body.amount) {
      ctx.addIssue({
        code: "custom",
        path: ["taxFreeAmount"],
        message: "taxFreeAmount cannot exceed amount",
      });
    }
  });

export const cancelRequest = z.strictObject({
  cancelReason: text("cancelReason", 200),
  // Left out for a full cancel (§2.3.4).
  cancelAmount: won("cancelAmount", 1).optional(),
  taxFreeAmount: won("taxFreeAmount", 0).optional(),
});

export type IssueBillingKeyRequest = z.input<typeof issueBillingKeyRequest>;
export type ChargeRequest = z.input<typeof chargeRequest>;
export type CancelRequest = z.input<typeof cancelRequest>;

/** Reason text within the documented 200 characters, never empty. */
export function toCancelReason(reason: string): string {
  const cleaned = reason.replace(/\s+/g, " ").trim().slice(0, 200).trim();
  return cleaned === "" ? "구독 환불" : cleaned;
}

// ---------------------------------------------------------------------------------------------
// Responses

/** `{ code, message }` with an HTTP status (§2.4); also Payment.failure. */
export const errorBody = z.looseObject({ code: z.string().min(1), message: str });

const card = z.looseObject({
  issuerCode: str,
  acquirerCode: str,
  company: str, // older answers (§2.3.1)
  number: str,
  cardType: str, // 신용 | 체크 | 기프트
  ownerType: str, // 개인 | 법인
  amount: money,
  approveNo: str,
  installmentPlanMonths: money,
  acquireStatus: str,
});

// 퀵계좌이체 (seed 002: "transfer 필드가 포함되어 있어야 합니다"). The account number is not
// documented in it; read when present.
const transfer = z.looseObject({
  bankCode: str,
  bankName: str,
  accountNumber: str,
  settlementStatus: str,
});

/** The Billing object of POST /v1/billing/authorizations/issue (§2.3.1). */
export const billingResponse = z.looseObject({
  mId: str,
  customerKey: str,
  authenticatedAt: str,
  method: str, // "카드", "계좌이체"
  billingKey: z.string().min(1),
  card: card.nullish(),
  transfer: transfer.nullish(),
  // Some answers carry these at the top level (§2.3.1, [unconfirmed]).
  cardCompany: str,
  cardNumber: str,
});

const cancel = z.looseObject({
  cancelAmount: money,
  cancelReason: str,
  taxFreeAmount: money,
  refundableAmount: money,
  canceledAt: str,
  transactionKey: str,
  cancelStatus: str,
});

/** The Payment object (§2.3.2): charge, lookup and cancel answers. */
export const paymentResponse = z.looseObject({
  paymentKey: z.string().min(1),
  orderId: str,
  orderName: str,
  type: str,
  status: z.string().min(1),
  method: str,
  totalAmount: money,
  balanceAmount: money,
  taxFreeAmount: money,
  requestedAt: str,
  approvedAt: str,
  lastTransactionKey: str,
  card: card.nullish(),
  transfer: transfer.nullish(),
  receipt: z.looseObject({ url: str }).nullish(),
  failure: errorBody.nullish(),
  cancels: z.array(cancel).nullish(),
});

/** DELETE /v1/billing/{billingKey}: an empty 200 (§2.3.3), or anything Toss adds. */
export const emptyResponse = z.unknown();

// Webhook bodies (§2.6).
export const webhookEnvelope = z.looseObject({
  eventType: z.string().min(1).max(100),
  createdAt: str,
  data: z.unknown(),
});

export const billingDeletedData = z.looseObject({
  billingKey: z.string().min(1).max(300),
  reason: str,
});

export type BillingResponse = z.output<typeof billingResponse>;
export type PaymentResponse = z.output<typeof paymentResponse>;
export type CardFields = z.output<typeof card>;
export type TransferFields = z.output<typeof transfer>;

/**
 * ISO 8601 with an offset ("2024-02-13T12:18:14+09:00") as Toss Payments sends it; webhook
 * createdAt has no offset ("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"): a Korean service's local time,
 * read as Asia/Seoul [inferred].
 */
export function parseTossPaymentsTime(value: string | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value,
  );
  if (!match) return null;
  const fraction = match[3] ? match[3].slice(0, 4) : "";
  const date = new Date(`${match[1]}T${match[2]}${fraction}${match[4] ?? "+09:00"}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
