import type { RegistrationStatus } from "@/lib/payment-methods/registration-status";

// GET /api/payment-methods/:id/status as the waiting page reads it: checked field by field,
// never trusted as is, and tolerant of fields added later. Written out rather than with zod:
// this runs in the browser, where zod's core alone is about 20 KB compressed (the bundler keeps
// all of it, zod/mini too), more than the rest of the waiting page's own code.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string";
const isTextOrNull = (value: unknown): value is string | null => value === null || isText(value);
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const oneOf =
  <T extends string>(...values: T[]) =>
  (value: unknown): value is T =>
    (values as unknown[]).includes(value);

const isState = oneOf("pending", "active", "failed", "expired", "cancelled");
const isChargeStatus = oneOf("pending", "unknown", "succeeded", "failed");

/** null for null, what `read` made of an object, or undefined when it is neither (not valid). */
function nullableObject<T>(value: unknown, read: (object: Json) => T | null): T | null | undefined {
  if (value === null) return null;
  return isObject(value) ? (read(value) ?? undefined) : undefined;
}

/** The status answer, or null when the body is not one (the caller treats it as a failure). */
export function parseRegistrationStatus(body: unknown): RegistrationStatus | null {
  if (!isObject(body)) return null;
  const { state, expiresAt, failureMessage } = body;
  if (!isState(state) || !isTextOrNull(expiresAt) || !isTextOrNull(failureMessage)) return null;
  const subscription = nullableObject(body.subscription, (s) =>
    isText(s.status) &&
    isTextOrNull(s.trialEnd) &&
    isTextOrNull(s.nextChargeAt) &&
    isInteger(s.amount)
      ? { status: s.status, trialEnd: s.trialEnd, nextChargeAt: s.nextChargeAt, amount: s.amount }
      : null,
  );
  const paidStartOffer = nullableObject(body.paidStartOffer, (o) =>
    isInteger(o.amount) && isText(o.consentText)
      ? { amount: o.amount, consentText: o.consentText }
      : null,
  );
  const charge = nullableObject(body.charge, (c) =>
    isChargeStatus(c.status) &&
    isInteger(c.amount) &&
    isTextOrNull(c.receiptUrl) &&
    isTextOrNull(c.message)
      ? { status: c.status, amount: c.amount, receiptUrl: c.receiptUrl, message: c.message }
      : null,
  );
  if (subscription === undefined || paidStartOffer === undefined || charge === undefined) {
    return null;
  }
  return { state, expiresAt, failureMessage, subscription, paidStartOffer, charge };
}

/**
 * Whether the registration was started to subscribe (the first link of a new subscription) or
 * to change the method of a subscription that was already running.
 */
export type RegistrationPurpose = "checkout" | "change";

export type RegistrationView =
  | { kind: "waiting" }
  | { kind: "trial"; trialEnd: string | null; amount: number | null }
  | {
      kind: "paid";
      amount: number;
      receiptUrl: string | null;
      // The next automatic charge, as the engine scheduled it.
      next: { at: string; amount: number } | null;
    }
  // The instrument already had its trial: waits for 유료로 시작하기 (nothing charged yet).
  | { kind: "paid_start"; amount: number; consentText: string }
  | { kind: "charging" }
  | { kind: "declined"; message: string | null; amount: number; canRetry: boolean }
  | { kind: "linked" }
  | { kind: "failed"; message: string }
  | { kind: "cancelled" }
  | { kind: "expired"; message: string };

const OWES_A_PERIOD = new Set(["incomplete", "past_due", "unpaid"]);

/** What the waiting page shows for a status answer. */
export function registrationView(
  status: RegistrationStatus,
  purpose: RegistrationPurpose,
): RegistrationView {
  switch (status.state) {
    case "pending":
      return { kind: "waiting" };
    case "failed":
      return {
        kind: "failed",
        message: status.failureMessage ?? "결제수단을 등록하지 못했어요. 다시 시도해 주세요.",
      };
    case "cancelled":
      return { kind: "cancelled" };
    case "expired":
      return {
        kind: "expired",
        message: status.failureMessage ?? "등록 시간이 지났어요. 다시 시도해 주세요.",
      };
    case "active":
      break;
  }
  const { subscription, charge, paidStartOffer } = status;
  if (purpose === "checkout" && subscription?.status === "trialing") {
    return { kind: "trial", trialEnd: subscription.trialEnd, amount: subscription.amount };
  }
  if (paidStartOffer && subscription?.status === "incomplete") {
    return { kind: "paid_start", ...paidStartOffer };
  }
  if (charge?.status === "succeeded") {
    return {
      kind: "paid",
      amount: charge.amount,
      receiptUrl: charge.receiptUrl,
      next:
        subscription?.nextChargeAt && subscription.status === "active"
          ? { at: subscription.nextChargeAt, amount: subscription.amount }
          : null,
    };
  }
  if (charge?.status === "failed") {
    return {
      kind: "declined",
      message: charge.message,
      amount: charge.amount,
      // A declined first charge may be retried from here; later periods follow the dunning
      // schedule (docs/billing.md), so the customer re-links instead.
      canRetry: subscription?.status === "incomplete",
    };
  }
  if (charge || (subscription && OWES_A_PERIOD.has(subscription.status))) {
    return { kind: "charging" };
  }
  return { kind: "linked" };
}

/** Views that can still change without the customer doing anything. */
export function isSettled(view: RegistrationView): boolean {
  // A paid-start offer keeps polling: once confirmed, the first charge follows on this page.
  return view.kind !== "waiting" && view.kind !== "charging" && view.kind !== "paid_start";
}
