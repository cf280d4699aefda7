import { monoStyle } from "@/components/admin/list/mono";
import { cx } from "@/components/ui/cx";

/** A JSON value, pretty-printed, in a box that scrolls instead of stretching the page. */
export function JsonView({ value, className }: { value: unknown; className?: string }) {
  return (
    <pre
      tabIndex={0}
      style={monoStyle}
      className={cx(
        "max-h-96 overflow-auto rounded-lg bg-surface-muted p-3 text-xs leading-relaxed",
        className,
      )}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
