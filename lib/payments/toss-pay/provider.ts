import { fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { responseModeProblem, type TossPayConfig } from "./config";
import {
  CONFIG_MESSAGE,
  fail,
  notSentFailure,
  unreachableFailure,
  UNKNOWN_MESSAGES,
  type Verb,
  REGISTER_AGAIN,
  errorCustomerMessage,
} from "../http-answer";
import { redact } from "../redact";
import type {
  CardType,
  ChargeDetails,
  ChargeTransaction,
  Failure,
  FailureOutcome,
  MethodDetails,
  MethodStatus,
  PaymentProvider,
  ProviderEventType,
  RawResponse,
} from "../types";
import { createTossPayClient, type TossPayAnswer, type TossPayClient } from "./client";
import { tossPayErrorRule, TOSS_PAY_ERROR_CODES } from "./error-codes";
import {
  BILLING_KEY_CALLBACK_FIELDS,
  billingKeyCallback,
  describeIssues,
  LOGGED_CALLBACK_STRING_MAX,
  loggedBillingKeyCallback,
  parseTossTime,
  toRefundReason,
  type BillingKeyStatusResponse,
  type PaymentStatusResponse,
} from "./schemas";

// PaymentProvider for Toss Pay (docs/providers.md §1). Registration: we create the key, the
// customer approves it in the Toss app, and the unsigned callback only tells us to look at
// /billing-key/status. Charges have no idempotency key: the order id is the only protection,
// so every answer that does not prove "nothing was charged" becomes `unknown`.

export type TossPayProviderOptions = TossPayConfig & { timeoutMs?: number };

/** Checkout links expire 15 minutes after creation and cannot be extended (§1.4.1). */
const CHECKOUT_LINK_TTL_MS = 15 * 60 * 1000;

/** Our own ids (orderNo, refundNo) use the charset every provider accepts (docs/billing.md "Charging" step 2). */
const ORDER_ID = /^[A-Za-z0-9_-]{6,50}$/;

// Codes that mean the key is already gone, so a removal has nothing left to do.
const ALREADY_REMOVED = new Set([
  "COMMON_BILLING_KEY_NOT_FOUND",
  "BILLING_KEY_UNREGISTERED_BY_CANCEL",
  "BILLING_KEY_REGISTRATION_CANCELLED",
]);

const CARD_COMPANIES: Record<string, string> = {
  "1": "신한",
  "2": "현대",
  "3": "삼성",
  "4": "국민",
  "5": "롯데",
  "6": "하나",
  "7": "우리",
  "8": "농협",
  "9": "씨티",
  "10": "비씨",
};

// Examples from §1.6; Toss usually sends the name itself. The full list is qna.html#faq-8.
const BANKS: Record<string, string> = {
  "004": "KB국민은행",
  "011": "NH농협은행",
  "020": "우리은행",
  "081": "하나은행",
  "088": "신한은행",
  "090": "카카오뱅크",
  "092": "토스뱅크",
  "888": "토스머니",
  "889": "토스포인트",
};

const TOSS_MONEY_BANK_CODE = "888";

const CARD_TYPES: Record<string, CardType> = {
  CREDIT: "credit",
  CHECK: "check",
  PREPAYMENT: "prepaid",
};

const VERBS = {
  startRegistration: {
    name: "create billing key (/api/v1/billing-key)",
    unknownMessage: "토스페이 연결이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.",
  },
  completeRegistration: {
    name: "billing key status (/api/v1/billing-key/status)",
    unknownMessage: UNKNOWN_MESSAGES.registration,
  },
  charge: {
    name: "bill (/api/v1/billing-key/bill)",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  lookUpCharge: {
    name: "payment status (/api/v2/status)",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  refund: {
    name: "refund (/api/v2/refunds)",
    unknownMessage: UNKNOWN_MESSAGES.refund,
  },
  getMethod: {
    name: "billing key status (/api/v1/billing-key/status)",
    unknownMessage: "결제수단 정보를 불러오지 못했어요. 잠시 후 다시 시도해 주세요.",
  },
  removeMethod: {
    name: "remove billing key (/api/v1/billing-key/remove)",
    unknownMessage: UNKNOWN_MESSAGES.removal,
  },
} satisfies Record<string, Verb>;

export function createTossPayProvider(options: TossPayProviderOptions): PaymentProvider {
  const client = createTossPayClient(options);
  const mode = options.mode;

  return {
    name: "toss_pay",
    mode,

    async startRegistration(input) {
      // Measured before sending, so we never show a link Toss has already expired.
      const expiresAt = new Date(Date.now() + CHECKOUT_LINK_TTL_MS);
      const answer = await client.createBillingKey({
        userId: input.providerCustomerId,
        displayId: input.providerDisplayId,
        productDesc: input.productDescription,
        resultCallback: input.callbackUrl,
        returnSuccessUrl: input.successUrl,
        returnFailureUrl: input.failureUrl,
      });
      if (answer.kind !== "ok") return failure(answer, VERBS.startRegistration);
      const { billingKey, checkoutUri, checkoutAndroidUri, checkoutIosUri } = answer.body;
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Billing key created for userId ${input.providerCustomerId}; waiting for approval in the Toss app.`,
        customerMessage: "토스 앱에서 결제수단 등록을 마무리해 주세요.",
        // The checkout links carry the key in their query string, so both are masked here.
        raw: redact(answer.raw, [billingKey]),
        step: {
          kind: "app_links",
          billingKey,
          links: { web: checkoutUri, android: checkoutAndroidUri, ios: checkoutIosUri },
          expiresAt,
        },
      };
    },

    async completeRegistration(input) {
      const read = await readKeyStatus(client, input, VERBS.completeRegistration);
      if (read.failed) return read.failed;
      const { body, raw, mismatch } = read;

      if (mismatch) return fail("declined", mismatch.code, mismatch.message, REGISTER_AGAIN, raw);
      const billingKey = body.billingKey;
      if (!billingKey) {
        return fail(
          "unknown",
          "INVALID_RESPONSE",
          "Billing key status answered without a billingKey; cannot confirm which key is active.",
          VERBS.completeRegistration.unknownMessage,
          raw,
        );
      }

      switch (keyStatus(body.status)) {
        case "active":
          return {
            outcome: "succeeded",
            code: null,
            merchantMessage: `Billing key for userId ${input.providerCustomerId} is ACTIVE.`,
            customerMessage: "토스페이 결제수단이 등록됐어요.",
            raw,
            billingKey,
            method: methodFrom(body),
          };
        case "pending":
          return {
            outcome: "pending",
            code: `BILLING_KEY_${body.status}`,
            merchantMessage: `Billing key is ${body.status}: the customer has not approved it in the Toss app yet.`,
            customerMessage: "토스 앱에서 아직 등록을 마치지 않았어요.",
            raw,
          };
        case "removed":
        case "failed":
          return fail(
            "declined",
            `BILLING_KEY_${body.status}`,
            `Billing key is ${body.status}; it can no longer be activated. Start a new registration.`,
            body.status === "CANCEL"
              ? "토스 앱에서 등록을 취소했어요. 다시 등록하려면 처음부터 진행해 주세요."
              : REGISTER_AGAIN,
            raw,
          );
        default:
          return unexpectedStatus(body.status, VERBS.completeRegistration, raw);
      }
    },

    async charge(input) {
      if (!ORDER_ID.test(input.orderId)) {
        return notSentFailure(
          { provider: "Toss Pay", ...VERBS.charge },
          `orderId must be 6–50 characters of [A-Za-z0-9_-]; got ${JSON.stringify(input.orderId)}`,
        );
      }
      const answer = await client.bill({
        billingKey: input.billingKey,
        orderNo: input.orderId,
        productDesc: input.orderName,
        amount: input.amount,
        amountTaxFree: input.amountTaxFree,
        amountVat: input.amountVat,
        spreadOut: input.installmentMonths,
        // "반드시 true 또는 false" (docs/providers.md §1.4.3): always sent. Toss issues the
        // receipt only for Toss Money (account) payments; a card's receipt is its 매출전표.
        cashReceipt: Boolean(input.cashReceipt),
        ...(input.cashReceipt ? { cashReceiptTradeOption: input.cashReceipt } : {}),
      });
      const secrets = [input.billingKey];
      if (answer.kind !== "ok") return failure(answer, VERBS.charge, secrets);
      const body = answer.body;
      const raw = redact(answer.raw, secrets);

      const wrongAnswer = answerProblem(
        mode,
        body,
        input.orderId,
        VERBS.charge,
        `Bill for orderNo ${input.orderId} was answered for orderNo ${body.orderNo}; look the order up.`,
        raw,
      );
      if (wrongAnswer) return wrongAnswer;

      const charge: ChargeDetails = {
        orderId: input.orderId,
        providerPaymentId: body.payToken,
        providerTransactionId: body.transactionId ?? null,
        amount: body.amount ?? input.amount,
        approvedAt: parseTossTime(body.approvalTime),
        receiptUrl: body.salesCheckLinkUrl ?? null,
        method: methodFrom(body),
        testMode: isTestMode(body.mode, mode),
      };
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Charged ₩${charge.amount.toLocaleString("en-US")} for order ${input.orderId} (payToken ${body.payToken}${charge.testMode ? ", test mode: no money moved" : ""}).`,
        customerMessage: "결제가 완료됐어요.",
        raw,
        charge,
      };
    },

    async lookUpCharge(input) {
      const answer = await client.paymentStatus({ orderNo: input.orderId });
      if (answer.kind === "error") {
        const raw = redact(answer.raw);
        if (isNotFound(answer)) {
          return {
            outcome: "not_found",
            code: answer.errorCode ?? `HTTP_${answer.httpStatus}`,
            merchantMessage: `Toss Pay has no payment for orderNo ${input.orderId} (${describeError(answer)}); nothing was charged under it.`,
            customerMessage: "이 주문으로 결제된 내역이 없어요.",
            raw,
          };
        }
        // Any other refusal of a lookup says nothing about whether money moved.
        const category = errorCategory(answer) === "config_error" ? "config_error" : "unknown";
        return failure(answer, VERBS.lookUpCharge, [], category);
      }
      if (answer.kind !== "ok") return failure(answer, VERBS.lookUpCharge);
      const body = answer.body;
      const raw = redact(answer.raw);

      const wrongAnswer = answerProblem(
        mode,
        body,
        input.orderId,
        VERBS.lookUpCharge,
        `Status for orderNo ${input.orderId} was answered for orderNo ${body.orderNo}.`,
        raw,
      );
      if (wrongAnswer) return wrongAnswer;

      switch (body.payStatus) {
        case "PAY_COMPLETE":
        case "REFUND_PROGRESS":
        case "REFUND_SUCCESS":
        case "SETTLEMENT_COMPLETE":
        case "SETTLEMENT_REFUND_COMPLETE":
          return paidLookup(input.orderId, body, raw, mode);
        case "PAY_CANCEL":
          return fail(
            "declined",
            "PAY_CANCEL",
            `Order ${input.orderId} is PAY_CANCEL: cancelled or expired before completion; no money moved.`,
            "결제가 완료되지 않았어요. 청구된 금액은 없어요.",
            raw,
          );
        case "PAY_STANDBY":
        case "PAY_APPROVED":
        case "PAY_PROGRESS":
          return fail(
            "unknown",
            body.payStatus,
            `Order ${input.orderId} is ${body.payStatus}: still in progress; look it up again later.`,
            VERBS.lookUpCharge.unknownMessage,
            raw,
          );
        default:
          return unexpectedStatus(body.payStatus, VERBS.lookUpCharge, raw);
      }
    },

    async refund(input) {
      const answer = await client.refund({
        payToken: input.providerPaymentId,
        refundNo: input.refundNo,
        // Re-sending the same refundNo returns the first success instead of refunding again.
        idempotent: true,
        reason: toRefundReason(input.reason),
        amount: input.amount,
        amountTaxFree: input.amountTaxFree,
      });
      if (answer.kind !== "ok") {
        // A refund cannot need a new payment method; such codes are plain refusals here.
        const category = answer.kind === "error" ? errorCategory(answer) : undefined;
        return failure(
          answer,
          VERBS.refund,
          [],
          category === "needs_new_method" ? "declined" : category,
        );
      }
      const body = answer.body;
      const raw = redact(answer.raw);
      // A refund answered in test mode returned no money: never tell the customer it did.
      const modeProblem = responseModeProblem(mode, body.mode);
      if (modeProblem)
        return fail("config_error", "MODE_MISMATCH", modeProblem, CONFIG_MESSAGE, raw);
      const refunded = body.refundedAmount ?? body.refundedPaidAmount;
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Refund ${input.refundNo} of payToken ${input.providerPaymentId} done.`,
        customerMessage: "환불이 완료됐어요.",
        raw,
        refund: {
          refundNo: body.refundNo ?? input.refundNo,
          providerTransactionId: body.transactionId ?? null,
          // Toss reports refunds as negative amounts (-2000).
          refundedAmount: refunded !== undefined ? Math.abs(refunded) : (input.amount ?? null),
          refundableAmount: body.refundableAmount ?? null,
          refundedAt: parseTossTime(body.approvalTime),
        },
      };
    },

    async getMethod(input) {
      const read = await readKeyStatus(client, input, VERBS.getMethod);
      if (read.failed) return read.failed;
      const { body, raw, mismatch } = read;
      if (mismatch) {
        // Toss reports on another key: say nothing about ours rather than show its details.
        return fail(
          "unknown",
          mismatch.code,
          mismatch.message,
          VERBS.getMethod.unknownMessage,
          raw,
        );
      }
      const status = keyStatus(body.status);
      if (!status) return unexpectedStatus(body.status, VERBS.getMethod, raw);
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Billing key status ${body.status}.`,
        customerMessage: "결제수단 정보를 불러왔어요.",
        raw,
        status,
        method: methodFrom(body),
      };
    },

    async removeMethod(input) {
      const answer = await client.removeBillingKey({ billingKey: input.billingKey });
      const secrets = [input.billingKey];
      if (answer.kind === "error" && answer.errorCode && ALREADY_REMOVED.has(answer.errorCode)) {
        return {
          outcome: "succeeded",
          code: answer.errorCode,
          merchantMessage: `Billing key was already gone at Toss (${describeError(answer)}).`,
          customerMessage: "결제수단이 삭제됐어요.",
          raw: redact(answer.raw, secrets),
          alreadyRemoved: true,
        };
      }
      if (answer.kind !== "ok") {
        const category = answer.kind === "error" ? errorCategory(answer) : undefined;
        return failure(
          answer,
          VERBS.removeMethod,
          secrets,
          category === "needs_new_method" ? "declined" : category,
        );
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: "Billing key removed at Toss.",
        customerMessage: "결제수단이 삭제됐어요.",
        raw: redact(answer.raw, secrets),
        alreadyRemoved: false,
      };
    },

    async parseEvent(input) {
      let json: unknown;
      try {
        json = JSON.parse(input.rawBody);
      } catch {
        return { ok: false, reason: "body is not JSON" };
      }
      const parsed = billingKeyCallback.safeParse(json);
      if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
      const callback = parsed.data;
      return {
        ok: true,
        event: {
          type: eventTypeOf(callback.action),
          providerType: callback.action,
          // [unconfirmed] Toss documents no signature or secret for this callback (§1.4.2), only
          // source IPs, which a proxy can hide. It is never "verified": the handler must confirm
          // with completeRegistration/getMethod (status ACTIVE, same key, our userId).
          verified: false,
          // One event per action and key; the key itself is never stored. processedTs is not
          // part of it: the caller chooses it, so with it every forged copy was a new event
          // and a new status call at Toss. Action + key is enough: a key goes ACTIVATED, then
          // perhaps REMOVED (two actions, two events), and never back — re-linking issues a
          // new key — so a genuine repeat of the same action and key is a redelivery.
          dedupeKey: `${callback.action}:${fingerprintBillingKey(callback.billingKey)}`,
          occurredAt: parseTossTime(callback.processedTs),
          billingKey: callback.billingKey,
          customer: callback.userId
            ? { providerCustomerId: callback.userId, providerDisplayId: callback.displayId }
            : null,
          orderId: null,
          payload: redact(knownCallbackFields(json), [callback.billingKey]),
        },
      };
    },

    // parseEvent's dedupe key is `${action}:${fingerprint}` (rows logged before had
    // `:${processedTs}` after it) and its payload keeps userId (only the key is redacted):
    // enough to find our method and ask Toss again.
    readLoggedEvent(input) {
      const match = /^([A-Z_]+):([0-9a-f]{64})(?::|$)/.exec(input.dedupeKey);
      if (!match || match[1] !== input.providerType) {
        return { ok: false, reason: "the dedupe key does not carry a billing key fingerprint" };
      }
      const payload = loggedBillingKeyCallback.safeParse(input.payload);
      if (!payload.success) return { ok: false, reason: "the logged payload has no usable userId" };
      return {
        ok: true,
        type: eventTypeOf(input.providerType),
        billingKeyFingerprint: match[2]!,
        providerCustomerId: payload.data.userId ?? null,
      };
    },
  };
}

/** The documented callback fields of a parsed body, strings clipped; everything else dropped. */
function knownCallbackFields(json: unknown): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  if (json === null || typeof json !== "object" || Array.isArray(json)) return kept;
  const body = json as Record<string, unknown>;
  for (const field of BILLING_KEY_CALLBACK_FIELDS) {
    const value = body[field];
    if (typeof value === "string") kept[field] = value.slice(0, LOGGED_CALLBACK_STRING_MAX);
    else if (typeof value === "number" || typeof value === "boolean") kept[field] = value;
  }
  return kept;
}

