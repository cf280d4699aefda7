import type { FilterSpec } from "./list-page";

type Option = { value: string; label: string };
type TextExtra = Omit<Extract<FilterSpec, { kind: "text" }>, "kind" | "name" | "label">;

/** The controls of a list page's filter bar, one line each. */
export const filter = {
  select: (name: string, label: string, options: readonly Option[]): FilterSpec => ({
    kind: "select",
    name,
    label,
    options,
  }),
  /** Free text (`type: "search"` for a search box). */
  text: (name: string, label: string, extra: TextExtra = {}): FilterSpec => ({
    kind: "text",
    name,
    label,
    ...extra,
  }),
  dateRange: { kind: "dateRange" } as FilterSpec,
  /** The options of an enum filter, each value in words. */
  options: <Value extends string>(values: readonly Value[], labels: Record<Value, string>) =>
    values.map((value): Option => ({ value, label: labels[value] })),
};
