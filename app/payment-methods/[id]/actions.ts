"use server";

import { formatPlanPrice } from "@/lib/format";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormResult } from "@/lib/forms/form-result";
import { consentField, parseConsentForm } from "@/components/payment-methods/consent-field";
import { requireUser } from "@/lib/auth/guards";
import { chargeOutstandingPeriod } from "@/lib/billing/charge-outstanding-period";
import { AppError, userMessageOf } from "@/lib/errors";
import { methodChoiceField } from "@/components/payment-methods/method-choices";
import { chooseProvider } from "@/lib/payment-methods/choose-provider";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import { findOwnMethod } from "@/lib/payment-methods/find-own-method";
import { cancelRegistration as cancelRegistrationFor } from "@/lib/payment-methods/cancel-registration";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import { confirmPaidStart as confirmPaidStartFor } from "@/lib/subscriptions/confirm-paid-start";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { headers } from "next/headers";

const methodIdSchema = z.object({ methodId: z.uuid() });
const restartSchema = z.object({
  methodId: z.uuid().optional(),
  // The provider, and the kind where it registers several (method-choices.ts).
  choice: methodChoiceField.optional(),
  consent: consentField,
  // A checkout's agreement as the page showed it (checkout-consent.ts compares it).
  consentText: z.string().max(2000).optional(),
});
const paidStartSchema = z.object({
  methodId: z.uuid(),
  consent: consentField,
  consentText: z.string().min(1).max(2000),
});

const REFRESH_AND_RETRY_MESSAGE = "화면을 새로고침한 뒤 다시 시도해 주세요.";
const REFRESH_AND_RETRY: FormResult = { status: "error", message: REFRESH_AND_RETRY_MESSAGE };

/** The signed-in customer (sent to sign in and back otherwise) and the registration named. */
async function ownRequest(formData: FormData) {
  const user = await requireUser({ callbackUrl: callbackFor(formData) });
  const parsed = methodIdSchema.safeParse(Object.fromEntries(formData));
  return { user, methodId: parsed.success ? parsed.data.methodId : null };
}

function callbackFor(formData: FormData): string {
  const parsed = methodIdSchema.safeParse(Object.fromEntries(formData));
  return parsed.success ? `/payment-methods/${parsed.data.methodId}` : "/account";
}

/**
 * 다시 결제 시도: the first charge of the customer's subscription was declined and it is still
 * waiting for its first payment. Charges the outstanding period once more with the method
 * that was just linked (at most one attempt per period can be live, so a double click is safe).
 */
