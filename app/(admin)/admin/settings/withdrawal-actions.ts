"use server";

import { revalidatePath } from "next/cache";
import type { SettingsAction } from "@/components/admin/settings/settings-form";
import { updateWithdrawalPolicy } from "@/lib/admin/update-withdrawal-policy";
import { requireAdmin } from "@/lib/auth/guards";
import { saveSettingsForm } from "./save-settings-form";

export const updateWithdrawalPolicyAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveSettingsForm(admin.id, formData, {
    label: "updateWithdrawalPolicy",
    save: updateWithdrawalPolicy,
    // The customer's cancel page offers 청약철회 under this policy.
    revalidate: () => {
      revalidatePath("/admin/settings");
      revalidatePath("/account/cancel");
    },
    saved: "저장했어요. 고객의 해지 화면에 바로 반영돼요.",
  });
};
