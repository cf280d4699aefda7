import type { Metadata } from "next";
import { BackLinkHeader } from "@/components/admin/back-link-header";
import { PlanForm } from "@/components/admin/plans/plan-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guards";
import { createPlanAction } from "../actions";

export const metadata: Metadata = { title: "새 요금제" };

export default async function NewPlanPage() {
  await requireAdmin({ callbackUrl: "/admin/plans/new" });
  return (
    <div className="space-y-8">
      <BackLinkHeader
        back={{ href: "/admin/plans", label: "요금제 목록" }}
        title="새 요금제"
        description="만들면 바로 요금제 페이지에 보여요."
      />
      <Card className="p-5 sm:p-6">
        <PlanForm action={createPlanAction} />
      </Card>
    </div>
  );
}
