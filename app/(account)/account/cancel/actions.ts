"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormResult } from "@/lib/forms/form-result";
import { requireUser } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { AppError, userMessageOf } from "@/lib/errors";
import { formatKRW } from "@/lib/format";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { cancelNowWithRefund } from "@/lib/subscriptions/cancel-now-with-refund";
import type { CancellationWithRefund } from "@/lib/subscriptions/cancel-with-refund";
import { withdrawSubscription } from "@/lib/subscriptions/withdraw-subscription";

// /account/cancel's two ways to end a subscription now with money back. Each authorizes the
// signed-in user, and the lib function refuses a subscription that is not theirs. The amount
// the customer saw comes back with the form: if it changed (the day turned), nothing happens.

const confirmSchema = z.object({
  subscriptionId: z.uuid(),
  expectedAmount: z.coerce.number().int().min(1).max(1_000_000_000),
});
// A person confirms this a few times at most; the limit only stops a script.
const CONFIRM_LIMIT = { name: "account-cancel:user", limit: 10, windowMs: 60 * 60_000 };
const STALE_PAGE = "화면을 새로고침한 뒤 다시 시도해 주세요.";

async function confirm(
  formData: FormData,
  work: (input: {
    subscriptionId: string;
    userId: string;
    expectedAmount: number;
  }) => Promise<CancellationWithRefund>,
): Promise<FormResult> {
  const user = await requireUser({ callbackUrl: "/account/cancel" });
  const parsed = confirmSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: STALE_PAGE };
  let result: CancellationWithRefund;
  try {
    const decision = await consumeRateLimit(db(), CONFIRM_LIMIT, user.id);
    if (!decision.allowed) {
      return { status: "error", message: "요청이 너무 많아요. 잠시 뒤 다시 시도해 주세요." };
    }
    result = await work({ ...parsed.data, userId: user.id });
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[account] cancel with refund failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
  revalidatePath("/account");
  revalidatePath("/account/cancel");
  return { status: "success", message: `${formatKRW(result.amount)} 환불을 요청했어요.` };
}

export async function withdraw(_previous: FormResult, formData: FormData): Promise<FormResult> {
  return confirm(formData, withdrawSubscription);
}

export async function cancelNowRefund(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  return confirm(formData, cancelNowWithRefund);
}
