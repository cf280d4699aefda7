import { ButtonLink } from "@/components/ui/button-link";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { Plan } from "@/lib/db/schema";
import {
  formatBillingInterval,
  formatKRW,
  formatPlanPrice,
  formatPricePeriod,
  formatTaxNote,
  formatTrial,
} from "@/lib/format";

export type PlanCardPlan = Pick<
  Plan,
  | "slug"
  | "name"
  | "description"
  | "features"
  | "amount"
  | "amountTaxFree"
  | "interval"
  | "intervalCount"
  | "trialDays"
>;

/** The feature list's check mark (`.icon-check` in app/globals.css: a stylesheet mask, not inline SVG). */
function CheckIcon() {
  return <span aria-hidden="true" className="icon-check mt-0.5 size-4 shrink-0 text-primary" />;
}

/** One plan on the storefront: price, trial, features and the 구독하기 call to action. */
export function PlanCard({
  plan,
  headingLevel: Heading = "h3",
  className,
}: {
  plan: PlanCardPlan;
  headingLevel?: "h2" | "h3";
  className?: string;
}) {
  const trial = formatTrial(plan.trialDays);
  const headingId = `plan-${plan.slug}`;
  return (
    <article
      aria-labelledby={headingId}
      className={cx(
        "flex flex-col rounded-card border border-border bg-surface p-6 shadow-card",
        trial && "border-primary/40 ring-1 ring-primary/20",
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Heading id={headingId} className="text-xl font-bold">
          {plan.name}
        </Heading>
        {trial && <Badge tone="info">{trial}</Badge>}
      </div>
      {plan.description && (
        <p className="mt-2 text-sm leading-relaxed text-muted">{plan.description}</p>
      )}

      {/* Screen readers get the whole price as one phrase ("월 9,900원"); the eye gets the period
          small and the amount large. */}
      <p className="mt-6">
        <span className="sr-only">{formatPlanPrice(plan)}</span>
        <span aria-hidden="true">
          <span className="text-base font-bold text-muted">
            {formatPricePeriod(plan.interval, plan.intervalCount)}
          </span>{" "}
          <span className="text-3xl font-bold tracking-tight">{formatKRW(plan.amount)}</span>
        </span>
      </p>
      <p className="mt-1 text-sm text-muted">
        {trial
          ? `체험이 끝나면 ${formatBillingInterval(plan.interval, plan.intervalCount)} 자동결제`
          : `${formatBillingInterval(plan.interval, plan.intervalCount)} 자동결제`}
        {` · ${formatTaxNote(plan)}`}
      </p>

      {plan.features.length > 0 && (
        <ul className="mt-6 space-y-2.5 text-sm" aria-label={`${plan.name} 혜택`}>
          {plan.features.map((feature) => (
            <li key={feature} className="flex gap-2">
              <CheckIcon />
              <span>{feature}</span>
            </li>
          ))}
        </ul>
      )}

      <div className="mt-auto pt-8">
        <ButtonLink
          href={`/subscribe/${encodeURIComponent(plan.slug)}`}
          fullWidth
          aria-label={`${plan.name} 구독하기`}
        >
          구독하기
        </ButtonLink>
      </div>
    </article>
  );
}
