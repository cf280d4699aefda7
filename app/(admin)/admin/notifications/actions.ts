"use server";

import { headers } from "next/headers";
import { z } from "zod";
import type { ResendNotificationState } from "@/components/admin/notifications/resend-notification-form";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError, userMessageOf } from "@/lib/errors";
import { resendNotification } from "@/lib/notifications/resend-notification";

/** "다시 보내기" on a failed or unsent notification in the outbox. */
export async function resendNotificationAction(
  _previous: ResendNotificationState,
  formData: FormData,
): Promise<ResendNotificationState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/notifications" });
  const parsed = z
    .object({ notificationId: z.uuid() })
    .safeParse({ notificationId: formData.get("notificationId") });
  if (!parsed.success) return { status: "error", message: "알림을 찾을 수 없어요." };

  try {
    const result = await resendNotification(parsed.data.notificationId, {
      userId: admin.id,
      ip: clientIpFrom(await headers()),
    });
    // No revalidatePath: the page would re-render this row as pending (the pass runs after the
    // response) and drop the form with its answer; the admin reloads to see the outcome.
    if (!result.emailConfigured) {
      return {
        status: "warning",
        message:
          "발송 대기로 돌려놨지만, 메일 발송(SMTP_URL)이 설정되지 않아 고객에게 메일이 가지 않아요. 설정한 뒤 다시 보내 주세요.",
      };
    }
    return { status: "queued", message: "다시 보낼게요. 잠시 뒤 새로고침하면 발송 결과가 보여요." };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("notification resend failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
}