function eventTypeOf(action: string): ProviderEventType {
  if (action === "ACTIVATED") return "registration_completed";
  if (action === "REMOVED") return "method_removed";
  return "ignored";
}

// ---------------------------------------------------------------------------------------------

function keyStatus(status: string): MethodStatus | null {
  switch (status) {
    case "ACTIVE":
      return "active";
    case "CREATE":
    // [unconfirmed] AUTH is documented only as "authenticated"; ACTIVE is the only status
    // documented as usable, so AUTH still counts as waiting.
    case "AUTH":
      return "pending";
    case "REMOVE":
      return "removed";
    case "FAIL":
    case "CANCEL":
      return "failed";
    default:
      return null;
  }
}

/**
 * A charge or lookup answer from the other mode is a configuration error; one about another
 * order proves nothing about ours, so the outcome stays unknown.
 */
function answerProblem(
  mode: TossPayConfig["mode"],
  body: { mode?: string | null | undefined; orderNo?: string | undefined },
  orderId: string,
  verb: Verb,
  orderMismatchMessage: string,
  raw: RawResponse,
): Failure | null {
  const modeProblem = responseModeProblem(mode, body.mode);
  if (modeProblem) return fail("config_error", "MODE_MISMATCH", modeProblem, CONFIG_MESSAGE, raw);
  if (body.orderNo !== undefined && body.orderNo !== orderId) {
    return fail("unknown", "ORDER_MISMATCH", orderMismatchMessage, verb.unknownMessage, raw);
  }
  return null;
}

