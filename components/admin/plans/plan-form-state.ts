import type { FormResult } from "@/lib/forms/form-result";

/** The plan editor's action result, with the price-rise preview the admin must confirm. */
export type PlanFormState = FormResult & {
  confirm?: { oldAmount: number; newAmount: number; affectedSubscribers: number };
};
