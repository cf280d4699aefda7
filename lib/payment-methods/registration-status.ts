import { and, desc, eq, lt, or, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, paymentMethods, subscriptions } from "@/lib/db/schema";
import { CUSTOMER_CANCELED } from "./cancel-registration";
import { findOwnMethod } from "./find-own-method";
import { findPaidStartOffer } from "./paid-start-offer";
import { takeProviderStatusCall } from "./provider-status-budget";
import { syncRegistration } from "./sync-registration";

// What the waiting page polls. Reading is cheap (our database); asking the provider is not
// (Toss may block IPs that call aggressively, docs/providers.md §1.1), so the provider is asked at
// most every PROVIDER_SYNC_INTERVAL_MS per registration — a fallback for a lost callback; the
// callback itself activates the method instantly. With many customers waiting at once, the
// provider's shared budget (provider-status-budget.ts) caps the total on top of that.
const PROVIDER_SYNC_INTERVAL_MS = 8_000;

export type RegistrationStatus = {
  // cancelled: the customer pressed 등록 취소 on the waiting page (cancel-registration.ts).
  state: "pending" | "active" | "failed" | "expired" | "cancelled";
  expiresAt: string | null;
  failureMessage: string | null;
  subscription: {
    status: string;
    trialEnd: string | null;
    // The next charge the engine will make and its amount (KRW): the success screen states them.
    nextChargeAt: string | null;
    amount: number;
  } | null;
  // The instrument already had its free trial: nothing is charged until the customer agrees to
  // this (paid-start-offer.ts).
  paidStartOffer: { amount: number; consentText: string } | null;
  charge: {
    status: "pending" | "unknown" | "succeeded" | "failed";
    amount: number;
    receiptUrl: string | null;
    message: string | null;
  } | null;
};

const FAILURE_MESSAGES: Record<string, string> = {
  EXPIRED: "등록 시간이 지났어요. 다시 시도해 주세요.",
  KEY_MISMATCH: "결제수단 확인에 실패했어요. 다시 시도해 주세요.",
  BILLING_KEY_REGISTRATION_CANCELLED: "토스 앱에서 등록을 취소했어요.",
  BILLING_KEY_UNREGISTERED_BY_CANCEL: "토스 앱에서 등록을 취소했어요.",
  BILLING_KEY_AUTH_ERROR: "인증 시간이 지났어요. 다시 시도해 주세요.",
  // completeRegistration's codes are BILLING_KEY_<status> of /billing-key/status.
  BILLING_KEY_CANCEL: "토스 앱에서 등록을 취소했어요.",
  BILLING_KEY_FAIL: "토스 앱에서 등록을 마치지 못했어요. 다시 시도해 주세요.",
  BILLING_KEY_REMOVE: "토스에서 해지된 결제수단이에요. 다시 등록해 주세요.",
  // A browser window's failUrl code (Toss Payments, docs/providers.md §2.2), or the SDK's
  // refusal (open-provider-window.ts), then the billing-key issue's card errors (§2.4).
  PAY_PROCESS_CANCELED: "결제수단 등록을 취소했어요. 아래에서 다시 등록할 수 있어요.",
  USER_CANCEL: "결제수단 등록을 취소했어요. 아래에서 다시 등록할 수 있어요.",
  PAY_PROCESS_ABORTED:
    "결제창에서 등록을 마치지 못했어요. 잠시 후 다시 시도하거나 다른 결제수단을 골라 주세요.",
  WINDOW_FAILED: "결제창에서 등록을 마치지 못했어요. 잠시 후 다시 시도해 주세요.",
  CUSTOMER_MISMATCH: "결제수단 확인에 실패했어요. 다시 시도해 주세요.",
  INVALID_RETURN: "결제수단 확인에 실패했어요. 다시 시도해 주세요.",
  REJECT_CARD_COMPANY:
    "카드사에서 등록을 거절했어요. 카드사에 문의하거나 다른 카드를 등록해 주세요.",
  INVALID_CARD_NUMBER: "카드 번호가 맞지 않아요. 확인하고 다시 등록해 주세요.",
  INVALID_CARD_EXPIRATION: "카드 유효기간이 맞지 않거나 지났어요. 확인하고 다시 등록해 주세요.",
  INVALID_STOPPED_CARD: "정지된 카드예요. 다른 카드를 등록해 주세요.",
  INVALID_REJECT_CARD: "카드사에서 사용을 막은 카드예요. 다른 카드를 등록해 주세요.",
  INVALID_CARD_IDENTITY: "카드 소유자 정보가 맞지 않아요. 확인하고 다시 등록해 주세요.",
  INVALID_BIRTH_DAY_FORMAT: "생년월일이나 사업자번호가 맞지 않아요. 확인하고 다시 등록해 주세요.",
  NOT_SUPPORTED_CARD_TYPE: "자동결제를 지원하지 않는 카드예요. 다른 카드를 등록해 주세요.",
  NOT_REGISTERED_CARD_COMPANY: "자동결제를 지원하지 않는 카드사예요. 다른 카드를 등록해 주세요.",
  EXCEED_MAX_AUTH_COUNT:
    "인증 가능 횟수를 넘었어요. 내일 다시 시도하거나 다른 결제수단을 골라 주세요.",
  INVALID_BILLING_AUTH: "인증 시간이 지났어요. 다시 등록해 주세요.",
};

