"use client";

import { ActionDialog, useActionNotice } from "@/components/admin/action-dialog";
import type { FormAction } from "@/lib/forms/form-result";

/**
 * 보관 / 다시 판매 / 삭제 for one plan, each behind a confirmation that says what happens to
 * its subscribers. Delete is offered only for a plan nobody ever subscribed to.
 */
export function PlanStatusActions({
  plan,
  archiveAction,
  unarchiveAction,
  deleteAction,
}: {
  plan: {
    id: string;
    name: string;
    status: "active" | "archived";
    liveSubscriptions: number;
    deletable: boolean;
  };
  archiveAction: FormAction;
  unarchiveAction: FormAction;
  deleteAction: FormAction;
}) {
  // Kept here: 보관 becomes 다시 판매 after it succeeds, and its dialog goes with it; the
  // message takes the focus the vanished button had.
  const [notice, announce] = useActionNotice("basis-full text-right");
  const hidden = { planId: plan.id };
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {plan.status === "active" ? (
        <ActionDialog
          triggerLabel="보관"
          title={`${plan.name} 요금제를 보관할까요?`}
          description={
            <>
              <p>요금제 페이지에서 사라지고 새로 구독할 수 없어요.</p>
              <p>
                지금 구독 중인 {plan.liveSubscriptions.toLocaleString("ko-KR")}명은 그대로 이용하고
                결제돼요. 언제든 다시 판매할 수 있어요.
              </p>
            </>
          }
          confirmLabel="보관하기"
          action={archiveAction}
          hidden={hidden}
          onDone={announce}
        />
      ) : (
        <ActionDialog
          triggerLabel="다시 판매"
          title={`${plan.name} 요금제를 다시 판매할까요?`}
          description={<p>요금제 페이지에 다시 보이고 새로 구독할 수 있어요.</p>}
          confirmLabel="다시 판매하기"
          action={unarchiveAction}
          hidden={hidden}
          onDone={announce}
        />
      )}
      {plan.deletable && (
        <ActionDialog
          triggerLabel="삭제"
          triggerVariant="ghost"
          title={`${plan.name} 요금제를 삭제할까요?`}
          description={<p>아무도 구독한 적이 없는 요금제예요. 삭제하면 되돌릴 수 없어요.</p>}
          confirmLabel="삭제하기"
          confirmVariant="danger"
          action={deleteAction}
          hidden={hidden}
          onDone={announce}
        />
      )}
      {notice}
    </div>
  );
}
