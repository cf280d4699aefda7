import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminActor } from "@/lib/audit/actor";
import { countSubscribersAffectedByPriceChange } from "@/lib/billing/count-subscribers-affected-by-price-change";
import { mayConvertTrial } from "@/lib/billing/may-convert-trial";
import { raisePlanPrice } from "@/lib/billing/raise-plan-price";
import { requestDueConsents } from "@/lib/billing/request-due-consents";
import { requestTrialConversionConsent } from "@/lib/billing/request-trial-conversion-consent";
import { resolvePriceForRenewal } from "@/lib/billing/resolve-price-for-renewal";
import { respondToConsent } from "@/lib/billing/respond-to-consent";
import { listConsentsForUser } from "@/lib/billing/consent-queries";
import { db } from "@/lib/db/client";
import {
  auditLog,
  chargeAttempts,
  consents,
  merchantSettings,
  notifications,
  planPrices,
  plans,
  subscriptionEvents,
  subscriptions,
  users,
  type Plan,
  type SubscriptionEventType,
} from "@/lib/db/schema";

const kst = (s: string) => new Date(`${s}+09:00`);
const DAY = 24 * 60 * 60 * 1000;

async function createPlan(values: Partial<typeof plans.$inferInsert> = {}): Promise<Plan> {
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `p-${randomUUID()}`,
      name: "프로",
      amount: 9_900,
      interval: "month",
      ...values,
    })
    .returning();
  return plan!;
}

async function subscriber(plan: Plan, overrides: Partial<typeof subscriptions.$inferInsert> = {}) {
  const [user] = await db()
    .insert(users)
    .values({ email: `u-${randomUUID()}@example.com` })
    .returning();
  const [sub] = await db()
    .insert(subscriptions)
    .values({
      userId: user!.id,
      planId: plan.id,
      status: "active",
      priceAmount: plan.amount,
      periodNumber: 2,
      ...overrides,
    })
    .returning();
  return { user: user!, sub: sub! };
}

// An active subscriber whose current period ends (next renewal) at `renewal`.
function renewingAt(
  plan: Plan,
  renewal: Date,
  overrides: Partial<typeof subscriptions.$inferInsert> = {},
) {
  const start = new Date(renewal.getTime() - 31 * DAY);
  return subscriber(plan, {
    billingAnchorAt: start,
    currentPeriodStart: start,
    currentPeriodEnd: renewal,
    nextChargeAt: renewal,
    ...overrides,
  });
}

async function reload(id: string) {
  const [sub] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return sub!;
}
const consentsOf = (subscriptionId: string) =>
  db()
    .select()
    .from(consents)
    .where(eq(consents.subscriptionId, subscriptionId))
    .orderBy(consents.requestedAt);
const eventsOf = (subscriptionId: string, type: SubscriptionEventType) =>
  db()
    .select()
    .from(subscriptionEvents)
    .where(
      and(eq(subscriptionEvents.subscriptionId, subscriptionId), eq(subscriptionEvents.type, type)),
    );
const notificationsOf = (subscriptionId: string) =>
  db().select().from(notifications).where(eq(notifications.subscriptionId, subscriptionId));

async function setPolicy(policy: "renew_at_old_price" | "cancel_at_period_end") {
  await db()
    .insert(merchantSettings)
    .values({ id: 1, consentFallbackPolicy: policy })
    .onConflictDoUpdate({ target: merchantSettings.id, set: { consentFallbackPolicy: policy } });
}

const renewal = kst("2027-06-15T10:00:00");

