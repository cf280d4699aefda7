"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { FormResult } from "@/lib/forms/form-result";
import { CANCELLATION_REASONS } from "@/components/account/cancellation-reasons";
import { customerActor } from "@/lib/audit/actor";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireUser } from "@/lib/auth/guards";
import { respondToConsent } from "@/lib/billing/respond-to-consent";
import { cancelScheduledPlanChange } from "@/lib/billing/cancel-scheduled-plan-change";
import { changePlan } from "@/lib/billing/change-plan";
import { AppError, userMessageOf } from "@/lib/errors";
import { planChangeResult } from "./plan-change-result";
import { removeMethod } from "@/lib/payment-methods/remove-method";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { resumeSubscription } from "@/lib/subscriptions/resume-subscription";

// The customer's own changes on /account. Each action authorizes the signed-in user, calls one
// lib function with that user's id (never an id of another customer's row), and re-renders
// the page.

const cancelSchema = z.object({
  reason: z.enum(CANCELLATION_REASONS).catch("unspecified"),
});
const removeSchema = z.object({ methodId: z.uuid() });
const consentSchema = z.object({ consentId: z.uuid() });
const planSchema = z.object({ planId: z.uuid() });
const STALE_PAGE = "화면을 새로고침한 뒤 다시 시도해 주세요.";

async function run<T>(
  work: () => Promise<T>,
  done: string | ((value: T) => FormResult),
): Promise<FormResult> {
  let value: T;
  try {
    value = await work();
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[account] action failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
  revalidatePath("/account");
  return typeof done === "string" ? { status: "success", message: done } : done(value);
}

export async function cancelAtPeriodEnd(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  const { reason } = cancelSchema.parse(Object.fromEntries(formData));
  // The engine decides: a paid or trialing period runs to its end; anything else ends now.
  return run(
    () =>
      cancelSubscription(
        { userId: user.id },
        { actor: customerActor(user.id), atPeriodEnd: true, reason: `customer: ${reason}` },
      ),
    "구독을 해지했어요.",
  );
}

export async function resume(_previous: FormResult, _formData: FormData): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  return run(
    () => resumeSubscription({ userId: user.id, actor: customerActor(user.id) }),
    "해지를 취소했어요. 구독이 계속돼요.",
  );
}

export async function removePaymentMethod(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  const parsed = removeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return { status: "error", message: "화면을 새로고침한 뒤 다시 시도해 주세요." };
  return run(
    () =>
      removeMethod({
        userId: user.id,
        methodId: parsed.data.methodId,
        actor: `customer:${user.id}`,
      }),
    "결제수단을 삭제했어요.",
  );
}

/** The law asks who answered, when and how: the answer is kept with its IP and browser. */
async function requestOrigin(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return {
    // Only an address a trusted proxy set (Vercel, or TRUSTED_PROXY_IP_HEADER): a forged
    // X-Forwarded-For must not become evidence of who consented.
    ip: clientIpFrom(h),
    userAgent: h.get("user-agent")?.slice(0, 500) ?? null,
  };
}

async function answerConsent(formData: FormData, accept: boolean): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  const parsed = consentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: STALE_PAGE };
  const origin = await requestOrigin();
  // respondToConsent refuses a consent of another user ("동의 요청을 찾을 수 없어요.").
  return run(
    () =>
      respondToConsent({
        consentId: parsed.data.consentId,
        userId: user.id,
        accept,
        channel: "web",
        ...origin,
      }),
    accept ? "동의했어요. 기한 전까지는 언제든 철회할 수 있어요." : "거절했어요.",
  );
}

export async function acceptConsent(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  return answerConsent(formData, true);
}

export async function declineConsent(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  return answerConsent(formData, false);
}

export async function changeToPlan(_previous: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  const parsed = planSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: STALE_PAGE };
  // A declined upgrade is an answer, not an error: its Korean reason is shown in the dialog.
  return run(
    () => changePlan({ userId: user.id, planId: parsed.data.planId, actor: `customer:${user.id}` }),
    planChangeResult,
  );
}

export async function cancelPlanChange(
  _previous: FormResult,
  _formData: FormData,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  return run(
    () => cancelScheduledPlanChange({ userId: user.id, actor: `customer:${user.id}` }),
    "예약된 요금제 변경을 취소했어요.",
  );
}
