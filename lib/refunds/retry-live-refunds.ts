import { and, asc, inArray, isNull, lte, notInArray, or } from "drizzle-orm";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { db } from "@/lib/db/client";
import { refunds, type Refund } from "@/lib/db/schema";
import { SYSTEM_ACTOR } from "./refund-audit";
import { AMBIGUOUS_ON_RETRY, isLive, resendLiveRefund } from "./refund-charge";

// The billing run's step for refunds whose answer never came (timeout, crash, lost response):
// each is re-sent with its stored refundNo and amount, which Toss Pay answers with the first
// result instead of refunding again (docs/providers.md §1.4.6, `idempotent`), exactly like the
// admin's "다시 시도" but with the system as the actor.
//
// Grace: only refunds recorded at least 10 minutes before the run's moment. A refund's first
// request is sent right after its row commits, without the charge lock, and gives up after the
// client timeout (15 s, lib/payments/toss-pay/client.ts); 10 minutes is far beyond that even on
// a slow server, so the run never races a request still in flight, while the hourly cron still
// finishes a lost refund within the hour.
//
// Refunds whose last retry got an ambiguous answer (REFUND_REFUND_NO_DUPLICATE …) stay unknown
// for a person to check at the provider; re-sending would only get the same answer, and oldest
// first they would take every run's slots.

export const REFUND_RETRY_GRACE_MS = 10 * 60 * 1000;
// Per run, one at a time: each may hold a connection for up to one provider timeout. Lost
// answers are rare (refunds are started by hand), so 20 an hour clears any realistic backlog.
export const REFUND_RETRIES_PER_RUN = 20;

export type RefundRetrySweep = {
  /** Re-sent to the provider this run. */
  retried: number;
  /** Of those, now succeeded or failed for good. */
  resolved: number;
  /** Of those, still without a definite answer. */
  stillUnknown: number;
  errors: number;
};

export async function retryLiveRefunds(input: {
  now: Date;
  providerFor?: ProviderFor | undefined;
  shouldStop?: () => boolean;
  limit?: number;
  runId?: string;
}): Promise<RefundRetrySweep> {
  const sweep: RefundRetrySweep = { retried: 0, resolved: 0, stillUnknown: 0, errors: 0 };
  const cutoff = new Date(input.now.getTime() - REFUND_RETRY_GRACE_MS);
  const eligible = (refund: Refund) =>
    isLive(refund) &&
    refund.createdAt <= cutoff &&
    (refund.errorCode === null || !AMBIGUOUS_ON_RETRY.has(refund.errorCode));

  const candidates = await db()
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        inArray(refunds.status, ["pending", "unknown"]),
        lte(refunds.createdAt, cutoff),
        or(isNull(refunds.errorCode), notInArray(refunds.errorCode, [...AMBIGUOUS_ON_RETRY])),
      ),
    )
    .orderBy(asc(refunds.createdAt), asc(refunds.id))
    .limit(input.limit ?? REFUND_RETRIES_PER_RUN);

  for (const { id } of candidates) {
    if (input.shouldStop?.()) break;
    try {
      // Another run (or an admin) holding the charge is finishing this refund: skip, never wait.
      const resent = await resendLiveRefund(id, {
        actor: SYSTEM_ACTOR,
        now: input.now,
        providerFor: input.providerFor,
        ifBusy: "skip",
        eligible,
        auditDetails: { billingRunId: input.runId ?? null },
      });
      if (!resent?.sent) continue;
      sweep.retried += 1;
      if (isLive(resent.outcome.refund)) sweep.stillUnknown += 1;
      else sweep.resolved += 1;
    } catch (error) {
      // The refund stays live; the next run tries again.
      sweep.errors += 1;
      console.error(`[billing] retrying refund ${id} failed:`, error);
    }
  }
  return sweep;
}
