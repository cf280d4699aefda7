"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { SettingsAction } from "@/components/admin/settings/settings-form";
import type { SettingsFormState } from "@/components/admin/settings/settings-form-state";
import { failedWith, succeeded } from "@/lib/forms/form-result";
import type { AdminActor } from "@/lib/admin/admin-actor";
import { updateBillingPolicy } from "@/lib/admin/update-billing-policy";
import { enabledProvidersFromForm } from "@/lib/admin/settings-input";
import { updateBusinessInfo } from "@/lib/admin/update-business-info";
import { updateCashReceiptSettings } from "@/lib/admin/update-cash-receipt-settings";
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

/**
 * Saves one form through `save`: a refused form gets its values back to show them again; a
 * saved one refreshes the pages that show the settings and says what changes when. No values
 * on success: the form shows the saved (normalised) settings the page now renders.
 */
async function saveForm(
  userId: string,
  formData: FormData,
  form: {
    label: string;
    save: (admin: AdminActor, values: Record<string, string>) => Promise<unknown>;
    revalidate: () => void;
    saved: string;
  },
): Promise<SettingsFormState> {
  const values = textFields(formData);
  try {
    await form.save({ userId, ip: clientIpFrom(await headers()) }, values);
  } catch (error) {
    return { ...failedWith(error, `[admin] ${form.label}`), values };
  }
  form.revalidate();
  return succeeded(form.saved);
}

export const updateBillingPolicyAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveForm(admin.id, formData, {
    label: "updateBillingPolicy",
    save: updateBillingPolicy,
    revalidate: () => revalidatePath("/admin/settings"),
    saved: "저장했어요. 다음 정기결제 실행부터 적용돼요.",
  });
};

export const updateBusinessInfoAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveForm(admin.id, formData, {
    label: "updateBusinessInfo",
    save: updateBusinessInfo,
    // The storefront footer and emails show these details.
    revalidate: () => revalidatePath("/", "layout"),
    saved: "저장했어요. 스토어 하단과 안내 메일에 바로 반영돼요.",
  });
};

export const updateEnabledProvidersAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveForm(admin.id, formData, {
    label: "updateEnabledProviders",
    save: (actor, values) => updateEnabledProviders(actor, enabledProvidersFromForm(values)),
    // The checkout pages offer these.
    revalidate: () => revalidatePath("/", "layout"),
    saved: "저장했어요. 구독 화면에 바로 반영돼요.",
  });
};

export const updateCashReceiptSettingsAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveForm(admin.id, formData, {
    label: "updateCashReceiptSettings",
    save: updateCashReceiptSettings,
    revalidate: () => revalidatePath("/admin/settings"),
    saved: "저장했어요. 다음 결제부터 적용돼요.",
  });
};
