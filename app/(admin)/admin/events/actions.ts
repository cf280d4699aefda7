"use server";

import { outcomeLabel } from "@/lib/admin/event-labels";
import { reprocessEventAsAdmin } from "@/lib/admin/events-reprocess";
import { runAdminAction } from "@/lib/admin/run-admin-action";
import { requireAdmin } from "@/lib/auth/guards";
import { failed, succeeded, type FormAction } from "@/lib/forms/form-result";

/** "다시 처리" on a provider event. */
export const reprocessEventAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/events" });
  return runAdminAction(admin, formData, {
    idField: "eventId",
    notFound: "이벤트를 찾을 수 없어요.",
    context: "reprocessEvent",
    revalidate: () => ["/admin/events"],
    run: async (actor, eventId) => {
      const { outcome } = await reprocessEventAsAdmin(eventId, actor);
      // In Korean, with the sentence processing wrote for whoever debugs it (also under 자세히).
      const result = outcomeLabel(outcome)?.text ?? outcome;
      // The processing ran but could not act on the event (it no longer parses, or it failed).
      return /^(rejected|error):/.test(outcome)
        ? failed(`다시 처리하지 못했어요. 결과: ${result} (${outcome})`)
        : succeeded(`다시 처리했어요. 결과: ${result}`);
    },
  });
};
