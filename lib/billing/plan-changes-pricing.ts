import {
  periodBoundary,
  prorateByDays,
  prorationDays,
  type BillingInterval,
  type ProrationDays,
} from "./periods";

// What a plan change costs and when it takes effect (docs/billing.md "Plan changes"). Pure, so the
// account page can show the exact amount before the customer confirms, and the engine charges
// the same figure.
//
// - Same period length, higher price: upgrade now, charge the prorated difference for the rest of
//   the period: whole Seoul days left, today included, rounded down to 10원 (periods.ts).
// - Same period length, lower price: downgrade at current_period_end, nothing charged now.
// - Same period length, same price: switch now, nothing to charge.
// - Longer period (monthly → yearly): an upgrade that starts a new period now; the unused part
//   of the old period (whole days after today, rounded down to 10원) is credited against the new
//   period's price.
// - Shorter period (yearly → monthly): like a downgrade, at current_period_end.

// Toss Pay's card minimum (docs/billing.md "Money"). A prorated difference below it is not charged:
// the customer gets the rest of the period at the higher plan for free rather than a charge the
// provider refuses. An interval change that would charge less than this waits for period end.
export const MINIMUM_CHARGE = 100;

export type PlanPriceTerms = {
  amount: number; // KRW per period
  amountTaxFree: number; // KRW
  interval: BillingInterval;
  intervalCount: number;
};

export type PlanChangeQuote =
  | {
      kind: "upgrade";
      effectiveAt: Date;
      chargeNow: number; // KRW, 0 when waived
      chargeTaxFree: number; // KRW
      // KRW: the prorated difference that was below MINIMUM_CHARGE and is not charged.
      waived: number;
      // What the difference is for ("남은 31일치 차액"), for the confirm dialog.
      days: ProrationDays;
    }
  | { kind: "lateral"; effectiveAt: Date; chargeNow: 0 }
  | { kind: "downgrade"; effectiveAt: Date; chargeNow: 0 }
  | {
      kind: "interval_change";
      effectiveAt: Date;
      chargeNow: number; // KRW: the new period's price minus the credit
      chargeTaxFree: number; // KRW
      credit: number; // KRW: the unused part of the current period
      creditDays: ProrationDays; // the days the credit is for
      newPeriodStart: Date;
      newPeriodEnd: Date;
    };

const APPROX_DAYS: Record<BillingInterval, number> = {
  day: 1,
  week: 7,
  month: 30.436875,
  year: 365.2425,
};

/** Compares period lengths: -1 shorter, 0 same (12 months = 1 year), 1 longer. */
export function comparePeriodLength(
  a: Pick<PlanPriceTerms, "interval" | "intervalCount">,
  b: Pick<PlanPriceTerms, "interval" | "intervalCount">,
): -1 | 0 | 1 {
  const da = APPROX_DAYS[a.interval] * a.intervalCount;
  const db = APPROX_DAYS[b.interval] * b.intervalCount;
  if (Math.abs(da - db) < 1e-6) return 0;
  return da < db ? -1 : 1;
}

export function quotePlanChange(input: {
  // What the subscriber pays now (subscriptions.price_amount, which may be below the plan's
  // current price while a price-rise consent is outstanding) on the current plan's terms.
  current: PlanPriceTerms;
  target: PlanPriceTerms;
  periodStart: Date;
  periodEnd: Date;
  now: Date;
}): PlanChangeQuote {
  const { current, target, periodStart, periodEnd, now } = input;
  const length = comparePeriodLength(target, current);

  if (length < 0) return { kind: "downgrade", effectiveAt: periodEnd, chargeNow: 0 };

  if (length > 0) {
    const creditDays = prorationDays(periodStart, periodEnd, now, "used");
    const credit = prorateByDays(current.amount, creditDays);
    const chargeNow = target.amount - credit;
    if (chargeNow < MINIMUM_CHARGE) {
      return { kind: "downgrade", effectiveAt: periodEnd, chargeNow: 0 };
    }
    const creditTaxFree = prorateByDays(current.amountTaxFree, creditDays, 1);
    return {
      kind: "interval_change",
      effectiveAt: now,
      chargeNow,
      chargeTaxFree: Math.min(chargeNow, Math.max(0, target.amountTaxFree - creditTaxFree)),
      credit,
      creditDays,
      newPeriodStart: now,
      newPeriodEnd: periodBoundary(now, target.interval, target.intervalCount, 1),
    };
  }

  if (target.amount < current.amount) {
    return { kind: "downgrade", effectiveAt: periodEnd, chargeNow: 0 };
  }
  if (target.amount === current.amount) return { kind: "lateral", effectiveAt: now, chargeNow: 0 };

  const days = prorationDays(periodStart, periodEnd, now, "ahead");
  const difference = prorateByDays(target.amount - current.amount, days);
  const taxFree = prorateByDays(Math.max(0, target.amountTaxFree - current.amountTaxFree), days, 1);
  if (difference < MINIMUM_CHARGE) {
    return {
      kind: "upgrade",
      effectiveAt: now,
      chargeNow: 0,
      chargeTaxFree: 0,
      waived: difference,
      days,
    };
  }
  return {
    kind: "upgrade",
    effectiveAt: now,
    chargeNow: difference,
    chargeTaxFree: Math.min(difference, taxFree),
    waived: 0,
    days,
  };
}
