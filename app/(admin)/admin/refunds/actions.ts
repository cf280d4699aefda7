"use server";

import {
  refundResultStatus,
  type RefundFormState,
} from "@/components/admin/charges/refund-form-state";
import { runAdminAction } from "@/lib/admin/run-admin-action";
import { requireAdmin } from "@/lib/auth/guards";
import type { FormAction } from "@/lib/forms/form-result";
import { retryRefund } from "@/lib/refunds/refund-charge";

/** "다시 시도" on a pending or unknown refund: re-sends it with its own refundNo. */
export const retryRefundAction: FormAction<RefundFormState> = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/refunds" });
  return runAdminAction(admin, formData, {
    idField: "refundId",
    notFound: "환불 정보를 찾을 수 없어요.",
    context: "retryRefund",
    revalidate: () => ["/admin/refunds", "/admin/charges"],
    run: async (actor, refundId) => {
      const { refund, message } = await retryRefund({
        refundId,
        actorUserId: actor.userId,
        ip: actor.ip,
      });
      return { status: refundResultStatus(refund.status), message, refundNo: refund.refundNo };
    },
  });
};