export async function getRegistrationStatus(
  userId: string,
  methodId: string,
  now = new Date(),
): Promise<RegistrationStatus | null> {
  let method = await findOwnMethod(userId, methodId);
  if (!method) return null;

  const syncDue =
    method.lastSyncedAt === null ||
    method.lastSyncedAt.getTime() < now.getTime() - PROVIDER_SYNC_INTERVAL_MS;
  // Most polls fall inside the interval (the page polls every 2 s): the row just read says so,
  // and they skip the claim's UPDATE, which could not match.
  if (method.status === "pending" && syncDue) {
    // Claim the right to ask the provider: one poller per interval wins the update.
    const [claimed] = await db()
      .update(paymentMethods)
      .set({ lastSyncedAt: now })
      .where(
        and(
          eq(paymentMethods.id, method.id),
          eq(paymentMethods.status, "pending"),
          or(
            isNull(paymentMethods.lastSyncedAt),
            lt(paymentMethods.lastSyncedAt, new Date(now.getTime() - PROVIDER_SYNC_INTERVAL_MS)),
          ),
        ),
      )
      .returning({
        id: paymentMethods.id,
        holdsKey: sql<boolean>`${paymentMethods.billingKeyCiphertext} is not null`,
      });
    // Only a registration holding a key asks the provider; a browser-SDK one only checks its
    // expiry. A spent budget leaves the claim in place: this registration waits for its next
    // interval like any other.
    if (claimed && (!claimed.holdsKey || (await takeProviderStatusCall(method.provider, now)))) {
      await syncRegistration(method.id, { now });
      method = (await findOwnMethod(userId, methodId)) ?? method;
    }
  }

  const expired =
    method.status === "pending" &&
    method.registrationExpiresAt !== null &&
    method.registrationExpiresAt.getTime() < now.getTime();
  const state =
    method.status === "active" || method.status === "replaced" || method.status === "removed"
      ? "active"
      : method.status === "failed"
        ? method.failureCode === "EXPIRED"
          ? "expired"
          : method.failureCode === CUSTOMER_CANCELED
            ? "cancelled"
            : "failed"
        : expired
          ? "expired"
          : "pending";

  let subscription: RegistrationStatus["subscription"] = null;
  let charge: RegistrationStatus["charge"] = null;
  let paidStartOffer: RegistrationStatus["paidStartOffer"] = null;
  if (state === "active") {
    // One snapshot for the subscription and its charge: the settle that marks the first charge
    // paid also starts the period (one transaction), and read apart the charge could already
    // say "paid" while the subscription read a moment earlier has no next charge date yet, and
    // the success screen, which polls no further, would never name the next payment.
    await db().transaction(
      async (tx) => {
        const [sub] = await tx
          .select()
          .from(subscriptions)
          .where(eq(subscriptions.userId, userId))
          .orderBy(desc(subscriptions.createdAt))
          .limit(1);
        if (sub) {
          subscription = {
            status: sub.status,
            trialEnd: sub.trialEnd?.toISOString() ?? null,
            nextChargeAt: sub.nextChargeAt?.toISOString() ?? null,
            amount: sub.priceAmount,
          };
          const offer = await findPaidStartOffer(tx, userId, now);
          if (offer && offer.paymentMethodId === method.id) {
            paidStartOffer = { amount: offer.amount, consentText: offer.consentText };
          }
          const [attempt] = await tx
            .select()
            .from(chargeAttempts)
            .where(
              and(
                eq(chargeAttempts.subscriptionId, sub.id),
                eq(chargeAttempts.paymentMethodId, method.id),
              ),
            )
            .orderBy(desc(chargeAttempts.createdAt))
            .limit(1);
          if (attempt) {
            charge = {
              status: attempt.status,
              amount: attempt.amount,
              receiptUrl: attempt.receiptUrl,
              message: attempt.customerMessage,
            };
          }
        }
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  }

  return {
    state,
    expiresAt: method.registrationExpiresAt?.toISOString() ?? null,
    failureMessage:
      state === "failed" || state === "expired"
        ? (FAILURE_MESSAGES[method.failureCode ?? ""] ??
          "결제수단을 등록하지 못했어요. 다시 시도해 주세요.")
        : null,
    subscription,
    charge,
    paidStartOffer,
  };
}
