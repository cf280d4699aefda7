import * as Webhook from "@portone/server-sdk/webhook";
import type { Payment } from "@portone/server-sdk/payment";
import { fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { z } from "zod";
import {
  fail,
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
import { createPortOneClient, type PortOneAnswer } from "./client";
import type { PortOneConfig } from "./config";
import { portOneErrorRule } from "./error-codes";
import { methodOfBillingKey, methodOfPayment } from "./method-details";
import { splitVat } from "@/lib/payments/split-vat";

// PaymentProvider for PortOne V2 with the Toss Pay channel (docs/providers.md §3), through the
// official server SDK. Registration opens PortOne's billing-key window in the browser
// (@portone/browser-sdk/v2 requestIssueBillingKey, EASY_PAY); the key it names is trusted only
// after GET /billing-keys/{key} says ISSUED, for our customer, on our channel. Charges use our
// order id as the paymentId, so a resend after a timeout meets 409 ALREADY_PAID instead of a
// second charge, and GET /payments/{paymentId} settles anything unknown. Refunds send
// currentCancellableAmount, so a resend of a refund that already went through is refused and
// then recognised by reading the payment. Webhooks are Standard Webhooks, verified with the
// SDK's Webhook.verify before anything is read.

export type PortOneProviderOptions = PortOneConfig & { timeoutMs?: number };

/** The registration window and its return must fit in this; the sweep ends it after. */
const REGISTRATION_TTL_MS = 30 * 60 * 1000;

const VERBS = {
  completeRegistration: {
    name: "billing key info (GET /billing-keys/{billingKey})",
    unknownMessage: UNKNOWN_MESSAGES.registration,
  },
  charge: {
    name: "charge (POST /payments/{paymentId}/billing-key)",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  lookUpCharge: {
    name: "payment (GET /payments/{paymentId})",
    unknownMessage: UNKNOWN_MESSAGES.charge,
  },
  refund: {
    name: "cancel (POST /payments/{paymentId}/cancel)",
    unknownMessage: UNKNOWN_MESSAGES.refund,
  },
  getMethod: {
    name: "billing key info (GET /billing-keys/{billingKey})",
    unknownMessage: UNKNOWN_MESSAGES.method,
  },
  removeMethod: {
    name: "delete billing key (DELETE /billing-keys/{billingKey})",
    unknownMessage: UNKNOWN_MESSAGES.removal,
  },
} satisfies Record<string, Verb>;

// Payment.status (§3.3): which prove money moved, which prove it did not.
const PAID = new Set(["PAID", "PARTIAL_CANCELLED", "CANCELLED"]);
const KEY_GONE = new Set(["BILLING_KEY_NOT_FOUND", "BILLING_KEY_ALREADY_DELETED"]);

const EVENT_TYPES: Record<string, ProviderEventType> = {
  "BillingKey.Issued": "registration_completed",
  "BillingKey.Failed": "registration_failed",
  "BillingKey.Deleted": "method_removed",
  "BillingKey.Updated": "method_updated",
  "Transaction.Paid": "charge_updated",
  "Transaction.Failed": "charge_updated",
  "Transaction.Cancelled": "charge_updated",
  "Transaction.PartialCancelled": "charge_updated",
};

function eventTypeOf(type: string): ProviderEventType {
  return EVENT_TYPES[type] ?? "ignored";
}

const paymentIdSchema = z.string().min(1).max(200);

export function createPortOneProvider(options: PortOneProviderOptions): PaymentProvider {
  const api = createPortOneClient(options);
  const mode = options.mode;

  /** An answer about another store, customer or channel proves nothing about ours. */
  function keyProblem(
    info: { storeId?: string; customer?: { id?: string }; channels?: { key?: string }[] },
    providerCustomerId: string,
  ): string | null {
    if (info.storeId !== undefined && info.storeId !== options.storeId) {
      return `it belongs to store ${info.storeId}, not ${options.storeId}`;
    }
    if (info.customer?.id !== providerCustomerId) {
      return `it was issued for customer ${info.customer?.id ?? "(none)"}, not ${providerCustomerId}`;
    }
    const channels = info.channels ?? [];
    if (channels.length > 0 && !channels.some((c) => c.key === options.channelKey)) {
      return "it was issued on another channel than PORTONE_CHANNEL_KEY";
    }
    return null;
  }

  function chargeOf(orderId: string, payment: Payment, amount: number): ChargeDetails {
    const paid = payment as Payment & {
      pgTxId?: string;
      paidAt?: string;
      receiptUrl?: string;
      channel?: { type?: string };
    };
    return {
      orderId,
      providerPaymentId: orderId, // PortOne refunds and looks up by paymentId = our order id
      // The PG's id, as charge() records it from the charge's answer (which has no other).
      providerTransactionId: paid.pgTxId ?? null,
      amount,
      approvedAt: parseTime(paid.paidAt),
      receiptUrl: paid.receiptUrl ?? null,
      method: methodOfPayment(payment),
      testMode: paid.channel?.type ? paid.channel.type !== "LIVE" : mode !== "live",
    };
  }

  async function readPayment(orderId: string) {
    return api.run((sdk) => sdk.payment.getPayment({ paymentId: orderId }));
  }

  return {
    name: "portone",
    mode,

    async startRegistration(input) {
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `PortOne billing-key window prepared for customer ${input.providerCustomerId}.`,
        customerMessage: "토스페이 창에서 자동결제에 쓸 결제수단을 등록해 주세요.",
        raw: null,
        step: {
          kind: "browser",
          // docs/providers.md §3.2: PortOne.requestIssueBillingKey with the Toss Pay channel.
          // Desktop answers in the page (a popup); phones come back to redirectUrl with the
          // same fields as its query string. Either way the server confirms the key.
          launch: {
            type: "script",
            scriptUrl: options.scriptUrl,
            loader: "portone-browser-sdk",
            calls: [
              { path: "PortOne", args: [] },
              {
                path: "requestIssueBillingKey",
                args: [
                  {
                    storeId: options.storeId,
                    channelKey: options.channelKey,
                    billingKeyMethod: "EASY_PAY", // the only method Toss Pay offers (§3.2)
                    issueName: input.productDescription.slice(0, 100),
                    customer: { customerId: input.providerCustomerId }, // required for Toss Pay
                    redirectUrl: input.successUrl,
                    // Our webhook, so a key approved in a closed window still arrives.
                    noticeUrls: [input.callbackUrl.replace(/\/callback$/, "/webhook")],
                  },
                ],
              },
            ],
          },
          expiresAt: new Date(Date.now() + REGISTRATION_TTL_MS),
        },
      };
    },

    async completeRegistration(input) {
      const billingKey = input.billingKey;
      if (!billingKey || billingKey === "NEEDS_CONFIRMATION") {
        return fail(
          "declined",
          "MISSING_BILLING_KEY",
          "The PortOne window returned no billing key (manual confirmation is not used).",
          REGISTER_AGAIN,
          null,
        );
      }
      const answer = await api.run((sdk) =>
        sdk.payment.billingKey.getBillingKeyInfo({ billingKey }),
      );
      const secrets = [billingKey];
      if (answer.kind !== "ok") {
        const failed = failure(answer, VERBS.completeRegistration, secrets);
        // A key PortOne does not know was never ours to store.
        return failed.outcome === "needs_new_method" ? { ...failed, outcome: "declined" } : failed;
      }
      const info = answer.body;
      const raw = redact(info, secrets);
      if (info.status !== "ISSUED") {
        return fail(
          "declined",
          `BILLING_KEY_${String(info.status)}`,
          `The billing key is ${String(info.status)}, not ISSUED.`,
          REGISTER_AGAIN,
          raw,
        );
      }
      const problem = keyProblem(info, input.providerCustomerId);
      if (problem) {
        return fail(
          "declined",
          "KEY_MISMATCH",
          `Refused the billing key: ${problem}.`,
          REGISTER_AGAIN,
          raw,
        );
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Billing key confirmed ISSUED for customer ${input.providerCustomerId}.`,
        customerMessage: "결제수단이 등록됐어요.",
        raw,
        billingKey,
        method: methodOfBillingKey(info),
      };
    },

    async charge(input) {
      const name = input.payer?.name?.slice(0, 100);
      const email = input.payer?.email?.slice(0, 100);
      const answer = await api.run((sdk) =>
        sdk.payment.payWithBillingKey({
          paymentId: input.orderId,
          billingKey: input.billingKey,
          channelKey: options.channelKey,
          orderName: input.orderName.slice(0, 100),
          amount: {
            total: input.amount,
            taxFree: input.amountTaxFree,
            ...(input.amountVat !== undefined ? { vat: input.amountVat } : {}),
          },
          currency: "KRW",
          // [unconfirmed] Toss Pay needs customer.name for scheduled payments (§3.3); it is sent
          // whenever we know it, with the email for PortOne's notices.
          customer: {
            id: input.customer.providerCustomerId,
            ...(name ? { name: { full: name } } : {}),
            ...(email ? { email } : {}),
          },
          ...(input.installmentMonths ? { installmentMonth: input.installmentMonths } : {}),
        }),
      );
      const secrets = [input.billingKey];
      if (answer.kind !== "ok") return failure(answer, VERBS.charge, secrets);
      const raw = redact(answer.body, secrets);
      const paid = answer.body.payment;
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Charged order ${input.orderId} (pgTxId ${paid.pgTxId ?? "none"}).`,
        customerMessage: "결제가 완료됐어요.",
        raw,
        charge: {
          orderId: input.orderId,
          providerPaymentId: input.orderId,
          providerTransactionId: paid.pgTxId ?? null,
          amount: input.amount,
          approvedAt: parseTime(paid.paidAt),
          receiptUrl: null,
          method: null, // the answer carries none; the key's details come from getMethod
          testMode: mode !== "live",
        },
      };
    },

    async lookUpCharge(input) {
      const answer = await readPayment(input.orderId);
      if (answer.kind === "error" && answer.type === "PAYMENT_NOT_FOUND") {
        return {
          outcome: "not_found",
          code: answer.type,
          merchantMessage: `PortOne has no payment under ${input.orderId}: nothing was charged under it.`,
          customerMessage: "결제 내역이 없어요.",
          raw: redact(answer.raw),
        };
      }
      // A lookup's own error never says the charge failed.
      if (answer.kind !== "ok") return failure(answer, VERBS.lookUpCharge, [], "unknown");
      const payment = answer.body;
      const raw = redact(payment);
      const status = String(payment.status);
      if ("id" in payment && payment.id !== input.orderId) {
        return fail(
          "unknown",
          "ORDER_MISMATCH",
          `PortOne answered about payment ${payment.id}, not ${input.orderId}.`,
          VERBS.lookUpCharge.unknownMessage,
          raw,
        );
      }
      if (status === "FAILED") return failedPayment(input.orderId, payment, raw);
      if (!PAID.has(status) || !("amount" in payment)) {
        return fail(
          "unknown",
          `PAYMENT_${status}`,
          `Payment ${input.orderId} is ${status} at PortOne; it may still complete.`,
          VERBS.lookUpCharge.unknownMessage,
          raw,
        );
      }
      const refunds: ChargeTransaction[] = succeededCancellations(payment).map((c) => ({
        kind: "refund",
        transactionId: c.id,
        amount: c.totalAmount,
        at: parseTime(c.cancelledAt),
      }));
      const charge = chargeOf(input.orderId, payment, payment.amount.total);
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: `Payment ${input.orderId} is ${status}.`,
        customerMessage: "결제가 완료됐어요.",
        raw,
        charge: {
          ...charge,
          refundedAmount: payment.amount.cancelled,
          refundableAmount: payment.amount.total - payment.amount.cancelled,
          transactions: [
            {
              kind: "payment",
              transactionId: charge.providerTransactionId,
              amount: payment.amount.total,
              at: charge.approvedAt,
            },
            ...refunds,
          ],
        },
      };
    },

    async refund(input) {
      const answer = await api.run((sdk) =>
        sdk.payment.cancelPayment({
          paymentId: input.orderId,
          reason: input.reason.slice(0, 200) || "고객 요청 환불",
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(input.amount !== undefined && input.amountTaxFree !== undefined
            ? { taxFreeAmount: input.amountTaxFree }
            : {}),
          // We set each charge's VAT ourselves, and then a partial cancel must say its VAT
          // (Toss Pay caution page, §3.3); the same split as the receipt. The last refund of a
          // charge takes whatever VAT is left, so rounding never leaves a won behind.
          ...(input.amount !== undefined &&
          (input.refundableBefore === undefined || input.amount < input.refundableBefore)
            ? { vatAmount: splitVat(input.amount, input.amountTaxFree ?? 0).vat }
            : {}),
          // The optimistic check (§3.3): a resend of a cancel that already went through meets a
          // changed balance and is refused instead of cancelling twice.
          ...(input.refundableBefore !== undefined
            ? { currentCancellableAmount: input.refundableBefore }
            : {}),
          requester: "ADMIN",
        }),
      );
      if (answer.kind === "ok") {
        const cancellation = answer.body.cancellation;
        const raw = redact(answer.body);
        if (cancellation.status === "SUCCEEDED") {
          const done = cancellation as typeof cancellation & {
            id: string;
            totalAmount: number;
            cancelledAt?: string;
          };
          return {
            outcome: "succeeded",
            code: null,
            merchantMessage: `Refunded ${done.totalAmount} KRW of ${input.orderId} (refund ${input.refundNo}).`,
            customerMessage: "환불이 완료됐어요.",
            raw,
            refund: {
              refundNo: input.refundNo,
              providerTransactionId: done.id,
              refundedAmount: done.totalAmount,
              refundableAmount:
                input.refundableBefore !== undefined
                  ? input.refundableBefore - done.totalAmount
                  : null,
              refundedAt: parseTime(done.cancelledAt),
            },
          };
        }
        return fail(
          cancellation.status === "FAILED" ? "declined" : "unknown",
          `CANCELLATION_${String(cancellation.status)}`,
          `PortOne answered the cancel of ${input.orderId} with ${String(cancellation.status)}.`,
          VERBS.refund.unknownMessage,
          raw,
        );
      }
      if (
        answer.kind === "error" &&
        (answer.type === "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN" ||
          answer.type === "PAYMENT_ALREADY_CANCELLED") &&
        input.refundableBefore !== undefined &&
        input.amount !== undefined
      ) {
        return settleByReading(input.orderId, input.refundNo, input.refundableBefore, input.amount);
      }
      const failed = failure(answer, VERBS.refund);
      // A refund cannot need a new method: the payment, not the key, is refused.
      return failed.outcome === "needs_new_method" ? { ...failed, outcome: "declined" } : failed;
    },

    async getMethod(input) {
      const answer = await api.run((sdk) =>
        sdk.payment.billingKey.getBillingKeyInfo({ billingKey: input.billingKey }),
      );
      const secrets = [input.billingKey];
      if (answer.kind === "error" && KEY_GONE.has(answer.type)) {
        return {
          outcome: "succeeded",
          code: answer.type,
          merchantMessage: `PortOne reports the billing key as gone (${answer.type}).`,
          customerMessage: "등록된 결제수단이 해지됐어요.",
          raw: redact(answer.raw, secrets),
          status: "removed",
          method: null,
        };
      }
      if (answer.kind !== "ok") return failure(answer, VERBS.getMethod, secrets, "unknown");
      const info = answer.body;
      const raw = redact(info, secrets);
      if (info.status === "DELETED") {
        return {
          outcome: "succeeded",
          code: null,
          merchantMessage: "PortOne reports the billing key DELETED.",
          customerMessage: "등록된 결제수단이 해지됐어요.",
          raw,
          status: "removed",
          method: null,
        };
      }
      if (info.status !== "ISSUED") {
        return fail(
          "unknown",
          `BILLING_KEY_${String(info.status)}`,
          `PortOne reports the billing key as ${String(info.status)}.`,
          VERBS.getMethod.unknownMessage,
          raw,
        );
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: "PortOne reports the billing key ISSUED.",
        customerMessage: "결제수단 정보를 불러왔어요.",
        raw,
        status: "active",
        method: methodOfBillingKey(info),
      };
    },

    async removeMethod(input) {
      const answer = await api.run((sdk) =>
        sdk.payment.billingKey.deleteBillingKey({
          billingKey: input.billingKey,
          reason: "고객 요청",
          requester: "CUSTOMER",
        }),
      );
      const secrets = [input.billingKey];
      if (answer.kind === "ok" || (answer.kind === "error" && KEY_GONE.has(answer.type))) {
        const already = answer.kind === "error";
        return {
          outcome: "succeeded",
          code: already ? answer.type : null,
          merchantMessage: already
            ? `Billing key of customer ${input.providerCustomerId} was already deleted (${answer.type}).`
            : `Billing key of customer ${input.providerCustomerId} deleted.`,
          customerMessage: "결제수단을 삭제했어요.",
          raw: redact(answer.kind === "ok" ? answer.body : answer.raw, secrets),
          alreadyRemoved: already,
        };
      }
      return failure(answer, VERBS.removeMethod, secrets);
    },

    async parseEvent(input) {
      // Standard Webhooks (§3.5): the SDK checks the signature over the raw body and the
      // timestamp window (±5 minutes) before anything in it is read.
      let webhook: Awaited<ReturnType<typeof Webhook.verify>>;
      try {
        webhook = await Webhook.verify(
          options.webhookSecret,
          input.rawBody,
          Object.fromEntries(input.headers.entries()),
        );
      } catch (error) {
        const reason =
          error instanceof Webhook.WebhookVerificationError
            ? error.reason
            : error instanceof Error
              ? error.message
              : "unverifiable";
        return { ok: false, reason: `signature: ${reason}`, refuse: true };
      }
      const webhookId = input.headers.get("webhook-id") ?? "";
      const rawType = (webhook as { type?: unknown }).type;
      const type = typeof rawType === "string" ? rawType : "";
      const data = ((webhook as { data?: unknown }).data ?? {}) as Record<string, unknown>;
      const billingKey = typeof data.billingKey === "string" ? data.billingKey : null;
      const orderId = paymentIdSchema.safeParse(data.paymentId).success
        ? (data.paymentId as string)
        : null;
      const eventType = eventTypeOf(type);
      // Which of our customers a key event is about: asked of PortOne (the body names only the
      // key), so a key approved in a window the customer closed still finds its registration.
      let customer = null;
      if (
        billingKey &&
        (eventType === "registration_completed" || eventType === "registration_failed")
      ) {
        const info = await api.run((sdk) =>
          sdk.payment.billingKey.getBillingKeyInfo({ billingKey }),
        );
        const customerId =
          info.kind === "ok" && "customer" in info.body ? info.body.customer.id : undefined;
        if (customerId) customer = { providerCustomerId: customerId };
      }
      return {
        ok: true,
        event: {
          type: eventType,
          providerType: type.slice(0, 100),
          verified: true,
          // Redeliveries keep the webhook-id (Standard Webhooks).
          dedupeKey: `webhook:${webhookId.slice(0, 200)}`,
          occurredAt: parseTime((webhook as { timestamp?: string }).timestamp),
          billingKey,
          customer,
          orderId,
          payload: redact({
            type,
            timestamp: (webhook as { timestamp?: string }).timestamp ?? null,
            storeId: typeof data.storeId === "string" ? data.storeId : null,
            paymentId: orderId,
            transactionId: typeof data.transactionId === "string" ? data.transactionId : null,
            billingKeyFingerprint: billingKey ? fingerprintBillingKey(billingKey) : null,
            providerCustomerId: customer?.providerCustomerId ?? null,
          }),
        },
      };
    },

    // The log keeps the key's fingerprint and the customer, never the key.
    readLoggedEvent(input) {
      const payload = loggedEvent.safeParse(input.payload);
      if (!payload.success) return { ok: false, reason: "the logged payload is not a webhook" };
      return {
        ok: true,
        type: eventTypeOf(input.providerType),
        billingKeyFingerprint: payload.data.billingKeyFingerprint ?? null,
        providerCustomerId: payload.data.providerCustomerId ?? null,
      };
    },
  };

  /**
   * A refused resend of a refund (the balance moved): ours went through if the balance is now
   * exactly what it leaves; anything else is for the admin to check at PortOne.
   */
  async function settleByReading(
    orderId: string,
    refundNo: string,
    refundableBefore: number,
    amount: number,
  ) {
    const read = await readPayment(orderId);
    if (read.kind !== "ok" || !("amount" in read.body)) {
      return failure(
        read.kind === "ok" ? unexpected(read.body) : read,
        VERBS.refund,
        [],
        "unknown",
      );
    }
    const payment = read.body;
    const raw = redact(payment);
    const balance = payment.amount.total - payment.amount.cancelled;
    const ours = succeededCancellations(payment)
      .filter((c) => c.totalAmount === amount)
      .at(-1);
    if (balance === refundableBefore - amount && ours) {
      return {
        outcome: "succeeded" as const,
        code: null,
        merchantMessage: `The cancel of ${orderId} (refund ${refundNo}) had already gone through; PortOne's balance is ${balance} KRW.`,
        customerMessage: "환불이 완료됐어요.",
        raw,
        refund: {
          refundNo,
          providerTransactionId: ours.id,
          refundedAmount: amount,
          refundableAmount: balance,
          refundedAt: parseTime(ours.cancelledAt),
        },
      };
    }
    return fail(
      "unknown",
      "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
      `PortOne's balance for ${orderId} is ${balance} KRW, not ${refundableBefore} before or ${refundableBefore - amount} after this refund: a cancel was made elsewhere (the PortOne console?). Check the payment at PortOne before retrying.`,
      VERBS.refund.unknownMessage,
      raw,
    );
  }
}

const loggedEvent = z.looseObject({
  billingKeyFingerprint: z.string().nullish(),
  providerCustomerId: z.string().nullish(),
});

function parseTime(value: string | undefined | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

type SucceededCancellation = { id: string; totalAmount: number; cancelledAt?: string };

function succeededCancellations(payment: Payment): SucceededCancellation[] {
  const cancellations = "cancellations" in payment ? (payment.cancellations ?? []) : [];
  return cancellations.filter((c) => c.status === "SUCCEEDED");
}

/** FAILED: the payment ended without money moving; its failure (a Toss Pay code) says why. */
function failedPayment(orderId: string, payment: Payment, raw: RawResponse): Failure {
  const failure = (
    payment as { failure?: { reason?: string; pgCode?: string; pgMessage?: string } }
  ).failure;
  const rule = portOneErrorRule("PG_PROVIDER", failure?.pgCode ?? null);
  const outcome: FailureOutcome =
    rule.category === "needs_new_method" || rule.category === "config_error"
      ? rule.category
      : "declined";
  return fail(
    outcome,
    failure?.pgCode ?? "PAYMENT_FAILED",
    `Payment ${orderId} is FAILED: ${failure?.pgMessage ?? failure?.reason ?? "no reason given"}.`,
    rule.known ? rule.customerMessage : "결제가 승인되지 않았어요. 결제수단을 확인해 주세요.",
    raw,
  );
}

function unexpected(body: unknown): Extract<NotOk, { kind: "unreachable" }> {
  return {
    kind: "unreachable",
    reason: "invalid_response",
    httpStatus: null,
    detail: "the payment has no amount",
    raw: body,
  };
}

type NotOk = Exclude<PortOneAnswer<unknown>, { kind: "ok" }>;

function failure(
  answer: NotOk,
  verb: Verb,
  secrets: ReadonlyArray<string | null | undefined> = [],
  categoryOverride?: FailureOutcome,
): Failure {
  if (answer.kind === "unreachable") {
    return unreachableFailure(answer, { provider: "PortOne", ...verb }, secrets);
  }
  const rule = portOneErrorRule(answer.type, answer.pgCode);
  const category = categoryOverride ?? rule.category;
  const customerMessage = errorCustomerMessage(category, rule, rule.known, verb.unknownMessage);
  const pg = answer.pgCode
    ? ` (pgCode ${answer.pgCode}${answer.pgMessage ? `: "${answer.pgMessage}"` : ""})`
    : "";
  const detail = answer.message ? `${answer.type}: "${answer.message}"` : answer.type;
  return fail(
    category,
    answer.type === "PG_PROVIDER" && answer.pgCode ? answer.pgCode : answer.type,
    `PortOne ${verb.name} failed: ${detail}${pg}. ${rule.known ? rule.meaning : "This type is not in our table (PortOne adds types without notice)."}`,
    customerMessage,
    redact(answer.raw, secrets),
  );
}
