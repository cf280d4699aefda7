import { Badge, type BadgeTone } from "@/components/ui/badge";
import { REFUND_STATUS_LABELS } from "@/lib/admin/refunds";
import type { Refund } from "@/lib/db/schema";

const TONES: Record<Refund["status"], BadgeTone> = {
  pending: "warning",
  unknown: "warning",
  succeeded: "success",
  failed: "danger",
};

export function RefundStatusBadge({ status }: { status: Refund["status"] }) {
  return <Badge tone={TONES[status]}>{REFUND_STATUS_LABELS[status]}</Badge>;
}
