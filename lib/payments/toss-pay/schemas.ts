import { z } from "zod";
import { describeIssues, requiredText, wonField } from "../http-answer";
import { money, str } from "../tolerant-fields";

// Request and response shapes of pay.toss.im (docs/providers.md §1.2–§1.4, seeds 000 and 001).
// Requests are strict: every documented limit is checked before anything is sent, with a
// message naming the field. Responses are loose: Toss adds fields and error codes without
// notice (§1.1), and sends money as strings in its own examples ("amount": "150000").

// ---------------------------------------------------------------------------------------------
// Request fields

// userId, displayId, orderNo: letters, digits and only _ - : . ^ @ = (§1.2).
const TOSS_ID_CHARSET = /^[A-Za-z0-9_\-:.^@=]*$/;
// We generate refundNo ourselves; Toss documents only its length (≤36), so we stay inside the
// charset every provider accepts.
const OWN_ID_CHARSET = /^[A-Za-z0-9_-]*$/;
// Refund reason, tossdev api.html#refunds: Korean, letters, digits and _-:.^@()[]#/!%?&.
// docs-pay says "special characters allowed"; we keep to the stricter list (plus spaces).
const REFUND_REASON_CHARSET = /^[\uAC00-\uD7A3\u3131-\u318EA-Za-z0-9 _\-:.^@()[\]#/!%?&]*$/;

/** KRW. Documented "Max Length 7" = ₩9,999,999. [conflict] docs-pay now allows up to
 * ₩1,000,000,000 for card merchants and ₩2,000,000 otherwise; we keep the 7-digit limit, which
 * is far above any subscription price, and let Toss refuse anything its own limits refuse. */
export const MAX_AMOUNT = 9_999_999;
/** KRW. Card charges below ₩100 are refused (CARD_MIN_AMOUNT_ERROR). The customer can switch
 * between card and Toss Money inside the Toss app at any time, so every charge must fit a card. */
export const MIN_CHARGE_AMOUNT = 100;
/** KRW. Instalments (spreadOut > 0) only from ₩50,000 (CARD_MIN_AMOUNT_FOR_SPREADOUT_ERROR). */
export const MIN_SPREAD_OUT_AMOUNT = 50_000;

const text = requiredText;

function tossId(field: string, max: number) {
  return text(field, max).regex(
    TOSS_ID_CHARSET,
    `${field} may contain only letters, digits and _ - : . ^ @ =`,
  );
}

function httpUrl(field: string, max: number) {
  return z
    .url({ protocol: /^https?$/, error: `${field} must be an http(s) URL` })
    .max(max, `${field} must be at most ${max} characters`);
}

/** Money goes to Toss as a JSON number, never a string (seed 001: "Number 형태로"). */
function won(field: string, { min }: { min: number }) {
  return wonField(field, { min, max: MAX_AMOUNT });
}

const apiKey = text("apiKey", 30);

export const createBillingKeyRequest = z
  .strictObject({
    apiKey,
    userId: tossId("userId", 50),
    displayId: tossId("displayId", 50).optional(),
    productDesc: text("productDesc", 255),
    // Toss calls it only on ports 80/443 (§1.4.1); the client enforces that for real Toss hosts,
    // the sandbox also calls the dev server's port.
    resultCallback: httpUrl("resultCallback", 500),
    retAppScheme: text("retAppScheme", 1500).optional(),
    returnSuccessUrl: httpUrl("returnSuccessUrl", 1500).optional(),
    returnFailureUrl: httpUrl("returnFailureUrl", 1500).optional(),
    encryptedUserCi: text("encryptedUserCi", 255).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.retAppScheme !== undefined) return;
    for (const field of ["returnSuccessUrl", "returnFailureUrl"] as const) {
      if (body[field] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${field} is required when retAppScheme is not sent`,
        });
      }
    }
  });

export const billingKeyStatusRequest = z.strictObject({
  apiKey,
  userId: tossId("userId", 50),
  // Required again whenever the key was created with one (§1.3).
  displayId: tossId("displayId", 50).optional(),
});

export const removeBillingKeyRequest = z.strictObject({
  apiKey,
  billingKey: text("billingKey", 50),
});

export const billRequest = z
  .strictObject({
    apiKey,
    billingKey: text("billingKey", 50),
    // Unique on every call, and never repeated between test and live keys (§1.4.3).
    orderNo: tossId("orderNo", 50),
    productDesc: text("productDesc", 255),
    amount: won("amount", { min: MIN_CHARGE_AMOUNT }),
    amountTaxFree: won("amountTaxFree", { min: 0 }),
    amountTaxable: won("amountTaxable", { min: 0 }).optional(),
    amountVat: won("amountVat", { min: 0 }).optional(),
    amountServiceFee: won("amountServiceFee", { min: 0 }).optional(),
    spreadOut: z
      .number("spreadOut must be a number of months")
      .int("spreadOut must be a whole number of months")
      .min(0, "spreadOut must be between 0 and 12 months")
      .max(12, "spreadOut must be between 0 and 12 months")
      .optional(),
    // Must be a real boolean: Toss reads null as false (§1.4.3).
    cashReceipt: z.boolean("cashReceipt must be true or false").optional(),
    cashReceiptTradeOption: z
      .enum(["GENERAL", "CULTURE", "PUBLIC_TP"], {
        error: "cashReceiptTradeOption must be GENERAL, CULTURE or PUBLIC_TP",
      })
      .optional(),
    sendFailPush: z.boolean("sendFailPush must be true or false").optional(),
  })
  .superRefine((body, ctx) => {
    if (body.amountTaxFree > body.amount) {
      ctx.addIssue({
        code: "custom",
        path: ["amountTaxFree"],
        message: "amountTaxFree cannot exceed amount",
      });
    }
    if ((body.spreadOut ?? 0) > 0 && body.amount < MIN_SPREAD_OUT_AMOUNT) {
      ctx.addIssue({
        code: "custom",
        path: ["spreadOut"],
        message: `spreadOut (instalments) needs an amount of at least ₩${MIN_SPREAD_OUT_AMOUNT.toLocaleString("en-US")}; send 0 for a lump sum`,
      });
    }
  });

export const refundRequest = z
  .strictObject({
    apiKey,
    payToken: text("payToken", 30),
    // [conflict] optional in tossdev, required in docs-pay: we always send our own (§1.4.6).
    refundNo: text("refundNo", 36).regex(
      OWN_ID_CHARSET,
      "refundNo may contain only letters, digits, _ and -",
    ),
    // true: re-sending the same refund returns the same success instead of refunding again.
    idempotent: z.boolean("idempotent must be true or false"),
    reason: text("reason", 255)
      .regex(
        REFUND_REASON_CHARSET,
        "reason may contain only Korean, letters, digits, spaces and _ - : . ^ @ ( ) [ ] # / ! % ? &",
      )
      .optional(),
    // Omitted: refund everything still refundable. Sent: a partial refund.
    amount: won("amount", { min: 1 }).optional(),
    amountTaxFree: won("amountTaxFree", { min: 0 }).optional(),
    amountTaxable: won("amountTaxable", { min: 0 }).optional(),
    amountVat: won("amountVat", { min: 0 }).optional(),
    amountServiceFee: won("amountServiceFee", { min: 0 }).optional(),
  })
  .superRefine((body, ctx) => {
    if (
      body.amount !== undefined &&
      body.amountTaxFree !== undefined &&
      body.amountTaxFree > body.amount
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["amountTaxFree"],
        message: "amountTaxFree cannot exceed amount",
      });
    }
  });

export const paymentStatusRequest = z
  .strictObject({
    apiKey,
    payToken: text("payToken", 30).optional(),
    orderNo: tossId("orderNo", 50).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.payToken === undefined) === (body.orderNo === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["orderNo"],
        message: "send exactly one of payToken or orderNo",
      });
    }
  });

export type CreateBillingKeyRequest = z.input<typeof createBillingKeyRequest>;
export type BillingKeyStatusRequest = z.input<typeof billingKeyStatusRequest>;
export type RemoveBillingKeyRequest = z.input<typeof removeBillingKeyRequest>;
export type BillRequest = z.input<typeof billRequest>;
export type RefundRequest = z.input<typeof refundRequest>;
export type PaymentStatusRequest = z.input<typeof paymentStatusRequest>;

/** Reason text Toss accepts: other characters become spaces, at most 255 characters. */
export function toRefundReason(reason: string): string | undefined {
  const cleaned = reason
    .replace(/[^\uAC00-\uD7A3\u3131-\u318EA-Za-z0-9 _\-:.^@()[\]#/!%?&]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 255)
    .trim();
  return cleaned === "" ? undefined : cleaned;
}

export { describeIssues };

// ---------------------------------------------------------------------------------------------
// Response fields: tolerant of nulls, numbers-as-strings and strings-as-numbers (money and str
// come from tolerant-fields.ts, shared with Toss Payments).

const bool = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((v) => v === true || v === "true")
  .nullish()
  .transform((v) => v ?? undefined);

/** Bank codes are printed both as "88" and "088" (§1.6): always three digits. */
const bankCode = str.transform((v) =>
  v !== undefined && /^\d{1,3}$/.test(v) ? v.padStart(3, "0") : v,
);

export const envelope = z.looseObject({
  code: z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/),
    ])
    .transform(Number),
  errorCode: str,
  msg: str,
});

const cardFields = {
  cardCompanyName: str,
  cardCompanyCode: str,
  cardCompanyNo: str,
  cardAuthorizationNo: str,
  cardNumber: str,
  cardNum4Print: str,
  cardBinNumber: str,
  cardMethodType: str,
  cardUserType: str,
  salesCheckLinkUrl: str,
  spreadOut: money,
  noInterest: bool,
};

const accountFields = {
  accountBankCode: bankCode,
  accountBankName: str,
  accountNumber: str,
};

export const createBillingKeyResponse = z.looseObject({
  billingKey: z.string().min(1),
  checkoutUri: z.string().min(1),
  checkoutAndroidUri: str,
  checkoutIosUri: str,
});

export const billingKeyStatusResponse = z.looseObject({
  userId: str,
  displayId: str,
  billingKey: str,
  // ACTIVE, CREATE, AUTH, REMOVE, FAIL, CANCEL, or something Toss adds later.
  status: z.string(),
  payMethod: str,
  ...cardFields,
  ...accountFields,
});

export const removeBillingKeyResponse = z.looseObject({});

export const billResponse = z.looseObject({
  mode: str,
  orderNo: str,
  approvalTime: str,
  amount: money,
  payMethod: str,
  payToken: z.string().min(1),
  transactionId: str,
  discountedAmount: money,
  paidAmount: money,
  ...cardFields,
  ...accountFields,
});

export const refundResponse = z.looseObject({
  // Not listed for refunds in the docs, but bill and status answers carry it; read when present
  // so a TEST answer to a live key is never taken for money returned (provider.ts).
  mode: str,
  refundNo: str,
  payToken: str,
  transactionId: str,
  approvalTime: str,
  refundableAmount: money,
  discountedAmount: money,
  paidAmount: money,
  refundedAmount: money, // negative: -2000 for a ₩2,000 refund
  refundedDiscountAmount: money,
  refundedPaidAmount: money,
  cashReceiptMgtKey: str,
  ...cardFields,
  ...accountFields,
});

const statusTransaction = z.looseObject({
  stepType: str, // PAY or REFUND
  transactionId: str,
  transactionAmount: money, // negative for refunds
  discountedAmount: money,
  paidAmount: money,
  regTs: str,
});

export const paymentStatusResponse = z.looseObject({
  mode: str,
  payToken: str,
  orderNo: str,
  payStatus: z.string(),
  payMethod: str,
  amount: money,
  discountedAmount: money,
  discountAmountV2: money,
  paidPointV2: money,
  paidAmount: money,
  refundableAmount: money,
  amountTaxFree: money,
  amountTaxable: money,
  amountVat: money,
  amountServiceFee: money,
  disposableCupDeposit: money,
  createdTs: str,
  paidTs: str,
  ...accountFields,
  card: z.looseObject(cardFields).nullish(),
  transactions: z.array(statusTransaction).nullish(),
});

/** The billing-key result callback (§1.4.2). Unsigned: a trigger, never the truth. */
export const billingKeyCallback = z.looseObject({
  action: z.string().min(1), // ACTIVATED, REMOVED
  processedTs: str,
  userId: str,
  displayId: str,
  billingKey: z.string().min(1),
  payMethod: str,
  ...cardFields,
  ...accountFields,
});

// What provider_events keeps of a callback: the fields docs/providers.md §1.4.2 documents and
// nothing else, so a caller cannot park arbitrary JSON in our log. billingKey is listed so the
// redaction (which drops it) is the one rule about it; strings are clipped to the documented
// maxima's order of magnitude.
export const BILLING_KEY_CALLBACK_FIELDS = [
  "action",
  "processedTs",
  "userId",
  "displayId",
  "billingKey",
  "payMethod",
  "cardMethodType",
  "cardUserType",
  "cardCompanyNo",
  "cardCompanyName",
  "cardNumber",
  "cardNum4Print",
  "cardBinNumber",
  "accountBankCode",
  "accountBankName",
  "accountNumber",
] as const;
export const LOGGED_CALLBACK_STRING_MAX = 100;

// The callback as provider_events keeps it: billingKey redacted, userId intact.
export const loggedBillingKeyCallback = z.looseObject({ userId: str });

export type CreateBillingKeyResponse = z.output<typeof createBillingKeyResponse>;
export type BillingKeyStatusResponse = z.output<typeof billingKeyStatusResponse>;
export type RemoveBillingKeyResponse = z.output<typeof removeBillingKeyResponse>;
export type BillResponse = z.output<typeof billResponse>;
export type RefundResponse = z.output<typeof refundResponse>;
export type PaymentStatusResponse = z.output<typeof paymentStatusResponse>;
export type BillingKeyCallback = z.output<typeof billingKeyCallback>;

/** "yyyy-MM-dd HH:mm:ss" → Date. [unconfirmed] Toss does not name the zone; it is a Korean
 * service whose docs show Korean business times, so we read it as Asia/Seoul (+09:00). */
export function parseTossTime(value: string | undefined): Date | null {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}+09:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