describe("a price rise", () => {
  it("raises the price for new subscribers only, keeps history, and asks those renewing within 30 days at once", async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: `a-${randomUUID()}@example.com`, role: "admin" })
      .returning();
    const plan = await createPlan();
    const soon = await renewingAt(plan, renewal);
    const later = await renewingAt(plan, new Date(renewal.getTime() + 25 * DAY));
    const now = new Date(renewal.getTime() - 10 * DAY);

    expect(await countSubscribersAffectedByPriceChange(plan.id, 12_900)).toBe(2);
    const result = await raisePlanPrice(plan.id, 12_900, adminActor({ userId: admin!.id }), {
      now,
    });
    expect(result).toMatchObject({ affectedSubscribers: 2, consentsRequested: 1 });
    expect(result.plan.amount).toBe(12_900);
    expect(await countSubscribersAffectedByPriceChange(plan.id)).toBe(2);

    expect(
      await db().select().from(planPrices).where(eq(planPrices.planId, plan.id)),
    ).toMatchObject([{ amount: 12_900, effectiveFrom: now, createdByUserId: admin!.id }]);
    expect(await db().select().from(auditLog).where(eq(auditLog.targetId, plan.id))).toMatchObject([
      { action: "plan.price_raised", before: { amount: 9_900 }, actorUserId: admin!.id },
    ]);
    // Existing subscribers keep their price.
    expect((await reload(soon.sub.id)).priceAmount).toBe(9_900);
    expect((await reload(later.sub.id)).priceAmount).toBe(9_900);
    expect(await consentsOf(soon.sub.id)).toHaveLength(1);
    expect(await consentsOf(later.sub.id)).toHaveLength(0);
  });

  it("refuses a price that is not higher", async () => {
    const plan = await createPlan();
    await expect(raisePlanPrice(plan.id, 9_900, adminActor({ userId: "x" }))).rejects.toMatchObject(
      {
        code: "bad_request",
      },
    );
  });

  it("asks exactly 30 days before the renewal, with the amounts, the date and how to withdraw, once", async () => {
    const plan = await createPlan();
    const { user, sub } = await renewingAt(plan, renewal);
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));

    const justBefore = new Date(renewal.getTime() - 30 * DAY - 1000);
    expect((await requestDueConsents(justBefore, { planId: plan.id })).priceIncrease).toBe(0);

    const at = new Date(renewal.getTime() - 30 * DAY);
    expect((await requestDueConsents(at, { planId: plan.id })).priceIncrease).toBe(1);
    expect((await requestDueConsents(at, { planId: plan.id })).priceIncrease).toBe(0);
    expect(
      (await requestDueConsents(new Date(at.getTime() + DAY), { planId: plan.id })).priceIncrease,
    ).toBe(0);

    const [consent] = await consentsOf(sub.id);
    expect(consent).toMatchObject({
      userId: user.id,
      kind: "price_increase",
      status: "requested",
      oldAmount: 9_900,
      newAmount: 12_900,
      effectiveAt: renewal,
      requestedAt: at,
    });
    expect(consent!.wording).toContain("월 12,900원");
    expect(consent!.wording).toContain("2027년 6월 15일");
    expect(consent!.wording).toContain("동의 철회 방법");

    const [note] = await notificationsOf(sub.id);
    expect(note).toMatchObject({
      kind: "consent_request",
      dedupeKey: `consent_request:${consent!.id}`,
      status: "pending",
    });
    expect(note!.body.startsWith(consent!.wording)).toBe(true);
  });

  it("at renewal with consent: the subscriber moves to the new price", async () => {
    const plan = await createPlan();
    const { user, sub } = await renewingAt(plan, renewal);
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));
    await requestDueConsents(new Date(renewal.getTime() - 5 * DAY), { planId: plan.id });
    const [consent] = await consentsOf(sub.id);
    await respondToConsent({
      consentId: consent!.id,
      userId: user.id,
      accept: true,
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      now: new Date(renewal.getTime() - 4 * DAY),
    });

    const price = await db().transaction(async (tx) =>
      resolvePriceForRenewal(tx, await reload(sub.id), renewal),
    );
    expect(price).toMatchObject({ action: "charge", basis: "consented", consentId: consent!.id });
    expect(price.subscription.priceAmount).toBe(12_900);
    expect((await reload(sub.id)).priceAmount).toBe(12_900);
    expect(await eventsOf(sub.id, "price_change_applied")).toHaveLength(1);
  });

  it("at renewal without consent (default policy): old price once more, then asked again for the next renewal", async () => {
    await setPolicy("renew_at_old_price");
    const plan = await createPlan();
    const { sub } = await renewingAt(plan, renewal);
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));
    await requestDueConsents(new Date(renewal.getTime() - 30 * DAY), { planId: plan.id });

    const price = await db().transaction(async (tx) =>
      resolvePriceForRenewal(tx, await reload(sub.id), renewal),
    );
    expect(price).toMatchObject({ action: "charge", basis: "kept_without_consent" });
    expect(price.subscription.priceAmount).toBe(9_900);
    expect((await consentsOf(sub.id))[0]!.status).toBe("expired");
    // A dunning retry of the same renewal records nothing twice.
    await db().transaction(async (tx) =>
      resolvePriceForRenewal(tx, await reload(sub.id), new Date(renewal.getTime() + DAY)),
    );
    expect(await eventsOf(sub.id, "renewal_price_kept")).toHaveLength(1);

    // The renewal is paid: the next period ends a month later, and the request goes out again.
    const next = kst("2027-07-15T10:00:00");
    await db()
      .update(subscriptions)
      .set({
        currentPeriodStart: renewal,
        currentPeriodEnd: next,
        nextChargeAt: next,
        periodNumber: 3,
      })
      .where(eq(subscriptions.id, sub.id));
    expect(
      (await requestDueConsents(new Date(next.getTime() - 30 * DAY), { planId: plan.id }))
        .priceIncrease,
    ).toBe(1);
    const all = await consentsOf(sub.id);
    expect(all.map((c) => [c.status, c.effectiveAt?.toISOString()])).toEqual([
      ["expired", renewal.toISOString()],
      ["requested", next.toISOString()],
    ]);
  });

  it("at renewal without consent under cancel_at_period_end: the subscription ends, and says why", async () => {
    await setPolicy("cancel_at_period_end");
    try {
      const plan = await createPlan();
      const { user, sub } = await renewingAt(plan, renewal);
      await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));
      await requestDueConsents(new Date(renewal.getTime() - 30 * DAY), { planId: plan.id });
      const [consent] = await consentsOf(sub.id);
      await respondToConsent({
        consentId: consent!.id,
        userId: user.id,
        accept: false,
        ip: null,
        userAgent: null,
        now: new Date(renewal.getTime() - 29 * DAY),
      });

      const price = await db().transaction(async (tx) =>
        resolvePriceForRenewal(tx, await reload(sub.id), renewal),
      );
      expect(price.action).toBe("end");
      expect(await reload(sub.id)).toMatchObject({
        status: "canceled",
        endedAt: renewal,
        nextChargeAt: null,
      });
      const ended = (await notificationsOf(sub.id)).find((n) => n.kind === "subscription_ended");
      expect(ended?.body).toContain("변경된 요금에 동의하지 않으셔서");

      // A subscriber who was never asked keeps the old price whatever the policy.
      const unasked = await renewingAt(plan, renewal, { priceAmount: 9_900 });
      const kept = await db().transaction(async (tx) =>
        resolvePriceForRenewal(tx, await reload(unasked.sub.id), renewal),
      );
      expect(kept).toMatchObject({ action: "charge", basis: "kept_without_consent" });
      expect((await reload(unasked.sub.id)).status).toBe("active");
    } finally {
      await setPolicy("renew_at_old_price");
    }
  });

  it("does nothing before the renewal or for a subscriber already at the plan's price", async () => {
    const plan = await createPlan();
    const { sub } = await renewingAt(plan, renewal);
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));
    const early = await db().transaction((tx) =>
      resolvePriceForRenewal(tx, sub, new Date(renewal.getTime() - 1)),
    );
    expect(early).toMatchObject({ action: "charge", basis: "unchanged" });
    const current = await renewingAt(plan, renewal, { priceAmount: 12_900 });
    const same = await db().transaction((tx) => resolvePriceForRenewal(tx, current.sub, renewal));
    expect(same).toMatchObject({ action: "charge", basis: "unchanged" });
  });
});

