import { monoStyle } from "@/components/admin/list/mono";
import { cx } from "@/components/ui/cx";
import { diffJson, type DiffChange } from "@/lib/admin/audit-diff";
import { auditFieldLabel, formatAuditValue, type AuditValue } from "@/lib/admin/audit-fields";

const CHANGE_LABELS: Record<DiffChange, string> = {
  added: "추가",
  removed: "삭제",
  changed: "변경",
  unchanged: "같음",
};

/**
 * Before and after of an audit entry, one row per field: changed fields first and marked (in
 * words as well as colour), unchanged ones folded away below. Fields are named and their values
 * written in Korean where lib/admin/audit-fields.ts knows them; others stay raw, in mono.
 */
export function AuditDiffTable({
  targetType,
  before,
  after,
}: {
  targetType: string;
  before: unknown;
  after: unknown;
}) {
  const rows = diffJson(before, after);
  if (rows.length === 0) return <p className="text-sm text-muted">기록된 값이 없어요.</p>;
  const changed = rows.filter((r) => r.change !== "unchanged");
  const unchanged = rows.filter((r) => r.change === "unchanged");

  const table = (list: typeof rows, caption: string) => (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse text-left text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="w-1/3 py-1.5 pr-3 font-bold">
              항목
            </th>
            <th scope="col" className="w-1/3 py-1.5 pr-3 font-bold">
              이전
            </th>
            <th scope="col" className="w-1/3 py-1.5 font-bold">
              이후
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {list.map((row) => {
            const field = auditFieldLabel(targetType, row.path);
            return (
              <tr key={row.path || "(value)"}>
                <th
                  scope="row"
                  className={cx(
                    "break-words py-1.5 pr-3 align-top font-normal",
                    !field.known && "font-mono",
                  )}
                  title={field.known ? row.path : undefined}
                >
                  {field.text}
                  {row.change !== "unchanged" && (
                    <span
                      className={cx(
                        "ml-1.5 inline-block whitespace-nowrap rounded px-1 font-sans font-bold",
                        row.change === "added" && "bg-success/10 text-success",
                        row.change === "removed" && "bg-danger/10 text-danger",
                        row.change === "changed" && "bg-warning/10 text-warning",
                      )}
                    >
                      {CHANGE_LABELS[row.change]}
                    </span>
                  )}
                </th>
                <ValueCell
                  side="before"
                  value={formatAuditValue(targetType, row.path, row.before)}
                  change={row.change}
                />
                <ValueCell
                  side="after"
                  value={formatAuditValue(targetType, row.path, row.after)}
                  change={row.change}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="space-y-2">
      {changed.length > 0 && table(changed, "바뀐 항목")}
      {unchanged.length > 0 && (
        <details>
          <summary className="cursor-pointer py-1 text-xs font-bold text-muted">
            바뀌지 않은 항목 {unchanged.length}개
          </summary>
          {table(unchanged, "바뀌지 않은 항목")}
        </details>
      )}
    </div>
  );
}

/**
 * One side of a field's row: the old value struck through when it went away (changed or
 * removed), the new one in bold when it came (changed or added).
 */
function ValueCell({
  side,
  value,
  change,
}: {
  side: "before" | "after";
  value: AuditValue;
  change: DiffChange;
}) {
  const marked = change !== "unchanged" && change !== (side === "before" ? "added" : "removed");
  return (
    <td
      style={value.mono ? monoStyle : undefined}
      className={cx(
        "break-words py-1.5 align-top",
        value.mono && "break-all",
        side === "before" && "pr-3",
        marked &&
          (side === "before"
            ? "text-danger line-through decoration-danger/40"
            : "font-bold text-success"),
      )}
    >
      {value.text}
    </td>
  );
}
