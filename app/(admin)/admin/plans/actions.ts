"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { AdminActor } from "@/lib/admin/admin-actor";
import { archivePlan, unarchivePlan } from "@/lib/admin/archive-plan";
import { createPlan } from "@/lib/admin/create-plan";
import { deletePlan } from "@/lib/admin/delete-plan";
import { movePlan } from "@/lib/admin/move-plan";
import { updatePlan } from "@/lib/admin/update-plan";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requireAdmin } from "@/lib/auth/guards";
import { formatKRW } from "@/lib/format";
import { PLAN_FIELDS, type PlanFormState } from "@/components/admin/plans/plan-form-state";
import {
  failed,
  failedWith,
  succeeded,
  type FormAction,
  type FormResult,
} from "@/lib/forms/form-result";
import { runAdminAction } from "@/lib/admin/run-admin-action";

// Server actions of the plan pages. Each one authorizes first (requireAdmin), parses what it
// needs, and calls one lib/admin function; validation messages come back to the form.

const planId = z.uuid();

async function actor(callbackUrl: string): Promise<AdminActor> {
  const admin = await requireAdmin({ callbackUrl });
  return { userId: admin.id, ip: clientIpFrom(await headers()) };
}

function planFields(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of PLAN_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

const NOT_FOUND = "요금제를 찾을 수 없어요.";

/** The pages showing plans: the admin's and the storefront's pricing. */
function planPaths(id?: string): string[] {
  return ["/admin/plans", ...(id ? [`/admin/plans/${id}`] : []), "/", "/pricing"];
}

function revalidatePlans(id?: string) {
  for (const path of planPaths(id)) revalidatePath(path);
}

export async function createPlanAction(
  _previous: PlanFormState,
  formData: FormData,
): Promise<PlanFormState> {
  const admin = await actor("/admin/plans/new");
  const values = planFields(formData);
  let id: string;
  try {
    id = (await createPlan(admin, values)).id;
  } catch (error) {
    return { ...failedWith(error, "[admin] createPlan"), values };
  }
  revalidatePlans(id);
  redirect(`/admin/plans/${id}?created=1`);
}

export async function updatePlanAction(
  _previous: PlanFormState,
  formData: FormData,
): Promise<PlanFormState> {
  const id = planId.safeParse(formData.get("planId"));
  const admin = await actor(id.success ? `/admin/plans/${id.data}` : "/admin/plans");
  if (!id.success) return failed(NOT_FOUND);
  const values = planFields(formData);
  // Sent only by the confirmation step's button, with the amount the admin saw.
  const confirmed = z.coerce.number().int().safeParse(formData.get("confirmedAmount"));
  try {
    const result = await updatePlan(admin, id.data, values, {
      confirmedAmount: confirmed.success ? confirmed.data : null,
    });
    if (result.kind === "needs_confirmation") {
      return { status: "idle", values, confirm: result };
    }
    revalidatePlans(id.data);
    const message =
      result.price === "raised"
        ? `저장했어요. 가격을 ${formatKRW(result.plan.amount)}으로 올렸어요. 기존 구독자 ${result.affectedSubscribers}명은 동의하기 전까지 지금 가격을 유지해요${result.consentsRequested > 0 ? ` (동의 요청 ${result.consentsRequested}건을 바로 보냈어요)` : ""}.`
        : result.price === "lowered"
          ? `저장했어요. 새 가격 ${formatKRW(result.plan.amount)}은 새로 구독하는 분부터 적용돼요.${result.affectedSubscribers > 0 ? ` 기존 구독자 ${result.affectedSubscribers}명은 지금 가격을 유지해요.` : ""}`
          : "저장했어요.";
    return { ...succeeded(message), values: {} };
  } catch (error) {
    // Part of the edit may be committed already: a price rise is written in its own transaction
    // before the consent requests go out and the other fields are saved. The storefront must
    // not keep showing the old price because a later step failed.
    revalidatePlans(id.data);
    return { ...failedWith(error, "[admin] updatePlan"), values };
  }
}

async function planAction(
  formData: FormData,
  context: string,
  run: (admin: AdminActor, id: string) => Promise<string>,
): Promise<FormResult> {
  const id = planId.safeParse(formData.get("planId"));
  const admin = await requireAdmin({
    callbackUrl: id.success ? `/admin/plans/${id.data}` : "/admin/plans",
  });
  return runAdminAction(admin, formData, {
    idField: "planId",
    notFound: NOT_FOUND,
    context,
    revalidate: planPaths,
    run: async (actor, id) => succeeded(await run(actor, id)),
  });
}

export const archivePlanAction: FormAction = async (_previous, formData) =>
  planAction(formData, "archivePlan", async (admin, id) => {
    await archivePlan(admin, id);
    return "보관했어요. 새로 구독할 수 없고, 기존 구독은 그대로 유지돼요.";
  });

export const unarchivePlanAction: FormAction = async (_previous, formData) =>
  planAction(formData, "unarchivePlan", async (admin, id) => {
    await unarchivePlan(admin, id);
    return "다시 판매해요. 요금제 페이지에 보여요.";
  });

export const deletePlanAction: FormAction = async (_previous, formData) => {
  const result = await planAction(formData, "deletePlan", async (admin, id) => {
    await deletePlan(admin, id);
    return "삭제했어요.";
  });
  if (result.status === "success") redirect("/admin/plans?deleted=1");
  return result;
};

/** The ▲/▼ buttons of the plan list: plain forms, so reordering works without JavaScript. */
export async function movePlanAction(formData: FormData): Promise<void> {
  const admin = await actor("/admin/plans");
  const parsed = z
    .object({ planId, direction: z.enum(["up", "down"]) })
    .safeParse({ planId: formData.get("planId"), direction: formData.get("direction") });
  if (!parsed.success) return;
  await movePlan(admin, parsed.data.planId, parsed.data.direction);
  revalidatePlans();
}
