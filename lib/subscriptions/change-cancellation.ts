import { and, eq, ne } from "drizzle-orm";
import { applyTransition } from "@/lib/billing/apply-transition";
import { InvalidTransitionError } from "@/lib/billing/subscription-transitions";
import { db, type Executor } from "@/lib/db/client";
import { subscriptions, type Subscription } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

// Cancel (at period end or now) and resume, for customers and admins alike. The actor string
// is recorded in the subscription's history.

async function withLiveSubscription<T>(
  userId: string,
  fn: (tx: Executor, sub: Subscription) => Promise<T>,
): Promise<T> {
  return db().transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, userId), ne(subscriptions.status, "canceled")))
      .for("update");
    if (!sub) {
      throw new AppError("not_found", `user ${userId} has no live subscription`, {
        userMessage: "이용 중인 구독이 없어요.",
      });
    }
    try {
      return await fn(tx, sub);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw new AppError("conflict", error.message, {
          userMessage: "지금 상태에서는 할 수 없는 변경이에요. 화면을 새로고침해 주세요.",
        });
      }
      throw error;
    }
  });
}

export async function cancelSubscription(input: {
  userId: string;
  atPeriodEnd: boolean;
  actor: string;
  reason: string;
  now?: Date;
}): Promise<Subscription> {
  const now = input.now ?? new Date();
  return withLiveSubscription(input.userId, (tx, sub) =>
    applyTransition(
      tx,
      sub,
      { type: "cancel_requested", now, atPeriodEnd: input.atPeriodEnd, reason: input.reason },
      input.actor,
    ),
  );
}

export async function resumeSubscription(input: {
  userId: string;
  actor: string;
  now?: Date;
}): Promise<Subscription> {
  const now = input.now ?? new Date();
  return withLiveSubscription(input.userId, (tx, sub) =>
    applyTransition(tx, sub, { type: "resumed", now }, input.actor),
  );
}
