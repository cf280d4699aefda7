import { Badge, type BadgeTone } from "@/components/ui/badge";
import { chargeStatusLabel, type ChargeRow } from "@/lib/admin/charges";

function toneOf(row: Pick<ChargeRow, "status" | "refundedAmount">): BadgeTone {
  switch (row.status) {
    case "succeeded":
      return row.refundedAmount > 0 ? "neutral" : "success";
    case "failed":
      return "danger";
    case "unknown":
    case "pending":
      return "warning";
  }
}

export function ChargeStatusBadge({
  row,
}: {
  row: Pick<ChargeRow, "status" | "amount" | "refundedAmount"> & { testMode?: boolean };
}) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={toneOf(row)}>{chargeStatusLabel(row)}</Badge>
      {row.testMode && <TestModeBadge />}
    </span>
  );
}

/** A charge made in test mode (the sandbox): no money moved, and it is not counted as revenue. */
export function TestModeBadge() {
  return (
    <Badge tone="info">
      테스트<span className="sr-only"> 결제: 실제로 결제되지 않았고 매출에 포함되지 않아요</span>
    </Badge>
  );
}
