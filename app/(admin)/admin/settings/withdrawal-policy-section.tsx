import { WithdrawalPolicyForm } from "@/components/admin/settings/withdrawal-policy-form";
import { CardSection } from "@/components/ui/card";
import { withdrawalPolicySchema } from "@/lib/admin/update-withdrawal-policy";
import { formValues } from "@/lib/admin/settings-input";
import type { MerchantSettings } from "@/lib/db/schema";
import { updateWithdrawalPolicyAction } from "./withdrawal-actions";

/** The settings page's 청약철회·환불 section (docs/cancellation-and-withdrawal.md). */
export function WithdrawalPolicySection({ settings }: { settings: MerchantSettings }) {
  return (
    <CardSection
      title="청약철회와 중도 해지 환불"
      description="고객이 내 구독 > 해지·환불 방법 보기에서 고를 수 있는 방법이에요. 바꾼 값은 바로 적용돼요."
    >
      <WithdrawalPolicyForm
        action={updateWithdrawalPolicyAction}
        current={formValues(withdrawalPolicySchema, settings)}
      />
    </CardSection>
  );
}
