import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { paymentMethods, type PaymentMethod } from "@/lib/db/schema";
import { methodColumns } from "@/lib/payments/method-columns";
import type { MethodDetails } from "@/lib/payments/types";

/**
 * A successful charge's answer describes the method it was paid with: fills the display
 * columns that are still empty, never overwriting what registration or a details refresh
 * stored. Toss Payments' 퀵계좌이체 reveals the bank and masked account only here (a
 * registration does not: docs/providers.md §2.2), so the account page can show them after the
 * first charge. Only for a method of the same kind; a stranger's answer changes nothing.
 *
 * `known` is the method row as the caller read it (the billing run's reservation): when it
 * already has every column the answer could fill, nothing is sent at all. That is every renewal
 * after a method's first charge, so the common path costs no statement; without it, the UPDATE
 * still only writes a row that has an empty column to fill.
 */
export async function fillMethodDetails(
  tx: Executor,
  methodId: string,
  details: MethodDetails | null,
  now: Date,
  known?: PaymentMethod | null,
): Promise<void> {
  if (!details) return;
  const { kind, ...columns } = methodColumns(details);
  const fills = Object.entries(columns).filter(
    ([, value]) => value !== null && value !== undefined,
  ) as [keyof typeof columns, unknown][];
  if (!kind || fills.length === 0) return;
  if (known?.id === methodId && known.kind === kind && fills.every(([c]) => known[c] !== null)) {
    return;
  }
  const set = Object.fromEntries(
    fills.map(([column, value]) => [column, sql`coalesce(${paymentMethods[column]}, ${value})`]),
  );
  await tx
    .update(paymentMethods)
    .set({ ...set, updatedAt: now })
    .where(
      and(
        eq(paymentMethods.id, methodId),
        eq(paymentMethods.kind, kind),
        or(...fills.map(([column]) => isNull(paymentMethods[column]))),
      ),
    );
}
