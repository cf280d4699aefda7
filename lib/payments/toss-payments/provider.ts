import { createHash } from "node:crypto";
import { z } from "zod";
import { fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import {
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
  ChargeDetails,
  ChargeTransaction,
  Failure,
  FailureOutcome,
  PaymentProvider,
  ProviderEventType,
  RawResponse,
} from "../types";
import { createTossPaymentsClient, type TossPaymentsAnswer } from "./client";
import type { TossPaymentsConfig } from "./config";
import { tossPaymentsErrorRule, isKnownTossPaymentsCode } from "./error-codes";
import { methodOf } from "./method-details";
import {
  billingDeletedData,
  describeIssues,
  parseTossPaymentsTime,
  toCancelReason,
  webhookEnvelope,
  type PaymentResponse,
} from "./schemas";

// PaymentProvider for Toss Payments v1 billing (docs/providers.md §2). Registration opens the
// SDK's billing-auth window in the browser (card or 퀵계좌이체); the server exchanges the
// one-time authKey for the billing key. Charges and cancels carry an Idempotency-Key derived
// from the order id / refund number (§2.5), so a resend after a timeout replays instead of
// charging again; anything that does not prove "nothing was charged" is `unknown` and is
// settled by looking the order id up.

export type TossPaymentsProviderOptions = TossPaymentsConfig & { timeoutMs?: number };

/** [unconfirmed] The authKey's lifetime is not documented; the window and the return must fit
 * in this, after which the pending registration is swept. */
const REGISTRATION_TTL_MS = 30 * 60 * 1000;

/** Webhook transmission ids longer than this are not Toss Payments'. */
const TRANSMISSION_ID_MAX = 200;
export const TRANSMISSION_ID_HEADER = "tosspayments-webhook-transmission-id";

// Codes that mean the key is already gone, so a removal has nothing left to do (§2.3.3, §5).
const ALREADY_REMOVED = new Set([
  "NOT_FOUND_BILLING",
  "BILLING_KEY_NOT_FOUND",
  "ALREADY_REMOVED_BILLING_KEY",
]);

// Payment.status (§2.3.2): which ones prove money moved, which prove it did not.
const PAID = new Set(["DONE", "CANCELED", "PARTIAL_CANCELED"]);
const ENDED_UNPAID = new Set(["ABORTED", "EXPIRED"]);

const VERBS = {
  completeRegistration: {
    name: "issue billing key (POST /v1/billing/authorizations/issue)",
    unknownMessage: UNKNOWN_MESSAGES.registration,
  },
  charge: {
    name: "charge (POST /v1/billing/{billingKey})",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  lookUpCharge: {
    name: "payment by order id (GET /v1/payments/orders/{orderId})",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  refund: {
    name: "cancel (POST /v1/payments/{paymentKey}/cancel)",
    unknownMessage: UNKNOWN_MESSAGES.refund,
  },
  removeMethod: {
    name: "delete billing key (DELETE /v1/billing/{billingKey})",
    unknownMessage: UNKNOWN_MESSAGES.removal,
  },
} satisfies Record<string, Verb>;

/**
 * The customerKey for one of our customers: random (users.providerCustomerId is 128 random
 * bits), the same for all of that customer's keys as Toss requires, scoped to Toss Payments so
 * it is not the id other providers see, and shaped as a UUID, which every published charset
 * accepts (§2.2).
 */
export function tossPaymentsCustomerKey(customerId: string): string {
  const hex = createHash("sha256").update(`toss_payments:${customerId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function createTossPaymentsProvider(options: TossPaymentsProviderOptions): PaymentProvider {
  const client = createTossPaymentsClient(options);
  const mode = options.mode;

  function chargeDetails(orderId: string, body: PaymentResponse, amount: number): ChargeDetails {
    return {
      orderId,
      providerPaymentId: body.paymentKey,
      providerTransactionId: paymentTransactionKey(body),
      amount,
      approvedAt: parseTossPaymentsTime(body.approvedAt),
      receiptUrl: body.receipt?.url ?? null,
      method: methodOf(body),
      // Toss Payments' answers do not say test or live; the key prefix does (§2.1).
      testMode: mode !== "live",
    };
  }

  return {
    name: "toss_payments",
    mode,
    customerIdFor: (customerId) => tossPaymentsCustomerKey(customerId),

    async startRegistration(input) {
      const expiresAt = new Date(Date.now() + REGISTRATION_TTL_MS);
      const method = input.method === "account" ? "TRANSFER" : "CARD";
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Billing auth window (${method}) prepared for customerKey ${input.providerCustomerId}.`,
        customerMessage:
          method === "TRANSFER"
            ? "퀵계좌이체 창에서 자동결제에 쓸 계좌를 등록해 주세요."
            : "카드 등록 창에서 자동결제에 쓸 카드를 등록해 주세요.",
        raw: null,
        step: {
          kind: "browser",
          // docs/providers.md §2.2: TossPayments(clientKey).payment({ customerKey })
          //   .requestBillingAuth({ method, successUrl, failUrl }).
          launch: {
            type: "script",
            scriptUrl: options.scriptUrl,
            // The official SDK in the browser (issue 10): live it loads Toss's script, in
            // sandbox mode the sandbox's copy, through the same loadTossPayments call.
            loader: "tosspayments-sdk",
            calls: [
              { path: "TossPayments", args: [options.clientKey] },
              { path: "payment", args: [{ customerKey: input.providerCustomerId }] },
              {
                path: "requestBillingAuth",
                args: [{ method, successUrl: input.successUrl, failUrl: input.failureUrl }],
              },
            ],
          },
          expiresAt,
        },
      };
    },

    async completeRegistration(input) {
      if (!input.authKey) {
        return fail(
          "declined",
          "MISSING_AUTH_KEY",
          "Toss Payments registration needs the authKey from the success redirect.",
          REGISTER_AGAIN,
          null,
        );
      }
      const answer = await client.issueBillingKey({
        authKey: input.authKey,
        customerKey: input.providerCustomerId,
      });
      const secrets = [input.authKey, answer.kind === "ok" ? answer.body.billingKey : null];
      if (answer.kind !== "ok") {
        // The authKey is single use: a definite refusal cannot be retried with it.
        const failed = failure(answer, VERBS.completeRegistration, secrets);
        return failed.outcome === "needs_new_method" ? { ...failed, outcome: "declined" } : failed;
      }
      const raw = redact(answer.raw, secrets);
      const body = answer.body;
      if (body.customerKey !== undefined && body.customerKey !== input.providerCustomerId) {
        return fail(
          "declined",
          "CUSTOMER_MISMATCH",
          `The billing key was issued for customerKey ${body.customerKey}, not ${input.providerCustomerId}.`,
          REGISTER_AGAIN,
          raw,
        );
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Billing key issued for customerKey ${input.providerCustomerId}.`,
        customerMessage: "결제수단이 등록됐어요.",
        raw,
        billingKey: body.billingKey,
        method: methodOf(body),
      };
    },

    async charge(input) {
      const answer = await client.charge(input.billingKey, {
        customerKey: input.customer.providerCustomerId,
        amount: input.amount,
        orderId: input.orderId,
        orderName: input.orderName.slice(0, 100),
        taxFreeAmount: input.amountTaxFree,
        cardInstallmentPlan: input.installmentMonths || undefined,
        // For Toss's receipt and notices (docs/providers.md §2.3.2); cut to the documented
        // 100 characters rather than refuse a charge over a long name.
        customerEmail: input.payer?.email?.slice(0, 100) || undefined,
        customerName: input.payer?.name?.slice(0, 100) || undefined,
      });
      const secrets = [input.billingKey];
      if (answer.kind !== "ok") return failure(answer, VERBS.charge, secrets);
      const raw = redact(answer.raw, secrets);
      const body = answer.body;
      const problem = paymentProblem(input.orderId, body, VERBS.charge, raw);
      if (problem) return problem;
      if (ENDED_UNPAID.has(body.status)) return endedUnpaid(input.orderId, body, raw);
      if (!PAID.has(body.status)) return stillRunning(input.orderId, body, VERBS.charge, raw);
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Charged order ${input.orderId} (paymentKey ${body.paymentKey}).`,
        customerMessage: "결제가 완료됐어요.",
        raw,
        charge: chargeDetails(input.orderId, body, body.totalAmount ?? input.amount),
      };
    },

    async lookUpCharge(input) {
      const answer = await client.paymentByOrderId(input.orderId);
      if (answer.kind === "error" && answer.code === "NOT_FOUND_PAYMENT") {
        return {
          outcome: "not_found",
          code: answer.code,
          merchantMessage: `Toss Payments has no payment under order ${input.orderId}: nothing was charged under it.`,
          customerMessage: "결제 내역이 없어요.",
          raw: redact(answer.raw),
        };
      }
      if (answer.kind !== "ok") {
        // A lookup's own error never says the charge failed.
        return failure(answer, VERBS.lookUpCharge, [], "unknown");
      }
      const raw = redact(answer.raw);
      const body = answer.body;
      const problem = paymentProblem(input.orderId, body, VERBS.lookUpCharge, raw);
      if (problem) return problem;
      if (ENDED_UNPAID.has(body.status)) return endedUnpaid(input.orderId, body, raw);
      if (!PAID.has(body.status)) return stillRunning(input.orderId, body, VERBS.lookUpCharge, raw);
      if (body.totalAmount === undefined) {
        return fail(
          "unknown",
          "INVALID_RESPONSE",
          `Order ${input.orderId} is ${body.status} but the answer has no totalAmount.`,
          VERBS.lookUpCharge.unknownMessage,
          raw,
        );
      }
      const refunds: ChargeTransaction[] = doneCancels(body).map((c) => ({
        kind: "refund",
        transactionId: c.transactionKey ?? null,
        amount: Math.abs(c.cancelAmount ?? 0),
        at: parseTossPaymentsTime(c.canceledAt),
      }));
      const payment: ChargeTransaction = {
        kind: "payment",
        transactionId: paymentTransactionKey(body),
        amount: body.totalAmount,
        at: parseTossPaymentsTime(body.approvedAt),
      };
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Order ${input.orderId} is ${body.status} (paymentKey ${body.paymentKey}).`,
        customerMessage: "결제가 완료됐어요.",
        raw,
        charge: {
          ...chargeDetails(input.orderId, body, body.totalAmount),
          refundedAmount: refunds.reduce((sum, r) => sum + r.amount, 0),
          refundableAmount: body.balanceAmount ?? null,
          transactions: [payment, ...refunds],
        },
      };
    },

    async refund(input) {
      const answer = await client.cancel(input.providerPaymentId, input.refundNo, {
        cancelReason: toCancelReason(input.reason),
        cancelAmount: input.amount,
        taxFreeAmount: input.amount !== undefined ? input.amountTaxFree : undefined,
      });
      if (answer.kind !== "ok") {
        const failed = failure(answer, VERBS.refund);
        // A refund cannot need a new method: the payment, not the key, is refused.
        return failed.outcome === "needs_new_method" ? { ...failed, outcome: "declined" } : failed;
      }
      const raw = redact(answer.raw);
      const body = answer.body;
      // With the same Idempotency-Key, a resend replays the first answer, so the newest
      // cancel in it is the one this refund made.
      const cancels = doneCancels(body);
      const latest = cancels.at(-1);
      if (!latest) {
        return fail(
          "unknown",
          "INVALID_RESPONSE",
          `Cancel of ${input.providerPaymentId} answered ${body.status} without a cancel entry.`,
          VERBS.refund.unknownMessage,
          raw,
        );
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Refunded ₩${Math.abs(latest.cancelAmount ?? 0)} of ${input.providerPaymentId} (refund ${input.refundNo}).`,
        customerMessage: "환불이 완료됐어요.",
        raw,
        refund: {
          refundNo: input.refundNo,
          providerTransactionId: latest.transactionKey ?? null,
          refundedAmount: latest.cancelAmount !== undefined ? Math.abs(latest.cancelAmount) : null,
          refundableAmount: body.balanceAmount ?? null,
          refundedAt: parseTossPaymentsTime(latest.canceledAt),
        },
      };
    },

    async getMethod() {
      return {
        outcome: "not_supported",
        code: "NOT_SUPPORTED",
        merchantMessage:
          "Toss Payments documents no billing-key lookup (docs/providers.md §2.3.1): the details stored at registration and the last charge are all there is, and a BILLING_DELETED webhook is confirmed by the next charge.",
        customerMessage: "결제수단 정보는 등록할 때와 마지막 결제 때 받은 내용으로 보여 드려요.",
        raw: null,
      };
    },

    async removeMethod(input) {
      const answer = await client.deleteBillingKey(input.billingKey);
      const secrets = [input.billingKey];
      if (answer.kind === "ok") {
        return {
          outcome: "succeeded",
          code: null,
          merchantMessage: `Billing key of customerKey ${input.providerCustomerId} deleted.`,
          customerMessage: "결제수단을 삭제했어요.",
          raw: redact(answer.raw, secrets),
          alreadyRemoved: false,
        };
      }
      if (answer.kind === "error" && ALREADY_REMOVED.has(answer.code)) {
        return {
          outcome: "succeeded",
          code: answer.code,
          merchantMessage: `Billing key of customerKey ${input.providerCustomerId} was already deleted (${answer.code}).`,
          customerMessage: "결제수단을 삭제했어요.",
          raw: redact(answer.raw, secrets),
          alreadyRemoved: true,
        };
      }
      return failure(answer, VERBS.removeMethod, secrets);
    },

    async parseEvent(input) {
      let json: unknown;
      try {
        json = JSON.parse(input.rawBody);
      } catch {
        return { ok: false, reason: "body is not JSON" };
      }
      const parsed = webhookEnvelope.safeParse(json);
      if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
      const transmissionId = input.headers.get(TRANSMISSION_ID_HEADER)?.trim();
      if (!transmissionId || transmissionId.length > TRANSMISSION_ID_MAX) {
        return { ok: false, reason: `missing or oversized ${TRANSMISSION_ID_HEADER} header` };
      }
      const envelope = parsed.data;
      const subject = eventSubject(envelope.eventType, envelope.data);
      if ("invalid" in subject) return { ok: false, reason: subject.invalid };
      return {
        ok: true,
        event: {
          type: eventTypeOf(envelope.eventType),
          providerType: envelope.eventType,
          // docs/providers.md §2.6: billing events carry no signature, and no lookup exists for
          // a billing key, so a BILLING_DELETED is a signal only (handle-provider-event.ts).
          verified: false,
          // The same for every retry of one delivery (§2.6).
          dedupeKey: `transmission:${transmissionId}`,
          occurredAt: parseTossPaymentsTime(envelope.createdAt),
          billingKey: subject.billingKey,
          customer: null,
          orderId: subject.orderId,
          payload: redact({
            eventType: envelope.eventType,
            createdAt: envelope.createdAt ?? null,
            ...subject.logged,
          }),
        },
      };
    },

    // The log keeps the key's fingerprint (parseEvent's payload), never the key.
    readLoggedEvent(input) {
      const payload = loggedEvent.safeParse(input.payload);
      if (!payload.success) return { ok: false, reason: "the logged payload is not a webhook" };
      return {
        ok: true,
        type: eventTypeOf(input.providerType),
        billingKeyFingerprint: payload.data.billingKeyFingerprint ?? null,
        providerCustomerId: null,
      };
    },
  };
}