type KeyStatusRead =
  | { failed: Failure }
  | {
      failed: null;
      body: BillingKeyStatusResponse;
      raw: RawResponse;
      mismatch: { code: string; message: string } | null;
    };

/**
 * /billing-key/status for the customer's key, redacted, with whether Toss answered about another
 * key or user (completing a registration and reading a method must both refuse to act on that).
 */
async function readKeyStatus(
  client: TossPayClient,
  input: {
    providerCustomerId: string;
    providerDisplayId?: string | undefined;
    billingKey?: string | undefined;
  },
  verb: Verb,
): Promise<KeyStatusRead> {
  const answer = await client.billingKeyStatus({
    userId: input.providerCustomerId,
    displayId: input.providerDisplayId,
  });
  const secrets = [input.billingKey, answer.kind === "ok" ? answer.body.billingKey : null];
  if (answer.kind !== "ok") return { failed: failure(answer, verb, secrets) };
  return {
    failed: null,
    body: answer.body,
    raw: redact(answer.raw, secrets),
    mismatch: identityMismatch(input, answer.body),
  };
}

function identityMismatch(
  input: { providerCustomerId: string; billingKey?: string | undefined },
  body: { userId?: string | undefined; billingKey?: string | undefined },
): { code: string; message: string } | null {
  if (body.userId !== undefined && body.userId !== input.providerCustomerId) {
    return {
      code: "USER_MISMATCH",
      message: `Billing key status answered for userId ${body.userId}, not ${input.providerCustomerId}.`,
    };
  }
  if (input.billingKey && body.billingKey !== undefined && body.billingKey !== input.billingKey) {
    return {
      code: "BILLING_KEY_MISMATCH",
      message: `The billing key Toss reports for userId ${input.providerCustomerId} is not the one we hold.`,
    };
  }
  return null;
}

