import { ActionDialog } from "@/components/admin/action-dialog";
import { CardSection } from "@/components/ui/card";
import type { MerchantSettings, Subscription } from "@/lib/db/schema";
import { formatSeoulDateTime } from "@/lib/format";
import { recordServiceUseAction } from "./service-use-actions";

/**
 * The merchant's record that this subscriber used the service: under "이용 기록이 없을 때만"
 * (settings) it ends the subscriber's right to 청약철회 (docs/cancellation-and-withdrawal.md).
 */
export function ServiceUseSection({
  subscription,
  policy,
}: {
  subscription: Pick<Subscription, "id" | "status" | "serviceUsedAt">;
  policy: MerchantSettings["withdrawalUsePolicy"];
}) {
  if (subscription.status === "canceled" && !subscription.serviceUsedAt) return null;
  const used = subscription.serviceUsedAt;
  return (
    <CardSection
      title="서비스 이용 기록"
      description={
        policy === "unused_only"
          ? "이용 기록이 있는 구독은 청약철회할 수 없어요 (설정: 이용 기록이 없을 때만 허용)."
          : "지금 설정은 사용 여부와 관계없이 청약철회를 허용해요. 기록은 참고로만 남아요."
      }
    >
      <div className="flex flex-wrap items-center gap-3">
        <p className="font-bold">
          {used ? `${formatSeoulDateTime(used)}에 이용 기록을 남겼어요` : "이용 기록이 없어요"}
        </p>
        <ActionDialog
          triggerLabel={used ? "이용 기록 지우기" : "이용 기록 남기기"}
          title={used ? "이용 기록을 지울까요?" : "이 구독자가 서비스를 이용했다고 기록할까요?"}
          description={
            used
              ? "지우면 청약철회 기간 안에서는 고객이 다시 철회할 수 있어요."
              : "고객에게 실제로 제공한 기록(다운로드, 배송, 상담 등)이 있을 때만 남겨 주세요. 감사 로그에 남아요."
          }
          confirmLabel={used ? "지우기" : "기록 남기기"}
          action={recordServiceUseAction}
          hidden={{ subscriptionId: subscription.id, used: used ? "false" : "true" }}
        />
      </div>
    </CardSection>
  );
}
