import Link from "next/link";
import type { FormAction } from "@/lib/forms/form-result";
import { methodLabel } from "@/components/payment-methods/describe-method";
import { MethodDetails } from "@/components/payment-methods/method-details";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatKRW, formatSeoulDate, formatSeoulDateTime } from "@/lib/format";
import type { MethodSummary } from "@/lib/payment-methods/find-own-method";
import { providerLabel } from "@/lib/payments/registry";
import { ChangeMethodDialog, RegisterMethodDialog } from "./change-method-dialog";
import { ConfirmDialog } from "./confirm-dialog";
import type { LiveSubscription } from "./subscription-panel";

const linkClasses = "font-bold text-primary underline underline-offset-4 hover:no-underline";

/** What removing the method does to the subscription, in the customer's terms. */
function RemovalConsequence({ subscription }: { subscription: LiveSubscription | null }) {
  if (!subscription) {
    return <p>이용 중인 구독이 없어서 결제에는 영향이 없어요.</p>;
  }
  const nextCharge =
    subscription.nextChargeAt && !subscription.cancelAtPeriodEnd ? subscription.nextChargeAt : null;
  if (!nextCharge) {
    return (
      <p>
        예정된 결제가 없어서 {subscription.plan.name} 구독은 지금처럼 이용할 수 있어요. 다시
        결제하려면 새 결제수단을 등록해야 해요.
      </p>
    );
  }
  return (
    <>
      <p>
        <strong className="text-foreground">
          {formatSeoulDate(nextCharge)} 결제({formatKRW(subscription.priceAmount)})가 실패하고,
          그때까지 새 결제수단을 등록하지 않으면 {subscription.plan.name} 구독이 멈춰요.
        </strong>
      </p>
      <p>
        이미 결제한 기간은 그대로 이용할 수 있어요. 카드만 바꾸려면 삭제 대신 결제수단 변경을 써
        주세요.
      </p>
    </>
  );
}

export type PaymentMethodActions = { remove: FormAction; startNewRegistration: FormAction };

/** The linked Toss Pay method, a registration in progress, and changing or removing it. */
export function PaymentMethodPanel({
  method,
  pendingMethod,
  subscription,
  actions,
  consentText,
  removalReported = false,
}: {
  method: MethodSummary | null;
  pendingMethod: MethodSummary | null;
  /** The live subscription (not canceled), if any. */
  subscription: LiveSubscription | null;
  actions: PaymentMethodActions;
  consentText: string;
  /** The provider reported the key deleted and no charge has proved it since (docs/providers.md §2.6). */
  removalReported?: boolean;
}) {
  // An unfinished first registration is shown with the subscription; here only changes.
  const running = subscription && subscription.status !== "incomplete" ? subscription : null;
  const pending =
    pendingMethod?.registrationExpiresAt && subscription?.status !== "incomplete"
      ? { ...pendingMethod, registrationExpiresAt: pendingMethod.registrationExpiresAt }
      : null;

  return (
    <CardSection title="결제수단" description="등록한 카드나 계좌로 결제돼요.">
      <div className="space-y-5">
        {pending && (
          <Alert tone="info" title="등록 중인 결제수단이 있어요">
            <p>
              {formatSeoulDateTime(pending.registrationExpiresAt)}까지{" "}
              {pending.provider === "toss_pay"
                ? "토스 앱에서 승인하면"
                : "결제창에서 등록을 마치면"}{" "}
              지금 결제수단을 대신해요.{" "}
              <Link href={`/payment-methods/${pending.id}`} className={linkClasses}>
                이어서 등록하기
              </Link>
            </p>
          </Alert>
        )}

        {method && removalReported && (
          <Alert tone="warning" title="결제수단이 해지됐다는 알림을 받았어요">
            <p>
              {providerLabel(method.provider)}에서 이 결제수단의 자동결제가 해지됐다고 알려 왔어요.
              직접 해지했다면 다음 결제 전에 결제수단을 변경해 주세요. 해지하지 않았다면 그대로
              두셔도 돼요. 다음 결제가 되면 이 안내는 사라져요.
            </p>
          </Alert>
        )}

        {method ? (
          <>
            <MethodDetails
              method={method}
              note={method.activatedAt && `${formatSeoulDate(method.activatedAt)}에 등록`}
            />
            <div className="flex flex-wrap gap-2">
              {running && (
                <ChangeMethodDialog
                  triggerLabel="결제수단 변경"
                  title="결제수단 변경"
                  consentText={consentText}
                  action={actions.startNewRegistration}
                >
                  {/* Says what is replaced, not "해지": the subscription itself goes on. */}
                  <p>
                    새 카드나 계좌를 등록하면 다음 결제부터 새 결제수단으로 결제돼요. 구독은 그대로
                    이어지고, 지금 결제수단({methodLabel(method)})은 새 결제수단이 등록된 뒤에
                    연결을 끊어요. 등록을 마치지 않으면 지금 결제수단이 그대로 쓰여요.
                  </p>
                </ChangeMethodDialog>
              )}
              <ConfirmDialog
                triggerLabel="결제수단 삭제"
                triggerVariant="ghost"
                title="결제수단을 삭제할까요?"
                confirmLabel="삭제하기"
                confirmVariant="danger"
                loadingLabel="삭제하는 중"
                cancelLabel="삭제하지 않기"
                action={actions.remove}
                hiddenFields={{ methodId: method.id }}
              >
                <p>{methodLabel(method)}의 자동결제를 해지하고 이 사이트에서도 삭제해요.</p>
                <RemovalConsequence subscription={running} />
              </ConfirmDialog>
            </div>
          </>
        ) : running ? (
          <Alert tone="warning" title="등록된 결제수단이 없어요">
            <p>
              {running.nextChargeAt && !running.cancelAtPeriodEnd
                ? `${formatSeoulDate(running.nextChargeAt)} 결제가 실패하고 구독이 멈출 수 있어요. `
                : ""}
              새 결제수단을 등록해 주세요.
            </p>
            <div className="mt-3">
              <RegisterMethodDialog consentText={consentText} action={actions.startNewRegistration}>
                <p>
                  카드나 계좌를 등록해요.
                  {running.status === "past_due" || running.status === "unpaid"
                    ? " 등록하면 밀린 결제를 바로 다시 시도해요."
                    : ""}
                </p>
              </RegisterMethodDialog>
            </div>
          </Alert>
        ) : (
          <EmptyState
            title="등록된 결제수단이 없어요"
            description="구독을 시작할 때 토스 앱에서 결제수단을 등록해요."
          />
        )}
      </div>
    </CardSection>
  );
}
