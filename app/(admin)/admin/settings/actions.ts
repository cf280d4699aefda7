"use server";

import { revalidatePath } from "next/cache";
import type { SettingsAction } from "@/components/admin/settings/settings-form";
import { updateBillingPolicy } from "@/lib/admin/update-billing-policy";
import { enabledProvidersFromForm } from "@/lib/admin/settings-input";
import { updateBusinessInfo } from "@/lib/admin/update-business-info";
import { updateCashReceiptSettings } from "@/lib/admin/update-cash-receipt-settings";
import { updateEnabledProviders } from "@/lib/admin/update-enabled-providers";
import { requireAdmin } from "@/lib/auth/guards";
import { saveSettingsForm } from "./save-settings-form";

// The settings page's forms. Each authorizes, hands the typed values to one lib/admin
// function (which validates and audits), and returns the values so a refused form keeps them.

export const updateBillingPolicyAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveSettingsForm(admin.id, formData, {
    label: "updateBillingPolicy",
    save: updateBillingPolicy,
    revalidate: () => revalidatePath("/admin/settings"),
    saved: "저장했어요. 다음 정기결제 실행부터 적용돼요.",
  });
};

export const updateBusinessInfoAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveSettingsForm(admin.id, formData, {
    label: "updateBusinessInfo",
    save: updateBusinessInfo,
    // The storefront footer and emails show these details.
    revalidate: () => revalidatePath("/", "layout"),
    saved: "저장했어요. 스토어 하단과 안내 메일에 바로 반영돼요.",
  });
};

export const updateEnabledProvidersAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveSettingsForm(admin.id, formData, {
    label: "updateEnabledProviders",
    save: (actor, values) => updateEnabledProviders(actor, enabledProvidersFromForm(values)),
    // The checkout pages offer these.
    revalidate: () => revalidatePath("/", "layout"),
    saved: "저장했어요. 구독 화면에 바로 반영돼요.",
  });
};

export const updateCashReceiptSettingsAction: SettingsAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/settings" });
  return saveSettingsForm(admin.id, formData, {
    label: "updateCashReceiptSettings",
    save: updateCashReceiptSettings,
    revalidate: () => revalidatePath("/admin/settings"),
    saved: "저장했어요. 다음 결제부터 적용돼요.",
  });
};