describe("answers", () => {
  async function asked() {
    const plan = await createPlan();
    const { user, sub } = await renewingAt(plan, renewal);
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, plan.id));
    await requestDueConsents(new Date(renewal.getTime() - 10 * DAY), { planId: plan.id });
    const [consent] = await consentsOf(sub.id);
    return { user, sub, consent: consent! };
  }

  it("records who, what price, when asked, when answered and how", async () => {
    const { user, sub, consent } = await asked();
    const answeredAt = new Date(renewal.getTime() - 9 * DAY);
    const answered = await respondToConsent({
      consentId: consent.id,
      userId: user.id,
      accept: true,
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 (iPhone)",
      now: answeredAt,
    });
    expect(answered).toMatchObject({
      userId: user.id,
      status: "accepted",
      newAmount: 12_900,
      requestedAt: consent.requestedAt,
      respondedAt: answeredAt,
      responseChannel: "web",
      responseIp: "203.0.113.7",
      responseUserAgent: "Mozilla/5.0 (iPhone)",
    });
    const [event] = await eventsOf(sub.id, "consent_accepted");
    expect(event).toMatchObject({ actor: `customer:${user.id}` });
    expect(event!.data).toMatchObject({
      consentId: consent.id,
      newAmount: 12_900,
      ip: "203.0.113.7",
    });
  });

  it("lets the customer withdraw before the date, and not after", async () => {
    const { user, sub, consent } = await asked();
    const base = { consentId: consent.id, userId: user.id, ip: null, userAgent: null };
    await respondToConsent({ ...base, accept: true, now: new Date(renewal.getTime() - 9 * DAY) });
    // Answering the same again changes nothing.
    await respondToConsent({ ...base, accept: true, now: new Date(renewal.getTime() - 8 * DAY) });
    expect(await eventsOf(sub.id, "consent_accepted")).toHaveLength(1);
    const withdrawn = await respondToConsent({
      ...base,
      accept: false,
      now: new Date(renewal.getTime() - 1000),
    });
    expect(withdrawn.status).toBe("declined");
    expect(await eventsOf(sub.id, "consent_withdrawn")).toHaveLength(1);
    // The account page says it was taken back, not refused.
    const [listed] = await listConsentsForUser(user.id, { now: new Date(renewal.getTime() - 999) });
    expect(listed).toMatchObject({ id: consent.id, status: "declined", withdrawn: true });
    await expect(respondToConsent({ ...base, accept: true, now: renewal })).rejects.toMatchObject({
      code: "conflict",
    });
    // Withdrawn: the renewal stays at the old price.
    const price = await db().transaction(async (tx) =>
      resolvePriceForRenewal(tx, await reload(sub.id), renewal),
    );
    expect(price.subscription.priceAmount).toBe(9_900);
  });

  it("the account page lists the request with its wording while it can be answered", async () => {
    const { user, consent } = await asked();
    const before = await listConsentsForUser(user.id, { now: new Date(renewal.getTime() - DAY) });
    expect(before).toMatchObject([
      {
        id: consent.id,
        status: "requested",
        newAmount: 12_900,
        planName: "프로",
        answerable: true,
      },
    ]);
    expect(before[0]!.wording).toBe(consent.wording);
    expect(before[0]!.withdrawn).toBe(false);
    const after = await listConsentsForUser(user.id, { now: renewal });
    expect(after[0]!.answerable).toBe(false);
  });

  it("only the customer it was asked of can answer", async () => {
    const { consent } = await asked();
    await expect(
      respondToConsent({
        consentId: consent.id,
        userId: "someone-else",
        accept: true,
        ip: null,
        userAgent: null,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("trials", () => {
  async function trialing(plan: Plan, start: Date, days: number) {
    return subscriber(plan, {
      status: "trialing",
      periodNumber: 0,
      trialStart: start,
      trialEnd: new Date(start.getTime() + days * DAY),
      nextChargeAt: new Date(start.getTime() + days * DAY),
    });
  }
  const start = kst("2027-03-01T12:00:00");

  it("a trial of 30 days or less is asked at trial start; a longer one 30 days before it ends", async () => {
    const plan = await createPlan({ trialDays: 14 });
    const short = await trialing(plan, start, 14);
    const created = await db().transaction((tx) =>
      requestTrialConversionConsent(tx, short.sub, start),
    );
    expect(created).toMatchObject({
      kind: "trial_conversion",
      newAmount: 9_900,
      oldAmount: null,
      effectiveAt: short.sub.trialEnd,
    });
    expect(created!.wording).toContain("무료 체험");
    expect(
      await db().transaction((tx) => requestTrialConversionConsent(tx, short.sub, start)),
    ).toBeNull();

    const long = await trialing(plan, start, 60);
    expect(
      await db().transaction((tx) => requestTrialConversionConsent(tx, long.sub, start)),
    ).toBeNull();
    const due = new Date(long.sub.trialEnd!.getTime() - 30 * DAY);
    await requestDueConsents(new Date(due.getTime() - 1000), { planId: plan.id });
    expect(await consentsOf(long.sub.id)).toHaveLength(0);
    expect((await requestDueConsents(due, { planId: plan.id })).trialConversion).toBe(1);
    expect(await consentsOf(long.sub.id)).toMatchObject([
      { kind: "trial_conversion", status: "requested" },
    ]);
    expect((await notificationsOf(long.sub.id)).map((n) => n.kind)).toEqual(["consent_request"]);
  });

  it("no consent by trial end: the subscription ends and nothing is charged", async () => {
    const plan = await createPlan();
    const { sub } = await trialing(plan, start, 14);
    await db().transaction((tx) => requestTrialConversionConsent(tx, sub, start));
    const end = sub.trialEnd!;

    expect(
      await db().transaction(async (tx) =>
        mayConvertTrial(tx, await reload(sub.id), new Date(end.getTime() - 1)),
      ),
    ).toMatchObject({
      convert: false,
      reason: "not_due",
    });
    expect((await reload(sub.id)).status).toBe("trialing");

    const decision = await db().transaction(async (tx) =>
      mayConvertTrial(tx, await reload(sub.id), end),
    );
    expect(decision).toMatchObject({ convert: false, reason: "no_consent" });
    expect(await reload(sub.id)).toMatchObject({
      status: "canceled",
      endedAt: end,
      nextChargeAt: null,
    });
    expect((await consentsOf(sub.id))[0]!.status).toBe("expired");
    expect(
      await db().select().from(chargeAttempts).where(eq(chargeAttempts.subscriptionId, sub.id)),
    ).toEqual([]);
    const ended = (await notificationsOf(sub.id)).find((n) => n.kind === "subscription_ended");
    expect(ended?.body).toContain("결제 없이 구독이 종료됐어요");
  });

  it("with consent the trial converts", async () => {
    const plan = await createPlan();
    const { user, sub } = await trialing(plan, start, 14);
    const consent = await db().transaction((tx) => requestTrialConversionConsent(tx, sub, start));
    await respondToConsent({
      consentId: consent!.id,
      userId: user.id,
      accept: true,
      ip: "198.51.100.1",
      userAgent: "UA",
      now: start,
    });
    const decision = await db().transaction(async (tx) =>
      mayConvertTrial(tx, await reload(sub.id), sub.trialEnd!),
    );
    expect(decision).toMatchObject({ convert: true, reason: "consented" });
    expect((await reload(sub.id)).status).toBe("trialing");
  });

  it("reminds three days before the trial ends, once, saying whether it will convert", async () => {
    const plan = await createPlan();
    const { sub } = await trialing(plan, start, 14);
    const end = sub.trialEnd!;
    const remindAt = new Date(end.getTime() - 3 * DAY);
    expect(
      (await requestDueConsents(new Date(remindAt.getTime() - 1000), { planId: plan.id }))
        .trialReminders,
    ).toBe(0);
    expect((await requestDueConsents(remindAt, { planId: plan.id })).trialReminders).toBe(1);
    expect((await requestDueConsents(remindAt, { planId: plan.id })).trialReminders).toBe(0);
    const reminder = (await notificationsOf(sub.id)).find((n) => n.kind === "trial_ending");
    expect(reminder?.body).toContain("유료 전환에 동의하지 않으시면");
  });
});