function paidLookup(
  orderId: string,
  body: PaymentStatusResponse,
  raw: RawResponse,
  mode: TossPayConfig["mode"],
) {
  const transactions: ChargeTransaction[] = (body.transactions ?? []).map((t) => ({
    kind: t.stepType === "REFUND" || (t.transactionAmount ?? 0) < 0 ? "refund" : "payment",
    transactionId: t.transactionId ?? null,
    amount: Math.abs(t.transactionAmount ?? 0),
    at: parseTossTime(t.regTs),
  }));
  const payment = transactions.find((t) => t.kind === "payment");
  const amount = body.amount ?? payment?.amount;
  if (!body.payToken || amount === undefined) {
    return fail(
      "unknown",
      "INVALID_RESPONSE",
      `Order ${orderId} is ${body.payStatus} but the answer lacks payToken or amount.`,
      VERBS.lookUpCharge.unknownMessage,
      raw,
    );
  }
  const refundSteps = transactions.filter((t) => t.kind === "refund");
  const refundedAmount =
    refundSteps.length > 0
      ? refundSteps.reduce((sum, t) => sum + t.amount, 0)
      : body.payStatus.includes("REFUND") && body.refundableAmount !== undefined
        ? Math.max(0, amount - body.refundableAmount)
        : 0;
  const card: MethodFields & { salesCheckLinkUrl?: string | undefined } = body.card ?? {};
  return {
    outcome: "succeeded" as const,
    code: null,
    merchantMessage: `Order ${orderId} is ${body.payStatus} (payToken ${body.payToken}).`,
    customerMessage: "결제가 완료됐어요.",
    raw,
    charge: {
      orderId,
      providerPaymentId: body.payToken,
      providerTransactionId: payment?.transactionId ?? null,
      amount,
      approvedAt: parseTossTime(body.paidTs) ?? payment?.at ?? null,
      receiptUrl: card.salesCheckLinkUrl ?? null,
      method: methodFrom({ ...body, ...card }),
      testMode: isTestMode(body.mode, mode),
      refundedAmount,
      refundableAmount: body.refundableAmount ?? null,
      transactions,
    },
  };
}

