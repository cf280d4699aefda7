"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/components/payment-methods/action-result";
import { CANCELLATION_REASONS } from "@/components/account/cancellation-reasons";
import { requireUser } from "@/lib/auth/guards";
import { AppError, userMessageOf } from "@/lib/errors";
import { removeMethod } from "@/lib/payment-methods/remove-method";
import { cancelSubscription, resumeSubscription } from "@/lib/subscriptions/change-cancellation";

// The customer's own changes on /account. Each action authorizes the signed-in user, calls one
// lib function with that user's id (never an id of another customer's row), and re-renders
// the page.

const cancelSchema = z.object({
  reason: z.enum(CANCELLATION_REASONS).catch("unspecified"),
});
const removeSchema = z.object({ methodId: z.uuid() });

async function run(work: () => Promise<unknown>, done: string): Promise<ActionResult> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[account] action failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
  revalidatePath("/account");
  return { status: "done", message: done };
}

export async function cancelAtPeriodEnd(
  _previous: ActionResult,
  formData: FormData,
): Promise<ActionResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  const { reason } = cancelSchema.parse(Object.fromEntries(formData));
  // The engine decides: a paid or trialing period runs to its end; anything else ends now.
  return run(
    () =>
      cancelSubscription({
        userId: user.id,
        atPeriodEnd: true,
        actor: `customer:${user.id}`,
        reason: `customer: ${reason}`,
      }),
    "구독을 해지했어요.",
  );
}

export async function resume(_previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  const user = await requireUser({ callbackUrl: "/account" });
  return run(
    () => resumeSubscription({ userId: user.id, actor: `customer:${user.id}` }),
    "해지를 취소했어요. 구독이 계속돼요.",
  );
}

export async function removePaymentMethod(
  _previous: ActionResult,
  formData: FormData,
): Promise<ActionResult> {
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
