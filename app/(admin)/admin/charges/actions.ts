"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { failed, failedWith, type FormAction } from "@/lib/forms/form-result";
import { refundCharge } from "@/lib/refunds/refund-charge";
import {
  refundResultStatus,
  type RefundFormState,
} from "@/components/admin/charges/refund-form-state";

const refundForm = z.object({
  chargeAttemptId: z.uuid(),
  // Typed by a person: "9,900", "9900", "9,900원" (or a pasted "₩9,900") mean 9,900 won.
  amount: z
    .string()
    .transform((text) => text.replace(/[\s,₩원]/g, ""))
    .pipe(z.string().regex(/^\d{1,12}$/, "환불 금액은 숫자(원 단위)로 입력해 주세요."))
    .transform(Number),
  reason: z
    .string()
    .trim()
    .min(1, "환불 사유를 입력해 주세요.")
    .max(200, "환불 사유는 200자까지 적을 수 있어요."),
});

/** The refund dialog on the charge list: refunds all or part of a succeeded charge. */
export const refundChargeAction: FormAction<RefundFormState> = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/charges" });
  const parsed = refundForm.safeParse({
    chargeAttemptId: formData.get("chargeAttemptId"),
    amount: formData.get("amount") ?? "",
    reason: formData.get("reason") ?? "",
  });
  if (!parsed.success) {
    return failed(parsed.error.issues[0]?.message ?? "입력을 확인해 주세요.");
  }

  try {
    const outcome = await refundCharge({
      ...parsed.data,
      actorUserId: admin.id,
      ip: clientIpFrom(await headers()),
    });
    revalidatePath("/admin/charges");
    revalidatePath("/admin/refunds");
    return {
      status: refundResultStatus(outcome.refund.status),
      message: outcome.message,
      refundNo: outcome.refund.refundNo,
    };
  } catch (error) {
    return failedWith(error, "[admin] refundCharge");
  }
};
