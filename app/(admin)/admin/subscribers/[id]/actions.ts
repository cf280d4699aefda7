"use server";

import { cancelSubscriptionFromAdminForm } from "@/lib/admin/cancel-subscription-from-admin-form";
import { grantFreePeriod } from "@/lib/admin/grant-free-period";
import { moveNextBillingDate } from "@/lib/admin/move-next-billing-date";
import { resumeSubscription } from "@/lib/admin/resume-subscription";
import { retryOutstandingCharge } from "@/lib/admin/retry-outstanding-charge";
import { runAdminAction, type AdminActionSpec } from "@/lib/admin/run-admin-action";
import { requireAdmin } from "@/lib/auth/guards";
import type { CurrentUser } from "@/lib/auth/user";
import { formatSeoulDate } from "@/lib/format";
import { failed, succeeded, type FormAction, type FormResult } from "@/lib/forms/form-result";

// The subscriber page's actions. Each authorizes (requireAdmin), reads the subscription id and
// the dialog's fields, and calls one lib/admin function, which validates, runs in a transaction
// with its audit entry, and goes through the state machine where the state changes.

// Every exported action calls requireAdmin itself, first (the authorization inventory checks
// this statically), then hands over to this.
function subscriptionAction(
  admin: CurrentUser,
  formData: FormData,
  context: string,
  run: AdminActionSpec["run"],
): Promise<FormResult> {
  return runAdminAction(admin, formData, {
    idField: "subscriptionId",
    notFound: "구독을 찾을 수 없어요.",
    context,
    revalidate: (id) => [`/admin/subscribers/${id}`, "/admin/subscribers"],
    run,
  });
}

export const cancelSubscriptionAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return subscriptionAction(admin, formData, "cancelSubscription", async (admin, id, fields) => {
    const sub = await cancelSubscriptionFromAdminForm(admin, id, {
      atPeriodEnd: fields.atPeriodEnd,
      reason: fields.reason,
    });
    return succeeded(
      sub.cancelAtPeriodEnd && sub.currentPeriodEnd
        ? `해지를 예약했어요. ${formatSeoulDate(sub.currentPeriodEnd)}까지 이용할 수 있어요.`
        : "구독을 바로 해지했어요.",
    );
  });
};

export const resumeSubscriptionAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return subscriptionAction(admin, formData, "resumeSubscription", async (admin, id) => {
    await resumeSubscription(admin, id);
    return succeeded("해지 예약을 취소했어요. 다음 결제일에 계속 결제돼요.");
  });
};

export const retryChargeAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return subscriptionAction(admin, formData, "retryOutstandingCharge", async (admin, id) => {
    const outcome = await retryOutstandingCharge(admin, id);
    switch (outcome.kind) {
      case "settled":
        if (outcome.result === "succeeded") {
          return succeeded("결제에 성공했어요. 구독이 다시 이용 중이에요.");
        }
        if (outcome.result === "unknown") {
          return succeeded("결제 결과를 확인하고 있어요. 잠시 후 이 화면에서 확인해 주세요.");
        }
        return failed(
          `결제에 실패했어요. ${outcome.attempt.customerMessage ?? outcome.attempt.errorMessage ?? ""}`.trim(),
        );
      case "in_flight":
        return succeeded("이미 진행 중인 결제가 있어요. 결과를 확인하고 있어요.");
      case "handled":
        return succeeded("구독 상태가 바뀌었어요. 기록을 확인해 주세요.");
      case "skipped":
        return failed(
          outcome.reason === "no_usable_method"
            ? "사용할 수 있는 결제수단이 없어요. 고객이 새 결제수단을 등록해야 해요."
            : "지금은 결제할 금액이 없어요. 화면을 새로고침해 주세요.",
        );
    }
  });
};

export const moveBillingDateAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return subscriptionAction(admin, formData, "moveNextBillingDate", async (admin, id, fields) => {
    const sub = await moveNextBillingDate(admin, id, { date: fields.date });
    return succeeded(
      `다음 결제일을 ${sub.nextChargeAt ? formatSeoulDate(sub.nextChargeAt) : "새 날짜"}로 바꿨어요.`,
    );
  });
};

export const grantFreePeriodAction: FormAction = async (_previous, formData) => {
  const admin = await requireAdmin({ callbackUrl: "/admin/subscribers" });
  return subscriptionAction(admin, formData, "grantFreePeriod", async (admin, id, fields) => {
    const sub = await grantFreePeriod(admin, id, {
      unit: fields.unit,
      ...(fields.unit === "days" ? { days: fields.days } : {}),
    });
    const until = sub.status === "trialing" ? sub.trialEnd : sub.currentPeriodEnd;
    return succeeded(
      `무료 기간을 줬어요. ${until ? formatSeoulDate(until) : ""}까지 결제 없이 이용할 수 있어요.`,
    );
  });
};
