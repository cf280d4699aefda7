import { and, eq, inArray, like, ne, or } from "drizzle-orm";
import { customerActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { endAllSessions } from "@/lib/auth/end-all-sessions";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import {
  accounts,
  notifications,
  paymentMethods,
  sessions,
  subscriptions,
  users,
  verificationTokens,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { removeMethod } from "@/lib/payment-methods/remove-method";
import { markRegistrationFailed } from "@/lib/payment-methods/sync-registration";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { withdrawSubscription } from "@/lib/subscriptions/withdraw-subscription";

// 회원탈퇴. In order, each step through the path that already does it everywhere else:
//  1. the live subscription ends now: by 청약철회 with its full refund when the customer asked
//     for it and the withdrawal applies (withdrawSubscription, which decides again under the
//     locks and refuses otherwise), else by cancelSubscription (the engine's transition: no more
//     charges, the history records why);
//  2. the active billing key is deleted at the provider (removeMethod; a provider that refuses
//     stops the whole thing here, with nothing erased, so the customer can try again: a key we
//     forgot about could still be charged); a registration still pending is ended
//     (markRegistrationFailed);
//  3. in one transaction: every session ends, the personal data is erased and the row kept,
//     anonymised, for the records the law makes us keep.
// Kept for 5 years (전자상거래 등에서의 소비자보호에 관한 법률 제6조, 시행령 제6조: 대금결제 및
// 재화 등의 공급에 관한 기록, 계약 또는 청약철회 등에 관한 기록): subscriptions, charge attempts,
// refunds and consents, linked to the anonymised user. The masked card/account number and card
// company stay on the method rows as part of those payment records; the key itself does not.
// Erased: email (a non-routable placeholder frees the address for a new sign-up), name, image,
// password, Kakao/Naver links, sessions, pending links, and the emails we sent (they quote the
// name and address).

export const LEAVE_CONFIRMATION_PHRASE = "탈퇴할게요";

// The password is checked here, so this is a guessing surface like sign-in.
export const LEAVE_RATE_LIMIT = {
  name: "leave-account:user",
  limit: 5,
  windowMs: 15 * 60_000,
} as const satisfies RateLimitRule;

/** The placeholder a left account's email becomes: unique, lower-case, and never deliverable. */
export function leftAccountEmail(userId: string): string {
  return `left-${userId.toLowerCase()}@deleted.invalid`;
}

export type LeaveAccountInput = {
  userId: string;
  // A password account confirms with its password; a Kakao/Naver-only one types the phrase.
  password?: string;
  confirmation?: string;
  // 청약철회 with the amount the page showed (withdrawalOffer); absent: end without a refund.
  withdraw?: { expectedAmount: number };
  now?: Date;
  providerFor?: ProviderFor;
};

/** What leaving did that the customer is told about: the refund a withdrawal requested. */
export type LeaveResult = { refundedAmount: number };

export async function leaveAccount(input: LeaveAccountInput): Promise<LeaveResult> {
  const now = input.now ?? new Date();
  const database = db();
  const decision = await consumeRateLimit(database, LEAVE_RATE_LIMIT, input.userId, now);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "leave-account throttled", {
      userMessage: `시도가 너무 많아요. ${Math.ceil(decision.retryAfterSeconds / 60)}분 뒤에 다시 시도해 주세요.`,
    });
  }
  const [user] = await database
    .select({ email: users.email, passwordHash: users.passwordHash, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user || user.deletedAt) {
    throw new AppError("not_found", `no account ${input.userId}`, {
      userMessage: "이미 탈퇴한 계정이에요.",
    });
  }
  await confirmIdentity(user.passwordHash, input);

  const actor = customerActor(input.userId);
  const [live] = await database
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, input.userId), ne(subscriptions.status, "canceled")));
  let refundedAmount = 0;
  if (live && input.withdraw) {
    const withdrawn = await withdrawSubscription({
      subscriptionId: live.id,
      userId: input.userId,
      expectedAmount: input.withdraw.expectedAmount,
      now,
      ...(input.providerFor ? { providerFor: input.providerFor } : {}),
    });
    refundedAmount = withdrawn.amount;
  } else if (live) {
    await cancelSubscription(live.id, {
      actor,
      atPeriodEnd: false,
      reason: "customer: account_deleted",
      now,
    });
  }

  const keyed = await database
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.userId, input.userId), eq(paymentMethods.status, "active")));
  for (const method of keyed) {
    await removeMethod({
      userId: input.userId,
      methodId: method.id,
      actor: `customer:${input.userId}`,
      now,
      ...(input.providerFor ? { providerFor: input.providerFor } : {}),
    });
  }

  // A registration still waiting for approval ends the way an abandoned one does; an approval
  // that arrives later finds it ended and activates nothing.
  const pending = await database
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.userId, input.userId), eq(paymentMethods.status, "pending")));
  for (const method of pending) {
    await markRegistrationFailed(method, "ACCOUNT_LEFT", "The customer left (회원탈퇴).", now);
  }

  await database.transaction(async (tx) => {
    await endAllSessions(tx, input.userId, now);
    await tx
      .update(users)
      .set({
        email: leftAccountEmail(input.userId),
        name: null,
        image: null,
        passwordHash: null,
        emailVerified: null,
        role: "customer",
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, input.userId));
    await tx.delete(accounts).where(eq(accounts.userId, input.userId));
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await tx
      .delete(verificationTokens)
      .where(
        or(
          eq(verificationTokens.identifier, user.email),
          like(verificationTokens.identifier, `%:${input.userId}`),
          like(verificationTokens.identifier, `%:${input.userId}:%`),
        ),
      );
    await tx.delete(notifications).where(eq(notifications.userId, input.userId));
    // Keys of ended registrations (pending, failed, replaced, removed): none can be charged any
    // more, and none is a record anyone must keep.
    const methodIds = (
      await tx
        .select({ id: paymentMethods.id })
        .from(paymentMethods)
        .where(eq(paymentMethods.userId, input.userId))
    ).map((m) => m.id);
    if (methodIds.length > 0) {
      await tx
        .update(paymentMethods)
        .set({
          billingKeyCiphertext: null,
          billingKeyFingerprint: null,
          checkoutLinks: null,
          providerDisplayId: null,
          updatedAt: now,
        })
        .where(inArray(paymentMethods.id, methodIds));
    }
    await recordAudit(tx, {
      actor,
      action: "account.leave",
      targetType: "user",
      targetId: input.userId,
      // No personal data in the log: what was done, not what was erased.
      after: {
        subscriptionEnded: live?.id ?? null,
        withdrawalRefund: refundedAmount,
        billingKeysRemoved: keyed.length,
      },
      at: now,
    });
  });
  return { refundedAmount };
}

async function confirmIdentity(passwordHash: string | null, input: LeaveAccountInput) {
  if (passwordHash) {
    const ok = input.password ? await verifyPassword(passwordHash, input.password) : false;
    if (!ok) {
      throw new AppError("bad_request", "wrong password", {
        userMessage: "비밀번호가 올바르지 않아요.",
        details: { fieldErrors: { password: "비밀번호가 올바르지 않아요." } },
      });
    }
    return;
  }
  if ((input.confirmation ?? "").trim() !== LEAVE_CONFIRMATION_PHRASE) {
    throw new AppError("bad_request", "confirmation phrase missing", {
      userMessage: `확인을 위해 '${LEAVE_CONFIRMATION_PHRASE}'를 입력해 주세요.`,
      details: {
        fieldErrors: {
          confirmation: `확인을 위해 '${LEAVE_CONFIRMATION_PHRASE}'를 그대로 입력해 주세요.`,
        },
      },
    });
  }
}
