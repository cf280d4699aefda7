// The /account server actions against a real database and the Toss Pay sandbox over HTTP: each
// authorizes the signed-in customer (requireUser is replaced by a fixed user: the session is
// Auth.js's business, tested elsewhere), calls the engine with that user's id, and answers in
// Korean. The proof is in the rows: consents, subscriptions, charge attempts, events.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/forms/form-result";
import { requestTrialConversionConsent } from "@/lib/billing/request-trial-conversion-consent";
import { db } from "@/lib/db/client";
import {
  auditLog,
  chargeAttempts,
  consents,
  notifications,
  subscriptionEvents,
  subscriptions,
} from "@/lib/db/schema";
import {
  createPlan,
  createSubscriber,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
} from "../billing/support/billing-harness";

const signedIn = vi.hoisted(() => {
  // The merchant's proxy sets x-real-ip; X-Forwarded-For below is what a client forged.
  process.env.TRUSTED_PROXY_IP_HEADER = "x-real-ip";
  return { id: "" };
});
vi.mock("@/lib/auth/guards", () => ({
  requireUser: () => Promise.resolve({ id: signedIn.id, email: "customer@example.com" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  headers: () =>
    Promise.resolve(
      new Headers({
        "x-forwarded-for": "198.51.100.66",
        "x-real-ip": "203.0.113.7",
        "user-agent": "vitest-browser",
      }),
    ),
}));

const { acceptConsent, cancelAtPeriodEnd, cancelPlanChange, changeToPlan, declineConsent, resume } =
  await import("@/app/(account)/account/actions");

const DAY = 24 * 60 * 60 * 1000;
let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
beforeEach(() => {
  signedIn.id = "";
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function midPeriodSubscriber(amount = 9_900) {
  const now = Date.now();
  const plan = await createPlan({ amount });
  return createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: new Date(now - 10 * DAY),
    periodEnd: new Date(now + 20 * DAY),
  });
}

async function trialWithConsentRequest() {
  const now = new Date();
  const plan = await createPlan({ name: "프로", amount: 19_900, trialDays: 14 });
  const subscriber = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: now,
    periodEnd: new Date(now.getTime() + 14 * DAY),
    subscription: {
      status: "trialing",
      trialStart: now,
      trialEnd: new Date(now.getTime() + 14 * DAY),
      currentPeriodStart: null,
      currentPeriodEnd: null,
    },
  });
  const consent = await db().transaction((tx) =>
    requestTrialConversionConsent(tx, subscriber.subscription, now),
  );
  if (!consent) throw new Error("no consent request was created");
  return { subscriber, consent };
}

async function consentRow(id: string) {
  const [row] = await db().select().from(consents).where(eq(consents.id, id));
  if (!row) throw new Error(`consent ${id} missing`);
  return row;
}

describe("consent answers", () => {
  it("accepting records the answer with the channel, IP and browser, and an event", async () => {
    const { subscriber, consent } = await trialWithConsentRequest();
    signedIn.id = subscriber.userId;

    const result = await acceptConsent(IDLE, form({ consentId: consent.id }));

    expect(result).toMatchObject({ status: "success" });
    expect(await consentRow(consent.id)).toMatchObject({
      status: "accepted",
      responseChannel: "web",
      responseIp: "203.0.113.7",
      responseUserAgent: "vitest-browser",
    });
    const events = await db()
      .select()
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, subscriber.subscription.id),
          eq(subscriptionEvents.type, "consent_accepted"),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toBe(`customer:${subscriber.userId}`);
  });

  it("declining after accepting withdraws the consent", async () => {
    const { subscriber, consent } = await trialWithConsentRequest();
    signedIn.id = subscriber.userId;
    await acceptConsent(IDLE, form({ consentId: consent.id }));

    const result = await declineConsent(IDLE, form({ consentId: consent.id }));

    expect(result).toMatchObject({ status: "success", message: "거절했어요." });
    expect((await consentRow(consent.id)).status).toBe("declined");
    const withdrawn = await db()
      .select()
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, subscriber.subscription.id),
          eq(subscriptionEvents.type, "consent_withdrawn"),
        ),
      );
    expect(withdrawn).toHaveLength(1);
  });

  it("another customer's consent is refused in Korean and left untouched", async () => {
    const { consent } = await trialWithConsentRequest();
    const stranger = await midPeriodSubscriber();
    signedIn.id = stranger.userId;

    const result = await acceptConsent(IDLE, form({ consentId: consent.id }));

    expect(result).toEqual({ status: "error", message: "동의 요청을 찾을 수 없어요." });
    expect((await consentRow(consent.id)).status).toBe("requested");
  });

  it("a malformed id asks for a refresh instead of failing", async () => {
    const { subscriber } = await trialWithConsentRequest();
    signedIn.id = subscriber.userId;
    const result = await declineConsent(IDLE, form({ consentId: "not-a-uuid" }));
    expect(result).toEqual({
      status: "error",
      message: "화면을 새로고침한 뒤 다시 시도해 주세요.",
    });
  });
});

