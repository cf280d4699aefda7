import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { controlClasses } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

/**
 * The filter bar of a list page: a GET form, so filters land in the URL (bookmarkable, and
 * the CSV export reuses them) and it works before JavaScript loads. Applying filters starts
 * again at page 1; the sort and page size are carried along in hidden fields.
 */
export function FilterForm({
  path,
  keep,
  children,
  label = "검색 조건",
}: {
  path: string;
  keep: Record<string, string | number | undefined>;
  children: ReactNode;
  label?: string;
}) {
  return (
    <form
      method="get"
      action={path}
      role="search"
      aria-label={label}
      className="rounded-card border border-border bg-surface p-4 shadow-card sm:p-5"
    >
      {Object.entries(keep).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <div className="grid grid-cols-2 gap-x-3 gap-y-4 sm:gap-x-4 lg:grid-cols-4">{children}</div>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <ButtonLink href={path} variant="ghost">
          초기화
        </ButtonLink>
        <Button type="submit">검색</Button>
      </div>
    </form>
  );
}

/**
 * Two fields share a row on phones; `wide` ones (dates, whose native picker needs the room,
 * and search boxes) take the whole row there.
 */
export function FilterField({
  label,
  htmlFor,
  children,
  wide = false,
  className,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
  wide?: boolean;
  className?: string;
}) {
  return (
    <div className={cx("min-w-0 space-y-1.5", wide && "col-span-2 sm:col-span-1", className)}>
      <label htmlFor={htmlFor} className="block text-sm font-bold">
        {label}
      </label>
      {children}
    </div>
  );
}

export function FilterSelect({
  id,
  name,
  value,
  options,
  allLabel = "전체",
}: {
  id: string;
  name: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  allLabel?: string;
}) {
  return (
    <select id={id} name={name} defaultValue={value ?? ""} className={controlClasses}>
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function FilterInput({
  id,
  name,
  value,
  ...props
}: Omit<React.ComponentProps<"input">, "value" | "defaultValue"> & {
  id: string;
  name: string;
  value: string | number | undefined;
}) {
  return (
    <input id={id} name={name} defaultValue={value ?? ""} className={controlClasses} {...props} />
  );
}
