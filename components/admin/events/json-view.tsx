import { cx } from "@/components/ui/cx";

/** A JSON value, pretty-printed, in a box that scrolls instead of stretching the page. */
export function JsonView({ value, className }: { value: unknown; className?: string }) {
  return (
    <pre
      tabIndex={0}
      className={cx(
        "max-h-96 overflow-auto rounded-lg bg-surface-muted p-3 font-mono text-xs leading-relaxed",
        className,
      )}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