const loggedEvent = z.looseObject({ billingKeyFingerprint: z.string().nullish() });

const paymentStatusData = z.looseObject({
  paymentKey: z.string().max(200).nullish(),
  orderId: z.string().max(64).nullish(),
  status: z.string().max(40).nullish(),
});

/** What an event is about, and the only fields of it our log keeps. */
function eventSubject(
  eventType: string,
  data: unknown,
):
  | { invalid: string }
  | { billingKey: string | null; orderId: string | null; logged: Record<string, unknown> } {
  if (eventType === "BILLING_DELETED") {
    const parsed = billingDeletedData.safeParse(data);
    if (!parsed.success) return { invalid: `BILLING_DELETED: ${describeIssues(parsed.error)}` };
    return {
      billingKey: parsed.data.billingKey,
      orderId: null,
      logged: {
        billingKeyFingerprint: fingerprintBillingKey(parsed.data.billingKey),
        reason: parsed.data.reason?.slice(0, 200) ?? null,
      },
    };
  }
  if (eventType === "PAYMENT_STATUS_CHANGED") {
    const parsed = paymentStatusData.safeParse(data);
    if (!parsed.success)
      return { invalid: `PAYMENT_STATUS_CHANGED: ${describeIssues(parsed.error)}` };
    // The Payment object carries `secret` and more; we keep what finds the payment.
    const { paymentKey, orderId, status } = parsed.data;
    return { billingKey: null, orderId: orderId ?? null, logged: { paymentKey, orderId, status } };
  }
  return { billingKey: null, orderId: null, logged: {} };
}

