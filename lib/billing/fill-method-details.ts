import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { paymentMethods } from "@/lib/db/schema";
import { methodColumns } from "@/lib/payments/method-columns";
import type { MethodDetails } from "@/lib/payments/types";

/**
 * A successful charge's answer describes the method it was paid with: fills the display
 * columns that are still empty, never overwriting what registration or a details refresh
 * stored. Toss Payments' 퀵계좌이체 reveals the bank and masked account only here (a
 * registration does not: docs/providers.md §2.2), so the account page can show them after the
 * first charge. Only for a method of the same kind; a stranger's answer changes nothing.
 */
export async function fillMethodDetails(
  tx: Executor,
  methodId: string,
  details: MethodDetails | null,
  now: Date,
): Promise<void> {
  if (!details) return;
  const { kind, ...columns } = methodColumns(details);
  const fills = Object.entries(columns).filter(
    ([, value]) => value !== null && value !== undefined,
  );
  if (!kind || fills.length === 0) return;
  const set = Object.fromEntries(
    fills.map(([column, value]) => {
      const target = paymentMethods[column as keyof typeof columns];
      return [column, sql`coalesce(${target}, ${value})`];
    }),
  );
  await tx
    .update(paymentMethods)
    .set({ ...set, updatedAt: now })
    .where(and(eq(paymentMethods.id, methodId), eq(paymentMethods.kind, kind)));
}
