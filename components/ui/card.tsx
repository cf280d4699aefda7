import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "./cx";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      className={cx("rounded-card border border-border bg-surface shadow-card", className)}
      {...props}
    />
  );
}

/** A card section with a heading; `titleAs` keeps the document outline right where it is used. */
export function CardSection({
  title,
  titleAs: Heading = "h2",
  description,
  action,
  children,
  className,
  ...props
}: Omit<ComponentProps<"section">, "title"> & {
  title: ReactNode;
  titleAs?: "h2" | "h3";
  description?: ReactNode;
  action?: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={cx("rounded-card border border-border bg-surface shadow-card", className)}
      {...props}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4 sm:px-6">
        <div className="min-w-0 space-y-1">
          <Heading id={headingId} className="text-lg font-bold">
            {title}
          </Heading>
          {description && <p className="text-sm text-muted">{description}</p>}
        </div>
        {action}
      </div>
      <div className="px-5 py-5 sm:px-6">{children}</div>
    </section>
  );
}
