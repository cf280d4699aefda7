import { cx } from "@/components/ui/cx";

/**
 * One choice out of a few, as full-width labelled radio rows (a settings form's policy picks):
 * each row is a touch target, the chosen one outlined, the field's error under the group.
 */
export function RadioOptions({
  name,
  legend,
  hint,
  options,
  selected,
  error,
  columns = 1,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly (readonly [value: string, label: string])[];
  selected: string;
  error?: string | undefined;
  columns?: 1 | 3;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={hintId}>
      <legend className="text-sm font-bold">{legend}</legend>
      {hint && (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <div className={cx("grid grid-cols-1 gap-2", columns === 3 && "sm:grid-cols-3")}>
        {options.map(([value, label]) => (
          <label
            key={value}
            className="flex min-h-touch cursor-pointer items-center gap-3 rounded-lg border border-border px-3 has-[:checked]:border-primary"
          >
            <input
              type="radio"
              name={name}
              value={value}
              defaultChecked={selected === value}
              className="size-4 shrink-0 accent-[rgb(var(--color-primary))]"
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {error && <p className="text-sm text-danger">{error}</p>}
    </fieldset>
  );
}
