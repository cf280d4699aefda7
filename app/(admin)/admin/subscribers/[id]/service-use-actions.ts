"use server";

import { recordServiceUse } from "@/lib/admin/record-service-use";
import { runAdminAction } from "@/lib/admin/run-admin-action";
import { requireAdmin } from "@/lib/auth/guards";
import { succeeded, type FormAction } from "@/lib/forms/form-result";

export const recordServiceUseAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return runAdminAction(admin, formData, {
    idField: "subscriptionId",
    notFound: "구독을 찾을 수 없어요.",
    context: "recordServiceUse",
    revalidate: (id) => [`/admin/subscribers/${id}`],
    run: async (actor, id, fields) => {
      const used = fields.used === "true";
      await recordServiceUse(actor, id, used);
      return succeeded(
        used
          ? "이용 기록을 남겼어요."
          : "이용 기록을 지웠어요. 청약철회 기간 안이면 다시 철회할 수 있어요.",
      );
    },
  });
};
