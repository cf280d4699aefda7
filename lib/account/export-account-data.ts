import { methodRecognitionColumns } from "@/lib/payments/method-columns";
import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import {
  accounts,
  chargeAttempts,
  consents,
  legalAgreements,
  notifications,
  paymentMethods,
  plans,
  refunds,
  subscriptions,
  users,
} from "@/lib/db/schema";
import { maskLinkTokens } from "@/lib/notifications/mask-link-tokens";

// "내 정보 내려받기": everything the store keeps about the customer, as JSON (개인정보 보호법
// 제35조, the right to see one's data). Every table is read through an explicit column list, so
// a column added later (a secret, a provider's raw answer) stays out until someone adds it here:
// never the password hash, a billing key (ciphertext or fingerprint), a provider's raw response
// or a one-time link's token.

export const EXPORT_FORMAT_VERSION = 1;

export async function exportAccountData(executor: Executor, userId: string, now = new Date()) {
  const [profile] = await executor
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      emailVerifiedAt: users.emailVerified,
      role: users.role,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!profile) return null;

  const linkedLogins = await executor
    .select({ provider: accounts.provider })
    .from(accounts)
    .where(eq(accounts.userId, userId));

  const consentRows = await executor
    .select({
      id: consents.id,
      kind: consents.kind,
      status: consents.status,
      subscriptionId: consents.subscriptionId,
      oldAmount: consents.oldAmount,
      newAmount: consents.newAmount,
      effectiveAt: consents.effectiveAt,
      wording: consents.wording,
      requestedAt: consents.requestedAt,
      respondedAt: consents.respondedAt,
      responseChannel: consents.responseChannel,
      responseIp: consents.responseIp,
      responseUserAgent: consents.responseUserAgent,
    })
    .from(consents)
    .where(eq(consents.userId, userId))
    .orderBy(asc(consents.requestedAt));

  // 이용약관 · 개인정보 수집·이용 · 마케팅 수신: every answer, with the document version.
  const agreementRows = await executor
    .select({
      kind: legalAgreements.kind,
      documentVersion: legalAgreements.documentVersion,
      agreed: legalAgreements.agreed,
      channel: legalAgreements.channel,
      ip: legalAgreements.ip,
      recordedAt: legalAgreements.recordedAt,
    })
    .from(legalAgreements)
    .where(eq(legalAgreements.userId, userId))
    .orderBy(asc(legalAgreements.recordedAt));

  const subscriptionRows = await executor
    .select({
      id: subscriptions.id,
      plan: plans.name,
      status: subscriptions.status,
      priceAmount: subscriptions.priceAmount,
      priceAmountTaxFree: subscriptions.priceAmountTaxFree,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      trialStart: subscriptions.trialStart,
      trialEnd: subscriptions.trialEnd,
      cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
      canceledAt: subscriptions.canceledAt,
      endedAt: subscriptions.endedAt,
      nextChargeAt: subscriptions.nextChargeAt,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(asc(subscriptions.createdAt));

  const methodRows = await executor
    .select({
      id: paymentMethods.id,
      provider: paymentMethods.provider,
      status: paymentMethods.status,
      ...methodRecognitionColumns,
      activatedAt: paymentMethods.activatedAt,
      removedAt: paymentMethods.removedAt,
      testMode: paymentMethods.testMode,
      createdAt: paymentMethods.createdAt,
    })
    .from(paymentMethods)
    .where(eq(paymentMethods.userId, userId))
    .orderBy(asc(paymentMethods.createdAt));

  const chargeRows = await executor
    .select({
      id: chargeAttempts.id,
      subscriptionId: chargeAttempts.subscriptionId,
      paymentMethodId: chargeAttempts.paymentMethodId,
      orderId: chargeAttempts.orderId,
      purpose: chargeAttempts.purpose,
      provider: chargeAttempts.provider,
      amount: chargeAttempts.amount,
      amountTaxFree: chargeAttempts.amountTaxFree,
      status: chargeAttempts.status,
      periodStart: chargeAttempts.periodStart,
      periodEnd: chargeAttempts.periodEnd,
      approvedAt: chargeAttempts.approvedAt,
      receiptUrl: chargeAttempts.receiptUrl,
      createdAt: chargeAttempts.createdAt,
    })
    .from(chargeAttempts)
    .where(eq(chargeAttempts.userId, userId))
    .orderBy(asc(chargeAttempts.createdAt));

  const chargeIds = chargeRows.map((c) => c.id);
  const refundRows =
    chargeIds.length === 0
      ? []
      : await executor
          .select({
            id: refunds.id,
            chargeId: refunds.chargeAttemptId,
            refundNo: refunds.refundNo,
            amount: refunds.amount,
            amountTaxFree: refunds.amountTaxFree,
            reason: refunds.reason,
            status: refunds.status,
            createdAt: refunds.createdAt,
            completedAt: refunds.completedAt,
          })
          .from(refunds)
          .where(inArray(refunds.chargeAttemptId, chargeIds))
          .orderBy(asc(refunds.createdAt));

  const notificationRows = await executor
    .select({
      id: notifications.id,
      kind: notifications.kind,
      subject: notifications.subject,
      body: notifications.body,
      status: notifications.status,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));

  return {
    format: "subscription-store/account-export",
    version: EXPORT_FORMAT_VERSION,
    exportedAt: now,
    // Amounts are integer KRW (원).
    currency: "KRW",
    profile: { ...profile, linkedLogins: linkedLogins.map((a) => a.provider) },
    legalAgreements: agreementRows,
    // Recurring-payment, price-increase and trial-conversion consents (전자상거래법).
    consents: consentRows,
    subscriptions: subscriptionRows,
    paymentMethods: methodRows,
    charges: chargeRows,
    refunds: refundRows,
    notifications: notificationRows.map((n) => ({ ...n, body: maskLinkTokens(n.body) })),
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;
