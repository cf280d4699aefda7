import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { formatBillingInterval, formatPlanPrice, formatTrial } from "@/lib/format";
import { getPlanBySlug } from "@/lib/plans/queries";

// Placeholder until issue 3 builds the Toss Pay registration flow on this route.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "구독하기", robots: { index: false } };

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

export default async function SubscribePage({ params }: { params: Promise<{ slug: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { slug } = parsed.data;

  // A dead link is a 404 for everyone; only a real plan asks the visitor to sign in.
  const plan = await getPlanBySlug(slug);
  if (!plan) notFound();
  await requireUser({ callbackUrl: `/subscribe/${encodeURIComponent(slug)}` });

  const trial = formatTrial(plan.trialDays);

  return (
    <Container className="max-w-2xl space-y-8 py-12 sm:py-16">
      <PageHeader eyebrow="구독하기" title={`${plan.name} 구독`} />

      <Card className="space-y-4 p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-bold">{plan.name}</h2>
          {trial && <Badge tone="info">{trial}</Badge>}
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-muted">결제 금액</dt>
          <dd className="font-bold">{formatPlanPrice(plan)} (부가세 포함)</dd>
          <dt className="text-muted">결제 주기</dt>
          <dd>{formatBillingInterval(plan.interval, plan.intervalCount)} 자동결제</dd>
          <dt className="text-muted">결제수단</dt>
          <dd>토스페이 (토스 앱에서 등록)</dd>
        </dl>
        {plan.description && <p className="text-sm text-muted">{plan.description}</p>}
      </Card>

      <Alert tone="info" title="결제수단 등록을 준비하고 있어요">
        토스페이 자동결제 등록은 곧 열려요. 지금은 결제되지 않아요.
      </Alert>

      <Button size="lg" fullWidth disabled>
        토스페이로 결제수단 등록 (준비 중)
      </Button>
    </Container>
  );
}
