import "server-only";
import type { PlanChangeOption } from "@/components/account/plan-change-panel";
import { previewPlanChange } from "@/lib/billing/preview-plan-change";
import { AppError, userMessageOf } from "@/lib/errors";
import { listActivePlans } from "@/lib/plans/queries";

/**
 * Every active plan other than the customer's, each with the engine's quote for changing to
 * it now. A plan the engine refuses is listed with its Korean reason instead of a button.
 */
export async function loadPlanOptions(
  userId: string,
  currentPlanId: string,
): Promise<PlanChangeOption[]> {
  const plans = (await listActivePlans()).filter((plan) => plan.id !== currentPlanId);
  return Promise.all(
    plans.map(async (plan): Promise<PlanChangeOption> => {
      try {
        const preview = await previewPlanChange({ userId, planId: plan.id });
        return { plan, preview, unavailable: null };
      } catch (error) {
        if (!(error instanceof AppError)) console.error("[account] plan preview failed", error);
        return { plan, preview: null, unavailable: userMessageOf(error) };
      }
    }),
  );
}
