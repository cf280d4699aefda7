import type { AdminActionState } from "@/lib/admin/action-state";

/** A settings form's result, with what was typed so a refused form shows it again. */
export type SettingsFormState = AdminActionState & { values?: Record<string, string> };

export const initialSettingsFormState: SettingsFormState = { status: "idle", fieldErrors: {} };