describe("plan changes", () => {
  it("an upgrade charges the prorated difference once and switches the plan", async () => {
    const subscriber = await midPeriodSubscriber(9_900);
    const pro = await createPlan({ name: "프로", amount: 19_900 });
    signedIn.id = subscriber.userId;

    const result = await changeToPlan(IDLE, form({ planId: pro.id }));

    expect(result.status).toBe("success");
    const attempts = await db()
      .select()
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, subscriber.subscription.id),
          eq(chargeAttempts.purpose, "proration"),
        ),
      );
    expect(attempts).toHaveLength(1);
    const [attempt] = attempts;
    // About 20 of 30 days left of a 10,000 won difference.
    expect(attempt!.status).toBe("succeeded");
    expect(attempt!.amount).toBeGreaterThan(6_600);
    expect(attempt!.amount).toBeLessThanOrEqual(6_667);
    expect(result).toMatchObject({
      message: `요금제를 바꿨어요. 차액 ${attempt!.amount.toLocaleString("en-US")}원을 결제했어요.`,
    });
    expect(await subscriptionRow(subscriber.subscription.id)).toMatchObject({
      planId: pro.id,
      priceAmount: 19_900,
    });
  });

  it("a downgrade is scheduled for the period end, charges nothing, and can be cancelled", async () => {
    const subscriber = await midPeriodSubscriber(19_900);
    const basic = await createPlan({ amount: 9_900 });
    signedIn.id = subscriber.userId;

    const scheduled = await changeToPlan(IDLE, form({ planId: basic.id }));
    expect(scheduled).toMatchObject({ status: "success" });
    expect(await subscriptionRow(subscriber.subscription.id)).toMatchObject({
      planId: subscriber.subscription.planId,
      pendingPlanId: basic.id,
    });
    const charged = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, subscriber.subscription.id));
    expect(charged).toHaveLength(0);

    const canceled = await cancelPlanChange(IDLE, form({}));
    expect(canceled).toEqual({ status: "success", message: "예약된 요금제 변경을 취소했어요." });
    expect((await subscriptionRow(subscriber.subscription.id)).pendingPlanId).toBeNull();

    // Nothing left to cancel: a Korean answer, not a crash.
    const again = await cancelPlanChange(IDLE, form({}));
    expect(again).toEqual({ status: "error", message: "예약된 요금제 변경이 없어요." });
  });

  it("a customer without a subscription is told so in Korean", async () => {
    const subscriber = await midPeriodSubscriber();
    await db()
      .update(subscriptions)
      .set({ status: "canceled", endedAt: new Date() })
      .where(eq(subscriptions.id, subscriber.subscription.id));
    const pro = await createPlan({ amount: 19_900 });
    signedIn.id = subscriber.userId;
    const result = await changeToPlan(IDLE, form({ planId: pro.id }));
    expect(result).toEqual({ status: "error", message: "이용 중인 구독이 없어요." });
  });
});

describe("cancel and resume", () => {
  it("a customer's cancellation is the same operation as the admin's: history, notice and audit", async () => {
    const subscriber = await midPeriodSubscriber();
    const id = subscriber.subscription.id;
    signedIn.id = subscriber.userId;

    const result = await cancelAtPeriodEnd(IDLE, form({ reason: "too_expensive" }));
    expect(result).toEqual({ status: "success", message: "구독을 해지했어요." });
    expect(await subscriptionRow(id)).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    const [event] = await db()
      .select()
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, id),
          eq(subscriptionEvents.type, "cancel_requested"),
        ),
      );
    expect(event?.actor).toBe(`customer:${subscriber.userId}`);
    // The customer gets the cancellation notice, as when an admin cancels for them.
    const notices = await db()
      .select({ kind: notifications.kind, userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.subscriptionId, id));
    expect(notices).toContainEqual({ kind: "subscription_canceled", userId: subscriber.userId });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "subscription"), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "subscription.cancel_at_period_end",
      actorUserId: subscriber.userId,
      before: { cancelAtPeriodEnd: false },
      after: { cancelAtPeriodEnd: true, reason: "customer: too_expensive" },
    });

    expect(await resume(IDLE, form({}))).toEqual({
      status: "success",
      message: "해지를 취소했어요. 구독이 계속돼요.",
    });
    expect((await subscriptionRow(id)).cancelAtPeriodEnd).toBe(false);
  });
});
