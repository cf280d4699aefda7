import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptions, trialInstruments } from "@/lib/db/schema";

// One free trial per account and one per payment instrument (docs/consent-and-legal.md
// "Fair trials").

/** Whether this customer has ever started a trial (any subscription, ended ones included). */
export async function accountHadTrial(executor: Executor, userId: string): Promise<boolean> {
  const [earlier] = await executor
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), isNotNull(subscriptions.trialStart)))
    .limit(1);
  return earlier !== undefined;
}

/**
 * Claims the instrument's one trial for this subscription: true when it is the first trial on
 * the instrument (the row is written now, in the caller's transaction), false when another
 * subscription already had it. The primary key decides, not a prior read, so two accounts
 * linking the same card at the same moment cannot both start a trial.
 */
export async function claimInstrumentTrial(
  tx: Executor,
  input: { fingerprint: string; userId: string; subscriptionId: string; now: Date },
): Promise<boolean> {
  const [claimed] = await tx
    .insert(trialInstruments)
    .values({
      fingerprint: input.fingerprint,
      userId: input.userId,
      subscriptionId: input.subscriptionId,
      firstTrialAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ fingerprint: trialInstruments.fingerprint });
  return claimed !== undefined;
}
