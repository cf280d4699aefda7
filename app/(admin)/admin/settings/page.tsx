import type { Metadata } from "next";
import { BillingPolicyForm } from "@/components/admin/settings/billing-policy-form";
import { BusinessInfoForm } from "@/components/admin/settings/business-info-form";
import { CashReceiptForm } from "@/components/admin/settings/cash-receipt-form";
import { PaymentProvidersForm } from "@/components/admin/settings/payment-providers-form";
import { Badge } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getConfigurationStatus } from "@/lib/admin/configuration-status";
import { listPaymentProviders } from "@/lib/admin/list-payment-providers";
import {
  billingPolicySchema,
  businessInfoSchema,
  cashReceiptSchema,
  formValues,
} from "@/lib/admin/settings-input";
import { requireAdmin } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import {
  updateBillingPolicyAction,
  updateBusinessInfoAction,
  updateCashReceiptSettingsAction,
  updateEnabledProvidersAction,
} from "./actions";
import { LegalDocumentsSection } from "./legal-documents-section";
import { WithdrawalPolicySection } from "./withdrawal-policy-section";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "설정" };

export default async function AdminSettingsPage() {
  await requireAdmin({ callbackUrl: "/admin/settings" });
  const settings = await getMerchantSettings();
  // Booleans only: the values of keys and secrets never leave the server.
  const configuration = getConfigurationStatus();

  return (
    <div className="space-y-8">
      <PageHeader title="설정" description="결제 실패 처리, 동의 정책, 사업자 정보를 관리해요." />

      <CardSection
        title="결제 연동 상태"
        description="환경 변수로 설정해요. 보안을 위해 값은 보여주지 않고 설정 여부만 보여줘요."
      >
        <div className="space-y-4">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-bold">결제 모드</span>
            {configuration.paymentMode === "live" ? (
              <Badge tone="success">실결제 (live)</Badge>
            ) : (
              <Badge tone="warning">샌드박스 (테스트)</Badge>
            )}
            <span className="text-muted">
              {configuration.paymentMode === "live"
                ? "실제 돈이 결제돼요."
                : "실제로 결제되지 않아요. 라이브 키(sk_live_…)를 설정하면 실결제로 바뀌어요."}
            </span>
          </p>
          <ul className="divide-y divide-border rounded-xl border border-border">
            {configuration.items.map((item) => (
              <li
                key={item.name}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm"
              >
                <span className="min-w-0">
                  <span className="block font-bold">{item.label}</span>
                  <code className="break-all text-xs text-muted">{item.name}</code>
                </span>
                {item.configured ? (
                  <Badge tone="success">설정됨</Badge>
                ) : (
                  <Badge tone="neutral">설정 안 됨</Badge>
                )}
              </li>
            ))}
          </ul>
        </div>
      </CardSection>

      <CardSection
        title="결제사"
        description="구독 화면에서 고객이 고를 수 있는 결제사예요. 키가 준비된 결제사만 켤 수 있어요."
      >
        <PaymentProvidersForm
          action={updateEnabledProvidersAction}
          providers={listPaymentProviders(settings)}
        />
      </CardSection>

      <CardSection
        title="결제 실패와 해지 정책"
        description="바꾼 값은 다음 정기결제 실행부터 적용돼요. 이미 정해진 재시도 날짜는 바뀌지 않아요."
      >
        <BillingPolicyForm
          action={updateBillingPolicyAction}
          current={formValues(billingPolicySchema, settings)}
        />
      </CardSection>

      <WithdrawalPolicySection settings={settings} />

      <CardSection
        title="현금영수증"
        description="토스페이로 직접 연동한 계좌·토스머니 결제에 토스가 현금영수증을 자동으로 발급해요. 카드 결제는 카드 매출전표가 영수증이에요."
      >
        <CashReceiptForm
          action={updateCashReceiptSettingsAction}
          current={formValues(cashReceiptSchema, settings)}
        />
      </CardSection>

      <CardSection
        title="사업자 정보"
        description="스토어 하단과 안내 메일에 보여요 (전자상거래법에 따라 통신판매업자가 표시해야 하는 정보)."
      >
        <BusinessInfoForm
          action={updateBusinessInfoAction}
          current={formValues(businessInfoSchema, settings)}
        />
      </CardSection>

      <LegalDocumentsSection />
    </div>
  );
}