export async function retryFirstCharge(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const { user, methodId } = await ownRequest(formData);
  if (!methodId) return REFRESH_AND_RETRY;

  const { subscription, method } = await getAccountOverview(user.id);
  if (
    !subscription ||
    subscription.status !== "incomplete" ||
    !method ||
    method.id !== methodId ||
    subscription.paymentMethodId !== method.id
  ) {
    return {
      status: "error",
      message: "지금은 다시 결제할 수 없어요. 화면을 새로고침해 주세요.",
    };
  }

  try {
    const outcome = await chargeOutstandingPeriod(subscription.id);
    revalidatePath("/account");
    switch (outcome.kind) {
      case "settled":
        if (outcome.result === "succeeded") return { status: "success", message: "결제했어요." };
        if (outcome.result === "unknown") {
          return { status: "success", message: "결제 결과를 확인하고 있어요." };
        }
        return {
          status: "error",
          message: outcome.attempt.customerMessage ?? "이번에도 결제하지 못했어요.",
        };
      case "in_flight":
        return { status: "success", message: "이미 결제를 진행하고 있어요. 잠시만 기다려 주세요." };
      case "handled":
      case "skipped":
        return {
          status: "error",
          message: "지금은 다시 결제할 수 없어요. 화면을 새로고침해 주세요.",
        };
    }
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[payment-methods] retry charge failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
}

/**
 * 등록 취소: the customer stops a registration they have not approved. The waiting page polls
 * right after, so it shows what happened (cancelled, or the approval that beat the click).
 */
export async function cancelRegistration(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const { user, methodId } = await ownRequest(formData);
  if (!methodId) return REFRESH_AND_RETRY;
  try {
    const outcome = await cancelRegistrationFor(user.id, methodId);
    revalidatePath("/account");
    switch (outcome.kind) {
      case "cancelled":
        return { status: "success", message: "등록을 취소했어요." };
      case "already_active":
        return { status: "success", message: "취소하기 전에 승인이 끝나 등록됐어요." };
      case "already_ended":
        return { status: "success", message: "이미 끝난 등록이에요." };
      case "unknown":
        return {
          status: "error",
          message:
            "지금은 등록 상태를 확인하지 못했어요. 잠시 후 다시 눌러 주세요. 승인하지 않았다면 결제되지 않아요.",
        };
      case "not_found":
        return { status: "error", message: "등록을 찾지 못했어요. 화면을 새로고침해 주세요." };
    }
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[payment-methods] cancel failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
}

/**
 * Starts a new registration after a cancelled, expired or failed one, a declined first
 * charge, or to change the method (the account page uses it too). A subscription still waiting
 * for its first payment goes through checkout again for the same plan; a running one gets a
 * new method that replaces the old one once it is active.
 */
export async function startNewRegistration(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: callbackFor(formData) });
  const parsed = parseConsentForm(restartSchema, formData, REFRESH_AND_RETRY_MESSAGE);
  if (!parsed.ok) return parsed.result;

  const { subscription } = await getAccountOverview(user.id);
  if (!subscription || subscription.status === "canceled") {
    return {
      status: "error",
      message: "이용 중인 구독이 없어요. 요금제 페이지에서 구독을 다시 시작해 주세요.",
    };
  }

  let methodId: string;
  try {
    // Restarting from a registration page without a choice: the same provider as that one.
    const { choice } = parsed.data;
    const restarted =
      !choice && parsed.data.methodId ? await findOwnMethod(user.id, parsed.data.methodId) : null;
    const provider = await chooseProvider(choice?.provider ?? restarted?.provider);
    const kind = choice?.method;
    const method =
      subscription.status === "incomplete"
        ? (
            await startCheckout({
              userId: user.id,
              planSlug: subscription.plan.slug,
              provider,
              method: kind,
              consentText: parsed.data.consentText,
            })
          ).method
        : await startRegistration({
            userId: user.id,
            provider,
            method: kind,
            subscriptionId: subscription.id,
            amount: subscription.priceAmount,
            productDescription: `${subscription.plan.name} ${formatPlanPrice({
              ...subscription.plan,
              amount: subscription.priceAmount,
            })} 자동결제 결제수단 변경`,
          });
    methodId = method.id;
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[payment-methods] registration failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
  redirect(`/payment-methods/${methodId}`);
}

/**
 * 유료로 시작하기: the linked instrument already had its free trial elsewhere; the customer read
 * the amount and the days, ticked the agreement and starts paying now (confirm-paid-start.ts).
 */
export async function confirmPaidStart(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: callbackFor(formData) });
  const parsed = parseConsentForm(paidStartSchema, formData, REFRESH_AND_RETRY_MESSAGE);
  if (!parsed.ok) return parsed.result;
  try {
    const outcome = await confirmPaidStartFor({
      userId: user.id,
      consentText: parsed.data.consentText,
      ip: clientIpFrom(await headers()),
    });
    revalidatePath("/account");
    if (
      outcome.kind === "settled" &&
      outcome.result !== "succeeded" &&
      outcome.result !== "unknown"
    ) {
      return {
        status: "error",
        message:
          outcome.attempt.customerMessage ?? "결제하지 못했어요. 다른 결제수단을 등록해 주세요.",
      };
    }
    return { status: "success", message: "유료로 시작했어요." };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[payment-methods] paid start failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
}