type MethodFields = {
  payMethod?: string | undefined;
  cardCompanyName?: string | undefined;
  cardCompanyCode?: string | undefined;
  cardCompanyNo?: string | undefined;
  cardNumber?: string | undefined;
  cardNum4Print?: string | undefined;
  cardMethodType?: string | undefined;
  accountBankCode?: string | undefined;
  accountBankName?: string | undefined;
  accountNumber?: string | undefined;
};

/** Display details from a callback, bill, status or refund answer. */
export function methodFrom(fields: MethodFields): MethodDetails | null {
  const cardCode = fields.cardCompanyCode ?? fields.cardCompanyNo;
  const looksLikeCard = fields.cardNumber !== undefined || cardCode !== undefined;
  const looksLikeAccount =
    fields.accountBankCode !== undefined || fields.accountNumber !== undefined;
  const payMethod =
    fields.payMethod ?? (looksLikeCard ? "CARD" : looksLikeAccount ? "TOSS_MONEY" : undefined);

  if (payMethod === "CARD") {
    return {
      kind: "card",
      cardCompany: fields.cardCompanyName ?? (cardCode ? (CARD_COMPANIES[cardCode] ?? null) : null),
      cardCompanyCode: cardCode ?? null,
      maskedNumber:
        fields.cardNumber ?? (fields.cardNum4Print ? `************${fields.cardNum4Print}` : null),
      cardType: fields.cardMethodType ? (CARD_TYPES[fields.cardMethodType] ?? null) : null,
    };
  }
  if (payMethod === "TOSS_MONEY") {
    // TOSS_MONEY covers both Toss Money and a linked bank account; for Toss Money the account
    // number is the text "토스머니" (§1.4.4) and the bank code 888 (§1.6).
    if (fields.accountNumber === "토스머니" || fields.accountBankCode === TOSS_MONEY_BANK_CODE) {
      return { kind: "toss_money" };
    }
    const bankCode = fields.accountBankCode ?? null;
    return {
      kind: "account",
      bankCode,
      bankName: fields.accountBankName ?? (bankCode ? (BANKS[bankCode] ?? null) : null),
      maskedAccountNumber: fields.accountNumber ?? null,
    };
  }
  return null;
}