function eventTypeOf(eventType: string): ProviderEventType {
  if (eventType === "BILLING_DELETED") return "method_removed";
  if (eventType === "PAYMENT_STATUS_CHANGED") return "charge_updated";
  return "ignored";
}

// ---------------------------------------------------------------------------------------------

/** lastTransactionKey names the approval until a cancel happens; then it is the cancel's. */
function paymentTransactionKey(body: PaymentResponse): string | null {
  return (body.cancels ?? []).length > 0 ? null : (body.lastTransactionKey ?? null);
}

function doneCancels(body: PaymentResponse) {
  return (body.cancels ?? []).filter(
    (c) => c.cancelStatus === undefined || c.cancelStatus === "DONE",
  );
}

/** An answer about another order proves nothing about ours. */
function paymentProblem(
  orderId: string,
  body: PaymentResponse,
  verb: Verb,
  raw: RawResponse,
): Failure | null {
  if (body.orderId !== undefined && body.orderId !== orderId) {
    return fail(
      "unknown",
      "ORDER_MISMATCH",
      `Toss Payments ${verb.name} answered about order ${body.orderId}, not ${orderId}.`,
      verb.unknownMessage,
      raw,
    );
  }
  return null;
}

function stillRunning(
  orderId: string,
  body: PaymentResponse,
  verb: Verb,
  raw: RawResponse,
): Failure {
  return fail(
    "unknown",
    `PAYMENT_${body.status}`,
    `Order ${orderId} is ${body.status} at Toss Payments; it may still complete.`,
    verb.unknownMessage,
    raw,
  );
}

