"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { RetryRefundState } from "@/components/admin/refunds/retry-refund-form";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError, userMessageOf } from "@/lib/errors";
import { retryRefund } from "@/lib/refunds/refund-charge";

/** "다시 시도" on a pending or unknown refund: re-sends it with its own refundNo. */
export async function retryRefundAction(
  _previous: RetryRefundState,
  formData: FormData,
): Promise<RetryRefundState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/refunds" });
  const parsed = z.object({ refundId: z.uuid() }).safeParse({ refundId: formData.get("refundId") });
  if (!parsed.success) return { status: "invalid", message: "환불 정보를 찾을 수 없어요." };

  try {
    const outcome = await retryRefund({
      refundId: parsed.data.refundId,
      actorUserId: admin.id,
      ip: clientIpFrom(await headers()),
    });
    revalidatePath("/admin/refunds");
    revalidatePath("/admin/charges");
    return { status: outcome.refund.status, message: outcome.message };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("refund retry failed", error);
    return { status: "invalid", message: userMessageOf(error) };
  }
}
