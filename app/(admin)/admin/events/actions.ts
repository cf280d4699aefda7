"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { ReprocessState } from "@/components/admin/events/reprocess-event-form";
import { reprocessEventAsAdmin } from "@/lib/admin/events-reprocess";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError, userMessageOf } from "@/lib/errors";

/** "다시 처리" on a provider event. */
export async function reprocessEventAction(
  _previous: ReprocessState,
  formData: FormData,
): Promise<ReprocessState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/events" });
  const parsed = z.object({ eventId: z.uuid() }).safeParse({ eventId: formData.get("eventId") });
  if (!parsed.success) return { status: "error", message: "이벤트를 찾을 수 없어요." };

  try {
    const result = await reprocessEventAsAdmin(parsed.data.eventId, {
      userId: admin.id,
      ip: clientIpFrom(await headers()),
    });
    revalidatePath("/admin/events");
    // The processing ran but could not act on the event (it no longer parses, or it failed).
    if (/^(rejected|error):/.test(result.outcome)) {
      return { status: "error", message: `다시 처리하지 못했어요. 결과: ${result.outcome}` };
    }
    return { status: "done", message: `다시 처리했어요. 결과: ${result.outcome}` };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("event reprocess failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
}
