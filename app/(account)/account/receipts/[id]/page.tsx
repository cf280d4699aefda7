import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PrintButton } from "@/components/account/print-button";
import { ReceiptDocument } from "@/components/account/receipt-document";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { getReceipt } from "@/lib/receipts/get-receipt";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "영수증", robots: { index: false } };

const chargeId = z.uuid();

/** The customer's own receipt of one paid charge, linked from billing history and the email. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser({ callbackUrl: `/account/receipts/${encodeURIComponent(id)}` });
  const parsed = chargeId.safeParse(id);
  const receipt = parsed.success ? await getReceipt(user.id, parsed.data) : null;
  if (!receipt) notFound();

  return (
    <Container size="narrow" className="space-y-6 py-10 print:py-0">
      <PageHeader
        title="영수증"
        description="부가가치세법에 따른 공급가액과 부가세를 나눠 적었어요."
        actions={<PrintButton />}
        className="print:hidden"
      />
      <ReceiptDocument receipt={receipt} />
      <p className="print:hidden">
        <Link
          href="/account"
          className="inline-flex min-h-touch items-center text-sm font-bold text-primary underline underline-offset-4 hover:no-underline"
        >
          내 구독으로 돌아가기
        </Link>
      </p>
    </Container>
  );
}