/** ABORTED / EXPIRED: the payment ended without money moving; its failure says why. */
function endedUnpaid(orderId: string, body: PaymentResponse, raw: RawResponse): Failure {
  const code = body.failure?.code ?? `PAYMENT_${body.status}`;
  const rule = tossPaymentsErrorRule(body.failure?.code);
  const outcome: FailureOutcome =
    rule.category === "needs_new_method" || rule.category === "config_error"
      ? rule.category
      : "declined";
  return fail(
    outcome,
    code,
    `Order ${orderId} is ${body.status}: ${body.failure?.message ?? "no failure reason given"}.`,
    isKnownTossPaymentsCode(body.failure?.code) && rule.category !== "unknown"
      ? rule.customerMessage
      : "결제가 승인되지 않았어요. 결제수단을 확인해 주세요.",
    raw,
  );
}

type NotOk = Exclude<TossPaymentsAnswer<unknown>, { kind: "ok" }>;

function failure(
  answer: NotOk,
  verb: Verb,
  secrets: ReadonlyArray<string | null | undefined> = [],
  categoryOverride?: FailureOutcome,
): Failure {
  switch (answer.kind) {
    case "invalid_request":
      return notSentFailure({ provider: "Toss Payments", ...verb }, answer.issues);
    case "unreachable":
      return unreachableFailure(answer, { provider: "Toss Payments", ...verb }, secrets);
    case "error": {
      const known = isKnownTossPaymentsCode(answer.code);
      const rule = tossPaymentsErrorRule(answer.code);
      // Without a code we know, only 401 speaks for itself: our key (§2.1).
      const category =
        categoryOverride ?? (!known && answer.httpStatus === 401 ? "config_error" : rule.category);
      const customerMessage = errorCustomerMessage(category, rule, known, verb.unknownMessage);
      const detail = answer.message ? `${answer.code}: "${answer.message}"` : answer.code;
      return fail(
        category,
        answer.code,
        `Toss Payments ${verb.name} failed (HTTP ${answer.httpStatus}): ${detail}. ${known ? rule.meaning : "This code is not in our table (Toss Payments adds codes without notice)."}`,
        customerMessage,
        redact(answer.raw, secrets),
      );
    }
  }
}
