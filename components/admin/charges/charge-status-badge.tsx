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
  row: Pick<ChargeRow, "status" | "amount" | "refundedAmount">;
}) {
  return <Badge tone={toneOf(row)}>{chargeStatusLabel(row)}</Badge>;
}
