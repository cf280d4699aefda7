import { headers } from "next/headers";
import type { SettingsFormState } from "@/components/admin/settings/settings-form-state";
import { failedWith, succeeded } from "@/lib/forms/form-result";
import type { AdminActor } from "@/lib/admin/admin-actor";
import { clientIpFrom } from "@/lib/auth/client-ip";

// Shared by the settings page's server actions (actions.ts, withdrawal-actions.ts): each one
// authorizes, then hands its form here with the lib/admin function that validates and audits.

// The form's own fields: React adds "$ACTION_…" entries for server actions, which are not ours.
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
export async function saveSettingsForm(
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
