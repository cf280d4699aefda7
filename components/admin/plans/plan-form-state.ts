import type { AdminActionState } from "@/lib/admin/action-state";

/** The plan editor's action result: what was typed (to show again), and a price-rise preview. */
export type PlanFormState = AdminActionState & {
  values?: Record<string, string>;
  confirm?: { oldAmount: number; newAmount: number; affectedSubscribers: number };
};

export const initialPlanFormState: PlanFormState = { status: "idle", fieldErrors: {} };
