import type { FormResult } from "@/lib/forms/form-result";

/** The plan editor's action result, with the price-rise preview the admin must confirm. */
export type PlanFormState = FormResult & {
  confirm?: { oldAmount: number; newAmount: number; affectedSubscribers: number };
};

/** The editor's fields, in the order the form shows them (the first with an error gets focus). */
export const PLAN_FIELDS = [
  "name",
  "slug",
  "description",
  "features",
  "amount",
  "amountTaxFree",
  "interval",
  "intervalCount",
  "trialDays",
  "sortOrder",
] as const;