function isTestMode(responseMode: string | undefined, mode: TossPayConfig["mode"]): boolean {
  return responseMode !== undefined ? responseMode !== "LIVE" : mode === "sandbox";
}

type NotOk = Exclude<TossPayAnswer<unknown>, { kind: "ok" }>;
type ErrorAnswer = Extract<NotOk, { kind: "error" }>;

function errorCategory(answer: ErrorAnswer): FailureOutcome {
  // Without an errorCode only the HTTP status speaks: 401/403 = our key (§1.1); anything else
  // could be anything, so it is unknown.
  if (!answer.errorCode) {
    return answer.httpStatus === 401 || answer.httpStatus === 403 ? "config_error" : "unknown";
  }
  return tossPayErrorRule(answer.errorCode).category;
}

/**
 * [unconfirmed] The status API's answer for an orderNo it does not know is documented only as
 * `code: -1` (§1.7, §5). We read it as "not found" only when nothing says otherwise: no
 * errorCode, TRANSACTION_NOT_FOUND, or HTTP 404 with a code we do not know. A code we do know
 * (system error, timeout, bad key) keeps its own meaning, because calling a live order
 * "not found" would let the engine charge again under a new order id.
 */
function isNotFound(answer: ErrorAnswer): boolean {
  if (answer.httpStatus === 401 || answer.httpStatus === 403) return false;
  if (!answer.errorCode || answer.errorCode === "TRANSACTION_NOT_FOUND") return true;
  return answer.httpStatus === 404 && !Object.hasOwn(TOSS_PAY_ERROR_CODES, answer.errorCode);
}

