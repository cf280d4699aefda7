import type { Metadata } from "next";
import Link from "next/link";
import { PlanForm } from "@/components/admin/plans/plan-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { createPlanAction } from "../actions";

export const metadata: Metadata = { title: "새 요금제" };

export default async function NewPlanPage() {
  await requireAdmin({ callbackUrl: "/admin/plans/new" });
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <Link href="/admin/plans" className="text-sm font-bold text-primary hover:underline">
          ← 요금제 목록
        </Link>
        <PageHeader title="새 요금제" description="만들면 바로 요금제 페이지에 보여요." />
      </div>
      <Card className="p-5 sm:p-6">
        <PlanForm action={createPlanAction} />
      </Card>
    </div>
  );
}
