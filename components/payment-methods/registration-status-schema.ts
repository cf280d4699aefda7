import { z } from "zod";
import type { RegistrationStatus } from "@/lib/payment-methods/registration-status";

// In the browser, under proxy.ts's CSP without 'unsafe-eval': zod's compiled fast path first
// probes `new Function`, which the browser refuses and reports as a CSP violation even though
// zod catches it. Only in the browser: the server keeps the faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

// GET /api/payment-methods/:id/status as the waiting page reads it: parsed, never trusted as
// is, and tolerant of fields added later.
export const registrationStatusSchema = z.object({
  state: z.enum(["pending", "active", "failed", "expired", "cancelled"]),
  expiresAt: z.string().nullable(),
  failureMessage: z.string().nullable(),
  subscription: z
    .object({
      status: z.string(),
      trialEnd: z.string().nullable(),
      nextChargeAt: z.string().nullable(),
      amount: z.number().int(),
    })
    .nullable(),
  paidStartOffer: z.object({ amount: z.number().int(), consentText: z.string() }).nullable(),
  charge: z
    .object({
      status: z.enum(["pending", "unknown", "succeeded", "failed"]),
      amount: z.number().int(),
      receiptUrl: z.string().nullable(),
      message: z.string().nullable(),
    })
    .nullable(),
}) satisfies z.ZodType<RegistrationStatus>;

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