function describeError(answer: ErrorAnswer): string {
  const code = answer.errorCode ?? "no errorCode";
  return answer.msg ? `${code}: "${answer.msg}"` : code;
}

function failure(
  answer: NotOk,
  verb: Verb,
  secrets: ReadonlyArray<string | null | undefined> = [],
  categoryOverride?: FailureOutcome,
): Failure {
  switch (answer.kind) {
    case "invalid_request":
      return notSentFailure({ provider: "Toss Pay", ...verb }, answer.issues);
    case "unreachable":
      return unreachableFailure(answer, { provider: "Toss Pay", ...verb }, secrets);
    case "error": {
      const rule = tossPayErrorRule(answer.errorCode);
      const category = categoryOverride ?? errorCategory(answer);
      const known =
        answer.errorCode !== null && Object.hasOwn(TOSS_PAY_ERROR_CODES, answer.errorCode);
      const meaning = known
        ? rule.meaning
        : answer.errorCode
          ? "This errorCode is not in our table (Toss adds codes without notice)."
          : "";
      // The table's Korean text is written for charges; other verbs use their own for unknown.
      // A charge's known "unknown" codes say what is going on (still processing, duplicate).
      const customerMessage = errorCustomerMessage(
        category,
        rule,
        known,
        verb === VERBS.charge && known ? rule.customerMessage : verb.unknownMessage,
      );
      return fail(
        category,
        answer.errorCode ?? `HTTP_${answer.httpStatus}`,
        `Toss Pay ${verb.name} failed (HTTP ${answer.httpStatus}): ${describeError(answer)}.${meaning ? ` ${meaning}` : ""}`,
        customerMessage,
        redact(answer.raw, secrets),
      );
    }
  }
}

function unexpectedStatus(status: string, verb: Verb, raw: RawResponse): Failure {
  return fail(
    "unknown",
    `UNEXPECTED_STATUS_${status}`,
    `Toss Pay ${verb.name} answered an undocumented status ${JSON.stringify(status)}.`,
    verb.unknownMessage,
    raw,
  );
}
