import { Container } from "@/components/ui/container";
import type { MerchantSettings } from "@/lib/db/schema";

/**
 * What 전자상거래법 §10 requires an online seller to show: trade name, representative,
 * business registration and mail-order registration numbers, address, and contact.
 * Missing values are shown as "등록 필요" so the merchant notices before going live.
 */
export type BusinessInfo = Pick<
  MerchantSettings,
  | "businessName"
  | "representativeName"
  | "businessRegistrationNumber"
  | "mailOrderRegistrationNumber"
  | "businessAddress"
  | "supportPhone"
  | "supportEmail"
>;

function Item({ term, value }: { term: string; value: string | null | undefined }) {
  return (
    <div className="flex gap-1.5">
      <dt className="shrink-0 after:content-[':']">{term}</dt>
      <dd className="text-foreground/80">{value || "등록 필요"}</dd>
    </div>
  );
}

export function SiteFooter({ business }: { business: BusinessInfo }) {
  const support = [business.supportPhone, business.supportEmail].filter(Boolean).join(" · ");
  return (
    <footer className="mt-16 border-t border-border bg-surface-muted/60">
      <Container className="space-y-4 py-8 text-sm text-muted">
        <p className="font-bold text-foreground">{business.businessName}</p>
        <dl className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
          <Item term="상호" value={business.businessName} />
          <Item term="대표자" value={business.representativeName} />
          <Item term="사업자등록번호" value={business.businessRegistrationNumber} />
          <Item term="통신판매업 신고번호" value={business.mailOrderRegistrationNumber} />
          <Item term="주소" value={business.businessAddress} />
          <Item term="고객센터" value={support} />
        </dl>
        <p className="text-xs">
          결제는 토스페이 자동결제로 처리되며, 구독은 내 구독 페이지에서 언제든 해지할 수 있어요.
        </p>
      </Container>
    </footer>
  );
}
