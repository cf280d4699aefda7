"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { SettingsFormState } from "@/components/admin/settings/settings-form-state";
import { errorState, successState } from "@/lib/admin/action-state";
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

export async function updateBillingPolicyAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const values = textFields(formData);
  try {
    await updateBillingPolicy({ userId: admin.id, ip: clientIpFrom(await headers()) }, values);
  } catch (error) {
    return { ...errorState(error, "updateBillingPolicy"), values };
  }
  revalidatePath("/admin/settings");
  // No values: the form shows the saved (normalised) settings the page now renders.
  return successState("저장했어요. 다음 정기결제 실행부터 적용돼요.");
}

export async function updateBusinessInfoAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const values = textFields(formData);
  try {
    await updateBusinessInfo({ userId: admin.id, ip: clientIpFrom(await headers()) }, values);
  } catch (error) {
    return { ...errorState(error, "updateBusinessInfo"), values };
  }
  // The storefront footer and emails show these details.
  revalidatePath("/", "layout");
  return successState("저장했어요. 스토어 하단과 안내 메일에 바로 반영돼요.");
}

export async function updateEnabledProvidersAction(
  _previous: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  const values = textFields(formData);
  try {
    await updateEnabledProviders(
      { userId: admin.id, ip: clientIpFrom(await headers()) },
      enabledProvidersFromForm(values),
    );
  } catch (error) {
    return { ...errorState(error, "updateEnabledProviders"), values };
  }
  // The checkout pages offer these.
  revalidatePath("/", "layout");
  return successState("저장했어요. 구독 화면에 바로 반영돼요.");
}
