import { LegalLinks } from "@/components/legal/legal-links";
import { Container } from "@/components/ui/container";
import {
  registeredBusinessName,
  type BusinessDetails,
} from "@/lib/merchant/missing-business-details";

/**
 * What 전자상거래법 §10 requires an online seller to show: trade name, representative,
 * business registration and mail-order registration numbers, address, and contact. Only what
 * the merchant has filled in is shown: a placeholder would be a false statement to customers.
 * The admin dashboard's checklist names what is missing, and a live store cannot take payments
 * until it is complete (lib/merchant/require-business-details.ts).
 */
export type BusinessInfo = BusinessDetails;

export function SiteFooter({ business }: { business: BusinessInfo }) {
  const support = [business.supportPhone, business.supportEmail]
    .map((value) => value?.trim())
    .filter(Boolean)
    .join(" · ");
  const rows = [
    { term: "상호", value: registeredBusinessName(business) },
    { term: "대표자", value: business.representativeName },
    { term: "사업자등록번호", value: business.businessRegistrationNumber },
    { term: "통신판매업 신고번호", value: business.mailOrderRegistrationNumber },
    { term: "주소", value: business.businessAddress },
    { term: "고객센터", value: support },
  ].filter((row): row is { term: string; value: string } => Boolean(row.value?.trim()));

  return (
    <footer className="mt-16 border-t border-border bg-surface-muted/60">
      <Container className="space-y-4 py-8 text-sm text-muted">
        <LegalLinks />
        <p className="font-bold text-foreground">{business.businessName}</p>
        {rows.length > 0 && (
          <dl className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
            {rows.map((row) => (
              <div key={row.term} className="flex gap-1.5">
                <dt className="shrink-0 after:content-[':']">{row.term}</dt>
                <dd className="text-foreground/80">{row.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="text-xs">
          결제는 등록한 결제수단으로 자동결제되며, 구독은 내 구독 페이지에서 언제든 해지할 수
          있어요.
        </p>
      </Container>
    </footer>
  );
}
