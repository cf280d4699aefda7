import { and, eq, ne } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consents, subscriptionEvents, subscriptions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Consent } from "./consent-requests";

export type ConsentResponseInput = {
  consentId: string;
  userId: string;
  accept: boolean;
  ip: string | null;
  userAgent: string | null;
  // "web" (account page), "email", "admin" (recorded on the customer's behalf by support).
  channel?: "web" | "email" | "admin";
  // Recorded in the history; default "customer:<userId>", "admin:<id>" when support records it.
  actor?: string;
  now?: Date;
};

/**
 * Records a customer's answer to a consent request. Before the date of the change the customer
 * may also change their mind: accepting a declined request, or declining an accepted one
 * (withdrawal). Every answer is kept in the subscription's history with its IP and user agent.
 */
export async function respondToConsent(input: ConsentResponseInput): Promise<Consent> {
  const now = input.now ?? new Date();
  const channel = input.channel ?? "web";
  return db().transaction(async (tx) => {
    const [found] = await tx.select().from(consents).where(eq(consents.id, input.consentId));
    if (!found || found.userId !== input.userId || !found.subscriptionId) {
      throw new AppError("not_found", `consent ${input.consentId} not found for this user`, {
        userMessage: "동의 요청을 찾을 수 없어요.",
      });
    }
    if (found.kind === "recurring_billing") {
      throw new AppError("bad_request", "recurring_billing consents are not answered here");
    }
    // Lock order everywhere: subscription first.
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, found.subscriptionId))
      .for("update");
    const [consent] = await tx
      .select()
      .from(consents)
      .where(eq(consents.id, input.consentId))
      .for("update");
    if (!sub || !consent) throw new AppError("not_found", "consent or subscription vanished");

    const target = input.accept ? "accepted" : "declined";
    if (consent.status === target) return consent;
    const over =
      consent.status === "expired" ||
      sub.status === "canceled" ||
      (consent.effectiveAt !== null && consent.effectiveAt <= now);
    if (over) {
      throw new AppError("conflict", `consent ${consent.id} can no longer be answered`, {
        userMessage: "이미 기한이 지난 동의 요청이에요. 화면을 새로고침해 주세요.",
      });
    }

    const [updated] = await tx
      .update(consents)
      .set({
        status: target,
        respondedAt: now,
        responseChannel: channel,
        responseIp: input.ip,
        responseUserAgent: input.userAgent,
      })
      .where(and(eq(consents.id, consent.id), ne(consents.status, "expired")))
      .returning();
    if (!updated) throw new Error(`consent ${consent.id} vanished`);

    const type =
      consent.status === "accepted" && !input.accept
        ? "consent_withdrawn"
        : input.accept
          ? "consent_accepted"
          : "consent_declined";
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type,
      actor: input.actor ?? `customer:${input.userId}`,
      data: {
        consentId: consent.id,
        kind: consent.kind,
        oldAmount: consent.oldAmount,
        newAmount: consent.newAmount,
        effectiveAt: consent.effectiveAt?.toISOString() ?? null,
        requestedAt: consent.requestedAt.toISOString(),
        previousStatus: consent.status,
        channel,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      createdAt: now,
    });
    return updated;
  });
}
