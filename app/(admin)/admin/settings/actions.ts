"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { SettingsFormState } from "@/components/admin/settings/settings-form-state";
import { failedWith, succeeded } from "@/lib/forms/form-result";
import type { AdminActor } from "@/lib/admin/admin-actor";
import { updateBillingPolicy } from "@/lib/admin/update-billing-policy";
import { enabledProvidersFromForm } from "@/lib/admin/settings-input";
import { updateBusinessInfo } from "@/lib/admin/update-business-info";
import { updateEnabledProviders } from "@/lib/admin/update-enabled-providers";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";

// The settings page's forms. Each authorizes, hands the typed values to one lib/admin
// function (which validates and audits), and returns the values so a refused form keeps them.

function textFields(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

/** Saves one form through `save`; a refused form gets its values back to show them again. */
async function saveForm(
  userId: string,
  formData: FormData,
  label: string,
  save: (admin: AdminActor, values: Record<string, string>) => Promise<unknown>,
): Promise<SettingsFormState | null> {
  const values = textFields(formData);
  try {
    await save({ userId, ip: clientIpFrom(await headers()) }, values);
  } catch (error) {
    return { ...failedWith(error, `[admin] ${label}`), values };
  }
  return null;
}

export async function updateBillingPolicyAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const refused = await saveForm(admin.id, formData, "updateBillingPolicy", updateBillingPolicy);
  if (refused) return refused;
  revalidatePath("/admin/settings");
  // No values: the form shows the saved (normalised) settings the page now renders.
  return succeeded("저장했어요. 다음 정기결제 실행부터 적용돼요.");
}

export async function updateBusinessInfoAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const refused = await saveForm(admin.id, formData, "updateBusinessInfo", updateBusinessInfo);
  if (refused) return refused;
  // The storefront footer and emails show these details.
  revalidatePath("/", "layout");
  return succeeded("저장했어요. 스토어 하단과 안내 메일에 바로 반영돼요.");
}

export async function updateEnabledProvidersAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const refused = await saveForm(admin.id, formData, "updateEnabledProviders", (actor, values) =>
    updateEnabledProviders(actor, enabledProvidersFromForm(values)),
  );
  if (refused) return refused;
  // The checkout pages offer these.
  revalidatePath("/", "layout");
  return succeeded("저장했어요. 구독 화면에 바로 반영돼요.");
}
