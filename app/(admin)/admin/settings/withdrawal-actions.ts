"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { SettingsAction } from "@/components/admin/settings/settings-form";
import { failedWith, succeeded } from "@/lib/forms/form-result";
import { updateWithdrawalPolicy } from "@/lib/admin/update-withdrawal-policy";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";

function textFields(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

export const updateWithdrawalPolicyAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const values = textFields(formData);
  try {
    await updateWithdrawalPolicy({ userId: admin.id, ip: clientIpFrom(await headers()) }, values);
  } catch (error) {
    return { ...failedWith(error, "[admin] updateWithdrawalPolicy"), values };
  }
  revalidatePath("/admin/settings");
  revalidatePath("/account/cancel");
  return succeeded("저장했어요. 고객의 해지 화면에 바로 반영돼요.");
};
