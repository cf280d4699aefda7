import { IDLE, type FormResult } from "@/lib/forms/form-result";

/** A settings form's result, with what was typed so a refused form shows it again. */
export type SettingsFormState = FormResult;

export const initialSettingsFormState: SettingsFormState = IDLE;
