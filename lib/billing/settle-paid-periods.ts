import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { jsonRowColumn, jsonRows } from "@/lib/db/json-rows";
import type { Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  type ChargeAttempt,
  type PaymentMethod,
  type Subscription,
} from "@/lib/db/schema";
import { applyChanges } from "./apply-transition";
import { handingBackLease } from "./claim-due-subscriptions";
import { fillMethodDetails } from "./fill-method-details";
import { isLiveAttempt } from "./live-attempts";
import type { TemplateContext } from "@/lib/notifications/templates";
import { notifyCustomers } from "./notify-customer";
import type { Settled } from "./settle-charge-attempt";
import type { SettleContext, SettleResult } from "./settle-hook";
import { paidEventData, paidNotice } from "./settle-period-attempt";
import { transition } from "./subscription-transitions";

// The billing run's common answer, written for a whole group commit at once: a success for the
// outstanding period of a live subscription. Settled one by one (settle-charge-attempt.ts), each
// costs four statements (close the attempt, move the subscription, its history entry, the
// receipt), and PostgreSQL parsing and planning each of them, and the engine building and
// sending each, is most of a charge's CPU. Here a batch of them costs four multi-row statements,
// and each row holds exactly what the one-by-one path writes: the transition, the history entry
// and the notice are computed by the same functions (subscription-transitions.ts,
// settle-period-attempt.ts paidEventData/paidNotice).

export type PaidPeriodCandidate = {
  // Locked by the caller, and live (not canceled): period_paid is allowed from every live status.
  sub: Subscription;
  plan: SettleContext["plan"];
  attemptId: string;
  result: Extract<SettleResult, { outcome: "succeeded" }>;
  // The attempt's method as read at reservation (fillMethodDetails' shortcut).
  method?: PaymentMethod | undefined;
};

/**
 * Closes the candidates' attempts as succeeded where each is still live, for the amount asked,
 * of purpose "period" and for its subscription's outstanding period, and pays that period.
 * Returns what it settled, by attempt id. A candidate it did not settle was not touched (its
 * attempt is no longer live, reports another amount, is a proration, or is for another period):
 * the caller settles it one by one, which decides what such an answer means.
 */
export async function settlePaidPeriods(
  tx: Executor,
  candidates: PaidPeriodCandidate[],
  now: Date,
  templateContext?: TemplateContext,
): Promise<Map<string, Settled>> {
  const settled = new Map<string, Settled>();
  if (candidates.length === 0) return settled;
  const closed = await closeSucceededAttempts(tx, candidates, now);
  if (closed.length === 0) return settled;
  const byAttempt = new Map(candidates.map((c) => [c.attemptId, c]));
  const paid = closed.map((attempt) => {
    const { sub, plan, result, method } = byAttempt.get(attempt.id)!;
    // The run's lease goes in the same UPDATE once the row is no longer due (the usual case:
    // its next charge is a period away), so the run's release has nothing left to write.
    const change = handingBackLease(
      sub,
      transition(sub, { type: "period_paid", now, plan, periodNumber: attempt.periodNumber }),
      now,
    );
    return { sub, plan, attempt, change, method, charge: result.charge };
  });
  const [moved] = await Promise.all([
    applyChanges(
      tx,
      paid.map(({ sub, attempt, change }) => ({
        sub,
        change,
        actor: "system" as const,
        extraData: paidEventData(attempt),
      })),
      now,
    ),
    notifyCustomers(
      tx,
      paid.map(({ sub, plan, attempt, change }) =>
        paidNotice({ sub, plan, attempt, paid: { ...sub, ...change.patch }, now }),
      ),
      templateContext,
    ),
    // Usually no statement at all: the method read at reservation is already complete.
    ...paid.map(({ attempt, charge, method }) =>
      attempt.paymentMethodId
        ? fillMethodDetails(tx, attempt.paymentMethodId, charge.method, now, method)
        : Promise.resolve(),
    ),
  ]);
  paid.forEach(({ attempt }, i) => {
    const after = moved[i]!;
    settled.set(attempt.id, {
      attempt,
      subscription: { status: after.status, nextChargeAt: after.nextChargeAt },
    });
  });
  return settled;
}

const attemptColumns = getTableColumns(chargeAttempts);

/**
 * One UPDATE … FROM <the answers as rows> (lib/db/json-rows.ts) for the whole batch, with the
 * one-by-one path's success update per row (settle-charge-attempt.ts settleLocked) and, in the
 * same predicate, what makes the answer the common case.
 */
async function closeSucceededAttempts(
  tx: Executor,
  candidates: PaidPeriodCandidate[],
  now: Date,
): Promise<ChargeAttempt[]> {
  const columns = [
    attemptColumns.id,
    attemptColumns.subscriptionId,
    attemptColumns.periodNumber,
    attemptColumns.amount,
    attemptColumns.providerPaymentId,
    attemptColumns.providerTransactionId,
    attemptColumns.receiptUrl,
    attemptColumns.approvedAt,
    attemptColumns.rawResponse,
    attemptColumns.updatedAt,
  ];
  const answers = jsonRows(
    "answer",
    columns,
    candidates.map(({ sub, attemptId, result: { charge, raw } }) => [
      attemptId,
      sub.id,
      sub.periodNumber + 1,
      charge.amount,
      charge.providerPaymentId,
      charge.providerTransactionId,
      charge.receiptUrl,
      charge.approvedAt ?? now,
      raw,
      now,
    ]),
  );
  const answer = (column: (typeof columns)[number]) => jsonRowColumn("answer", column);
  return (
    tx
      .update(chargeAttempts)
      // Constants as literals and values from the rows: a statement without parameters goes out
      // in one message (lib/db/json-rows.ts says why).
      .set({
        rawResponse: answer(attemptColumns.rawResponse),
        updatedAt: answer(attemptColumns.updatedAt),
        status: sql`'succeeded'`,
        failureCategory: null,
        errorCode: null,
        errorMessage: null,
        customerMessage: null,
        providerPaymentId: answer(attemptColumns.providerPaymentId),
        providerTransactionId: answer(attemptColumns.providerTransactionId),
        receiptUrl: answer(attemptColumns.receiptUrl),
        approvedAt: answer(attemptColumns.approvedAt),
      })
      .where(
        and(
          eq(chargeAttempts.id, answer(attemptColumns.id)),
          eq(chargeAttempts.subscriptionId, answer(attemptColumns.subscriptionId)),
          isLiveAttempt(),
          // Only an answer for the amount we asked closes the attempt (settleLocked says why).
          eq(chargeAttempts.amount, answer(attemptColumns.amount)),
          // The outstanding period: anything else needs the per-purpose path (a proration's
          // hook, or charge_needs_review for a period no longer expected).
          sql`${chargeAttempts.purpose} = 'period'`,
          eq(chargeAttempts.periodNumber, answer(attemptColumns.periodNumber)),
        ),
      )
      .from(answers)
      .returning(attemptColumns)
  );
}
