import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SubscriptionStatus } from "@/lib/db/schema";

// The states of docs/billing.md, in the words a customer would use.
const STATUS: Record<SubscriptionStatus, { label: string; tone: BadgeTone }> = {
  incomplete: { label: "결제 대기", tone: "neutral" },
  trialing: { label: "무료 체험 중", tone: "info" },
  active: { label: "이용 중", tone: "success" },
  past_due: { label: "결제 재시도 중", tone: "warning" },
  unpaid: { label: "미납", tone: "danger" },
  canceled: { label: "해지됨", tone: "neutral" },
};

export function subscriptionStatusLabel(status: SubscriptionStatus): string {
  return STATUS[status].label;
}

export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
