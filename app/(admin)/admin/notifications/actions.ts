"use server";

import { runAdminAction } from "@/lib/admin/run-admin-action";
import { requireAdmin } from "@/lib/auth/guards";
import type { FormAction } from "@/lib/forms/form-result";
import { resendNotification } from "@/lib/notifications/resend-notification";

/** "다시 보내기" on a failed or unsent notification in the outbox. */
export const resendNotificationAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/notifications" });
  // No revalidate: the page would re-render this row as pending (the pass runs after the
  // response) and drop the form with its answer; the admin reloads to see the outcome.
  return runAdminAction(admin, formData, {
    idField: "notificationId",
    notFound: "알림을 찾을 수 없어요.",
    context: "resendNotification",
    run: async (actor, notificationId) => {
      const result = await resendNotification(notificationId, actor);
      if (!result.emailConfigured) {
        return {
          status: "warning",
          message:
            "발송 대기로 돌려놨지만, 메일 발송(SMTP_URL)이 설정되지 않아 고객에게 메일이 가지 않아요. 설정한 뒤 다시 보내 주세요.",
        };
      }
      return {
        status: "success",
        message: "다시 보낼게요. 잠시 뒤 새로고침하면 발송 결과가 보여요.",
      };
    },
  });
};
