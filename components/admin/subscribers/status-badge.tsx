import { Badge, type BadgeTone } from "@/components/ui/badge";

export type BadgeCopy = { label: string; tone: BadgeTone };

/** A stored status as a badge (labels.ts); one the map does not know yet shows as written. */
export function StatusBadge({
  badges,
  status,
}: {
  badges: Record<string, BadgeCopy>;
  status: string;
}) {
  const copy = badges[status] ?? { label: status, tone: "neutral" };
  return <Badge tone={copy.tone}>{copy.label}</Badge>;
}
