// The subscribers table's query (filters, search, sort, pages), the detail page's data and
// timeline, and every admin action on a subscription: rows changed, state transitions recorded
// through the state machine, audit entries, and refusals with their messages.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { cancelSubscriptionFromAdminForm } from "@/lib/admin/cancel-subscription-from-admin-form";
import { getSubscriberDetail } from "@/lib/admin/get-subscriber-detail";
import { getSubscriberTimeline } from "@/lib/admin/get-subscriber-timeline";
import { eventTypeLabel } from "@/components/admin/subscribers/labels";
import { grantFreePeriod } from "@/lib/admin/grant-free-period";
import { listSubscribers } from "@/lib/admin/list-subscribers";
import { moveNextBillingDate } from "@/lib/admin/move-next-billing-date";
import { failedWith } from "@/lib/forms/form-result";
import { resumeSubscription } from "@/lib/admin/resume-subscription";
import { retryOutstandingCharge } from "@/lib/admin/retry-outstanding-charge";
import {
  parseSubscriberListParams,
  type SubscriberListParams,
} from "@/lib/admin/subscriber-list-params";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  consents,
  notifications,
  SUBSCRIPTION_EVENT_TYPES,
  subscriptionEvents,
  type Plan,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  createSubscriber,
  startBillingHarness,
  type BillingHarness,
} from "@/tests/billing/support/billing-harness";
import {
  auditRows,
  insertAdmin,
  insertAttempt,
  insertCustomer,
  insertMethod,
  insertPlan,
  insertRefund,
  insertSubscription,
  resetData,
  subscriptionById,
} from "./subscribers-fixtures";

let admin: { userId: string; ip: string };
beforeEach(async () => {
  await resetData();
  admin = { ...(await insertAdmin()), ip: "203.0.113.7" };
});

const NOW = new Date("2026-03-10T12:00:00+09:00");
const DAY_MS = 24 * 60 * 60 * 1000;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function eventsOf(subscriptionId: string) {
  return db()
    .select()
    .from(subscriptionEvents)
    .where(eq(subscriptionEvents.subscriptionId, subscriptionId))
    .orderBy(subscriptionEvents.createdAt);
}

const params = (overrides: Partial<SubscriberListParams> = {}): SubscriberListParams => ({
  ...parseSubscriberListParams({}),
  ...overrides,
});

describe("listSubscribers", () => {
  let basic: Plan;
  let pro: Plan;
  beforeEach(async () => {
    basic = await insertPlan({ slug: "basic", name: "베이직", amount: 9_900 });
    pro = await insertPlan({ slug: "pro", name: "프로", amount: 19_900 });
    // 30 subscriptions: created one day apart, alternating plans, every fifth past_due.
    for (let i = 0; i < 30; i++) {
      const userId = await insertCustomer({
        email: `user${String(i).padStart(2, "0")}@example.com`,
        name: i === 7 ? "김하나" : `고객 ${i}`,
      });
      const method =
        i % 3 === 0
          ? await insertMethod(userId, { provider: i % 6 === 0 ? "portone" : "toss_pay" })
          : null;
      await insertSubscription(i % 2 === 0 ? basic : pro, {
        userId,
        paymentMethodId: method?.id ?? null,
        status: i % 5 === 0 ? "past_due" : "active",
        priceAmount: 1_000 + i * 100,
        createdAt: new Date(NOW.getTime() - (30 - i) * DAY_MS),
        nextChargeAt: i === 3 ? null : new Date(NOW.getTime() + ((i * 7) % 30) * DAY_MS),
      });
    }
    // A customer whose name contains a LIKE wildcard.
    const odd = await insertCustomer({ email: "percent@example.com", name: "100% 고객" });
    await insertSubscription(basic, {
      userId: odd,
      status: "canceled",
      createdAt: new Date(NOW.getTime() - 40 * DAY_MS),
    });
  });

  test("pages newest first with the total", async () => {
    const first = await listSubscribers(params());
    expect(first).toMatchObject({ total: 31, page: 1, pageCount: 2, pageSize: 25 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]?.email).toBe("user29@example.com");
    const second = await listSubscribers(params({ page: 2 }));
    expect(second.rows.map((r) => r.email)).toEqual([
      "user04@example.com",
      "user03@example.com",
      "user02@example.com",
      "user01@example.com",
      "user00@example.com",
      "percent@example.com",
    ]);
    expect((await listSubscribers(params({ page: 9 }))).rows).toEqual([]);
  });

  test("filters by status, plan and provider, and the count follows", async () => {
    const pastDue = await listSubscribers(params({ status: "past_due" }));
    expect(pastDue.total).toBe(6);
    expect(pastDue.rows.every((r) => r.status === "past_due")).toBe(true);

    const onPro = await listSubscribers(params({ plan: pro.id }));
    expect(onPro.total).toBe(15);
    expect(onPro.rows.every((r) => r.plan.name === "프로")).toBe(true);

    const portone = await listSubscribers(params({ provider: "portone" }));
    expect(portone.rows.map((r) => r.email).sort()).toEqual([
      "user00@example.com",
      "user06@example.com",
      "user12@example.com",
      "user18@example.com",
      "user24@example.com",
    ]);
    expect(portone.total).toBe(5);

    const combined = await listSubscribers(
      params({ status: "past_due", plan: basic.id, provider: "portone" }),
    );
    // i % 5 == 0, even, i % 6 == 0 → 0 and … 30 is out of range: only user00.
    expect(combined.rows.map((r) => r.email)).toEqual(["user00@example.com"]);
  });

  test("searches email and name, case-insensitively, with LIKE wildcards taken literally", async () => {
    expect((await listSubscribers(params({ q: "USER1" }))).total).toBe(10);
    expect((await listSubscribers(params({ q: "하나" }))).rows.map((r) => r.email)).toEqual([
      "user07@example.com",
    ]);
    expect((await listSubscribers(params({ q: "%" }))).rows.map((r) => r.email)).toEqual([
      "percent@example.com",
    ]);
    expect((await listSubscribers(params({ q: "_" }))).total).toBe(0);
  });

  test("sorts by price and by next charge, with no next charge last either way", async () => {
    const cheap = await listSubscribers(params({ sort: "price", dir: "asc" }));
    expect(cheap.rows.slice(0, 2).map((r) => r.priceAmount)).toEqual([1_000, 1_100]);
    const dear = await listSubscribers(params({ sort: "price", dir: "desc" }));
    expect(dear.rows[0]?.priceAmount).toBe(9_900);

    const soonest = await listSubscribers(params({ sort: "next_charge", dir: "asc", page: 2 }));
    expect(soonest.rows.at(-1)?.nextChargeAt).toBeNull();
    const latest = await listSubscribers(params({ sort: "next_charge", dir: "desc", page: 2 }));
    expect(latest.rows.at(-1)?.nextChargeAt).toBeNull();
    const dates = (await listSubscribers(params({ sort: "next_charge", dir: "asc" }))).rows.map(
      (r) => r.nextChargeAt?.getTime() ?? Infinity,
    );
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });
});

describe("subscriber list URL parameters", () => {
  test("take the first of repeated values and fall back to defaults for anything invalid", () => {
    expect(
      parseSubscriberListParams({
        q: ["  kim  ", "lee"],
        status: "bogus",
        plan: "not-a-uuid",
        provider: "toss_pay",
        sort: "price",
        dir: "sideways",
        page: "-3",
      }),
    ).toEqual({
      q: "kim",
      status: undefined,
      plan: undefined,
      provider: "toss_pay",
      sort: "price",
      dir: "desc",
      page: 1,
    });
    expect(parseSubscriberListParams({ q: "", page: "4" })).toMatchObject({
      q: undefined,
      page: 4,
    });
  });
});

describe("subscriber detail and timeline", () => {
  test("shows the method's display details only and merges everything that happened, newest first", async () => {
    const plan = await insertPlan();
    const userId = await insertCustomer({ email: "detail@example.com", name: "이상세" });
    const method = await insertMethod(userId, { createdAt: new Date("2026-01-31T23:00:00Z") });
    const sub = await insertSubscription(plan, {
      userId,
      paymentMethodId: method.id,
      createdAt: new Date("2026-02-01T00:00:00Z"),
    });
    await db()
      .insert(subscriptionEvents)
      .values({
        subscriptionId: sub.id,
        type: "period_paid",
        fromStatus: "incomplete",
        toStatus: "active",
        actor: "system",
        createdAt: new Date("2026-02-01T00:00:05Z"),
      });
    const charge = await insertAttempt(sub, {
      amount: 9_900,
      createdAt: new Date("2026-02-01T00:00:01Z"),
      rawResponse: { code: 0, payToken: "tok_1", billingKey: "leaked-key" },
    });
    await insertRefund(charge, {
      amount: 2_000,
      reason: "부분 환불",
      createdAt: new Date("2026-02-10T00:00:00Z"),
    });
    await db()
      .insert(consents)
      .values({
        userId,
        subscriptionId: sub.id,
        planId: plan.id,
        kind: "price_increase",
        oldAmount: 9_900,
        newAmount: 12_900,
        wording: "가격이 12,900원으로 바뀌어요.",
        requestedAt: new Date("2026-02-20T00:00:00Z"),
      });
    await db()
      .insert(notifications)
      .values({
        userId,
        subscriptionId: sub.id,
        kind: "receipt",
        dedupeKey: `receipt:${charge.id}`,
        subject: "결제 영수증",
        body: "…",
        createdAt: new Date("2026-02-01T00:00:06Z"),
      });

    const detail = await getSubscriberDetail(sub.id);
    expect(detail?.customer).toMatchObject({ email: "detail@example.com", name: "이상세" });
    expect(detail?.method).toMatchObject({
      cardCompany: "신한카드",
      cardNumberMasked: "5123-45**-****-1234",
    });
    const serialized = JSON.stringify(detail);
    expect(serialized).not.toContain("ciphertext-that-must-never-reach-a-page");
    expect(serialized).not.toContain("fp-");
    expect(detail?.subscription).not.toHaveProperty("lockedBy");

    const timeline = await getSubscriberTimeline(sub.id);
    expect(timeline.map((e) => e.kind)).toEqual([
      "consent",
      "refund",
      "notification",
      "event",
      "charge",
      "payment_method",
    ]);
    const chargeEntry = timeline.find((e) => e.kind === "charge");
    expect(chargeEntry?.kind === "charge" && chargeEntry.attempt.rawResponse).toEqual({
      code: 0,
      payToken: "tok_1",
    });
    expect(JSON.stringify(timeline)).not.toContain("ciphertext-that-must-never-reach-a-page");
    expect(await getSubscriberDetail(randomUUID())).toBeNull();
  });

  test("the timeline names every event type in Korean, including a renewal's plan_downgraded", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan);
    await db()
      .insert(subscriptionEvents)
      .values(
        SUBSCRIPTION_EVENT_TYPES.map((type, i) => ({
          subscriptionId: sub.id,
          type,
          actor: "system" as const,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        })),
      );
    const shown = (await getSubscriberTimeline(sub.id)).flatMap((e) =>
      e.kind === "event" ? [e.type] : [],
    );
    // consent_requested is shown as the consent itself, with its wording.
    expect(new Set(shown)).toEqual(
      new Set(SUBSCRIPTION_EVENT_TYPES.filter((t) => t !== "consent_requested")),
    );
    for (const type of SUBSCRIPTION_EVENT_TYPES) {
      const label = eventTypeLabel(type);
      expect(label, type).not.toBe(type);
      expect(label, type).toMatch(/[가-힣]/);
    }
    expect(eventTypeLabel("plan_downgraded")).toBe("예약된 요금제 변경 적용");
  });
});

describe("cancel and resume", () => {
  test("cancel at period end keeps access, records the transition, tells the customer, and is audited", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan);
    const updated = await cancelSubscriptionFromAdminForm(
      admin,
      sub.id,
      { atPeriodEnd: "true", reason: "고객 요청 (전화)" },
      { now: NOW },
    );
    expect(updated).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    const [event] = await eventsOf(sub.id);
    expect(event).toMatchObject({
      type: "cancel_requested",
      fromStatus: "active",
      toStatus: "active",
      actor: `admin:${admin.userId}`,
      data: { atPeriodEnd: true, reason: "고객 요청 (전화)" },
    });
    const [notice] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.subscriptionId, sub.id));
    expect(notice).toMatchObject({ kind: "subscription_canceled", userId: sub.userId });
    const [audit] = await auditRows(sub.id);
    expect(audit).toMatchObject({
      action: "subscription.cancel_at_period_end",
      actorUserId: admin.userId,
      ip: "203.0.113.7",
      before: { cancelAtPeriodEnd: false, canceledAt: null },
      after: { cancelAtPeriodEnd: true, reason: "고객 요청 (전화)" },
    });

    const resumed = await resumeSubscription(admin, sub.id, { now: NOW });
    expect(resumed).toMatchObject({ status: "active", cancelAtPeriodEnd: false, canceledAt: null });
    expect((await eventsOf(sub.id)).map((e) => e.type)).toEqual(["cancel_requested", "resumed"]);
    expect((await auditRows(sub.id)).map((a) => a.action)).toEqual([
      "subscription.cancel_at_period_end",
      "subscription.resume",
    ]);
  });

  test("cancel now ends the subscription at once", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan, { status: "past_due" });
    const updated = await cancelSubscriptionFromAdminForm(
      admin,
      sub.id,
      { atPeriodEnd: false },
      { now: NOW },
    );
    expect(updated).toMatchObject({
      status: "canceled",
      endedAt: NOW,
      nextChargeAt: null,
      cancellationReason: "admin_request",
    });
    expect((await eventsOf(sub.id))[0]).toMatchObject({
      fromStatus: "past_due",
      toStatus: "canceled",
    });
    expect((await auditRows(sub.id))[0]).toMatchObject({
      action: "subscription.cancel",
      before: { status: "past_due" },
      after: { status: "canceled" },
    });
  });

  test("refuses what the state does not allow, and bad input, without writing anything", async () => {
    const plan = await insertPlan();
    const ended = await insertSubscription(plan, { status: "canceled" });
    expect(
      await rejection(cancelSubscriptionFromAdminForm(admin, ended.id, { atPeriodEnd: true })),
    ).toMatchObject({
      code: "conflict",
      userMessage: "이미 해지된 구독이에요.",
    });
    const active = await insertSubscription(plan);
    expect(await rejection(resumeSubscription(admin, active.id))).toMatchObject({
      code: "conflict",
      userMessage: "해지가 예약된 구독이 아니에요.",
    });
    const bad = await rejection(cancelSubscriptionFromAdminForm(admin, active.id, { reason: "x" }));
    expect(failedWith(bad, "test").fieldErrors).toEqual({
      atPeriodEnd: "해지 시점을 선택해 주세요.",
    });
    const long = await rejection(
      cancelSubscriptionFromAdminForm(admin, active.id, {
        atPeriodEnd: true,
        reason: "가".repeat(201),
      }),
    );
    expect(failedWith(long, "test").fieldErrors?.reason).toBe(
      "해지 사유는 200자 이하로 입력해 주세요.",
    );
    expect(
      await rejection(cancelSubscriptionFromAdminForm(admin, randomUUID(), { atPeriodEnd: true })),
    ).toMatchObject({ code: "not_found" });
    expect(await eventsOf(active.id)).toEqual([]);
    expect(await auditRows(active.id)).toEqual([]);
  });
});

describe("moveNextBillingDate", () => {
  test("moves an active subscription's period end, anchor and next charge, keeping the time of day", async () => {
    const plan = await insertPlan();
    const end = new Date("2026-03-20T10:15:00+09:00");
    const sub = await insertSubscription(plan, { currentPeriodEnd: end, nextChargeAt: end });
    const moved = await moveNextBillingDate(admin, sub.id, { date: "2026-03-25" }, { now: NOW });
    const expected = new Date("2026-03-25T10:15:00+09:00");
    expect(moved).toMatchObject({
      currentPeriodEnd: expected,
      billingAnchorAt: expected,
      nextChargeAt: expected,
    });
    expect((await eventsOf(sub.id))[0]).toMatchObject({
      type: "billing_date_moved",
      actor: `admin:${admin.userId}`,
      data: { from: end.toISOString(), to: expected.toISOString() },
    });
    expect((await auditRows(sub.id))[0]).toMatchObject({
      action: "subscription.move_billing_date",
      before: { nextChargeAt: end.toISOString(), currentPeriodEnd: end.toISOString() },
      after: { nextChargeAt: expected.toISOString(), currentPeriodEnd: expected.toISOString() },
    });
  });

  test("moves a trial's end with its first charge, and only the next retry of a past_due one", async () => {
    const plan = await insertPlan();
    const trialEnd = new Date("2026-03-15T09:00:00+09:00");
    const trial = await insertSubscription(plan, {
      status: "trialing",
      periodNumber: 0,
      trialEnd,
      nextChargeAt: trialEnd,
      currentPeriodEnd: null,
      billingAnchorAt: null,
    });
    expect(
      await moveNextBillingDate(admin, trial.id, { date: "2026-03-18" }, { now: NOW }),
    ).toMatchObject({
      trialEnd: new Date("2026-03-18T09:00:00+09:00"),
      nextChargeAt: new Date("2026-03-18T09:00:00+09:00"),
    });

    const retryAt = new Date("2026-03-11T09:00:00+09:00");
    const pastDue = await insertSubscription(plan, { status: "past_due", nextChargeAt: retryAt });
    const moved = await moveNextBillingDate(
      admin,
      pastDue.id,
      { date: "2026-03-13" },
      { now: NOW },
    );
    expect(moved.nextChargeAt).toEqual(new Date("2026-03-13T09:00:00+09:00"));
    expect(moved.currentPeriodEnd).toEqual(pastDue.currentPeriodEnd);
  });

  test.each([
    ["2026-03-10", "다음 결제일은 오늘 이후 날짜여야 해요. 2026년 3월 11일부터 고를 수 있어요."],
    ["2026-03-01", "다음 결제일은 오늘 이후 날짜여야 해요. 2026년 3월 11일부터 고를 수 있어요."],
    ["2027-06-01", "다음 결제일은 1년 안의 날짜로 골라 주세요."],
    ["2026-02-30", "있는 날짜를 입력해 주세요."],
    ["25/03/2026", "날짜를 YYYY-MM-DD 형식으로 입력해 주세요."],
    ["2026-03-20", "지금 다음 결제일과 같은 날짜예요."],
  ])("refuses %s: %s", async (date, message) => {
    const plan = await insertPlan();
    const end = new Date("2026-03-20T10:15:00+09:00");
    const sub = await insertSubscription(plan, { currentPeriodEnd: end, nextChargeAt: end });
    const error = await rejection(moveNextBillingDate(admin, sub.id, { date }, { now: NOW }));
    expect(error.code).toBe("bad_request");
    expect(failedWith(error, "test").fieldErrors?.date).toBe(message);
    expect((await subscriptionById(sub.id)).nextChargeAt).toEqual(end);
    expect(await auditRows(sub.id)).toEqual([]);
  });

  test("refuses a canceled subscription and one with a charge in flight", async () => {
    const plan = await insertPlan();
    const ended = await insertSubscription(plan, { status: "canceled", nextChargeAt: null });
    expect(
      await rejection(moveNextBillingDate(admin, ended.id, { date: "2026-03-25" }, { now: NOW })),
    ).toMatchObject({ code: "conflict" });
    const busy = await insertSubscription(plan);
    await insertAttempt(busy, { periodNumber: 2, status: "unknown" });
    expect(
      await rejection(moveNextBillingDate(admin, busy.id, { date: "2026-03-25" }, { now: NOW })),
    ).toMatchObject({
      code: "conflict",
      userMessage: "결제 결과를 확인하는 중이에요. 결과가 나온 뒤 다시 시도해 주세요.",
    });
  });
});

describe("grantFreePeriod", () => {
  test("N days: the period, the anchor and the next charge move by N days", async () => {
    const plan = await insertPlan();
    const end = new Date("2026-03-20T10:00:00+09:00");
    const sub = await insertSubscription(plan, { currentPeriodEnd: end, nextChargeAt: end });
    const granted = await grantFreePeriod(
      admin,
      sub.id,
      { unit: "days", days: "10" },
      { now: NOW },
    );
    const expected = new Date("2026-03-30T10:00:00+09:00");
    expect(granted).toMatchObject({
      currentPeriodEnd: expected,
      billingAnchorAt: expected,
      nextChargeAt: expected,
      status: "active",
    });
    expect((await eventsOf(sub.id))[0]).toMatchObject({
      type: "free_period_granted",
      data: { days: 10, from: end.toISOString(), to: expected.toISOString() },
    });
    expect((await auditRows(sub.id))[0]).toMatchObject({
      action: "subscription.grant_free_period",
      after: { nextChargeAt: expected.toISOString() },
    });
  });

  test("one interval: the next boundary of the anchor's series, so the billing day stays", async () => {
    const plan = await insertPlan({ interval: "month" });
    const anchor = new Date("2026-01-31T10:00:00+09:00");
    const end = new Date("2026-02-28T10:00:00+09:00");
    const sub = await insertSubscription(plan, {
      billingAnchorAt: anchor,
      currentPeriodStart: anchor,
      currentPeriodEnd: end,
      nextChargeAt: end,
    });
    const granted = await grantFreePeriod(admin, sub.id, { unit: "interval" }, { now: NOW });
    // Back to the anchor's 31st, not 28 March.
    expect(granted.currentPeriodEnd).toEqual(new Date("2026-03-31T10:00:00+09:00"));
    expect(granted.billingAnchorAt).toEqual(anchor);
  });

  test("extends a trial, and refuses a past_due subscription and zero days", async () => {
    const plan = await insertPlan();
    const trialEnd = new Date("2026-03-15T09:00:00+09:00");
    const trial = await insertSubscription(plan, {
      status: "trialing",
      periodNumber: 0,
      trialEnd,
      nextChargeAt: trialEnd,
    });
    expect(
      await grantFreePeriod(admin, trial.id, { unit: "days", days: 7 }, { now: NOW }),
    ).toMatchObject({
      trialEnd: new Date("2026-03-22T09:00:00+09:00"),
      nextChargeAt: new Date("2026-03-22T09:00:00+09:00"),
    });

    const pastDue = await insertSubscription(plan, { status: "past_due" });
    expect(await rejection(grantFreePeriod(admin, pastDue.id, { unit: "interval" }))).toMatchObject(
      {
        code: "conflict",
        userMessage: "이용 중이거나 무료 체험 중인 구독에만 무료 기간을 줄 수 있어요.",
      },
    );
    const zero = await rejection(grantFreePeriod(admin, trial.id, { unit: "days", days: "0" }));
    expect(failedWith(zero, "test").fieldErrors?.days).toBe("무료 기간은 1일 이상이어야 해요.");
    const noUnit = await rejection(grantFreePeriod(admin, trial.id, {}));
    expect(failedWith(noUnit, "test").fieldErrors?.unit).toBe("무료 기간의 단위를 골라 주세요.");
  });
});

describe("retryOutstandingCharge (Toss Pay sandbox over HTTP)", () => {
  let harness: BillingHarness;
  beforeAll(async () => {
    harness = await startBillingHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  test("charges the outstanding period of a past_due subscription now and records who asked", async () => {
    const plan = await insertPlan({ amount: 9_900 });
    const periodStart = new Date(Date.now() - 35 * DAY_MS);
    const periodEnd = new Date(Date.now() - 5 * DAY_MS);
    const { subscription } = await createSubscriber({
      sandboxUrl: harness.sandboxUrl,
      plan,
      periodStart,
      periodEnd,
      subscription: {
        status: "past_due",
        dunningAttempts: 1,
        dunningStartedAt: periodEnd,
        nextChargeAt: new Date(Date.now() + DAY_MS),
      },
    });

    const outcome = await retryOutstandingCharge(admin, subscription.id, {
      providerFor: harness.providerFor,
    });
    expect(outcome).toMatchObject({ kind: "settled", result: "succeeded" });
    const after = await subscriptionById(subscription.id);
    expect(after).toMatchObject({ status: "active", periodNumber: 2, dunningAttempts: 0 });
    const attempts = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, subscription.id));
    expect(attempts).toMatchObject([{ status: "succeeded", periodNumber: 2, amount: 9_900 }]);
    const events = await eventsOf(subscription.id);
    expect(events.map((e) => e.type)).toContain("period_paid");
    expect(events.find((e) => e.type === "admin_charge_retry")).toMatchObject({
      actor: `admin:${admin.userId}`,
      data: { outcome: "settled", result: "succeeded", attemptId: attempts[0]?.id },
    });
    expect((await auditRows(subscription.id))[0]).toMatchObject({
      action: "subscription.retry_charge",
      before: { status: "past_due" },
      after: { status: "active", result: "succeeded" },
    });
    expect((await harness.ledger()).filter((c) => c.transactionId)).toHaveLength(1);
  });

  test("refuses a subscription with nothing outstanding, and charges nothing", async () => {
    const plan = await insertPlan();
    const { subscription } = await createSubscriber({
      sandboxUrl: harness.sandboxUrl,
      plan,
      periodStart: new Date(Date.now() - 5 * DAY_MS),
      periodEnd: new Date(Date.now() + 25 * DAY_MS),
    });
    expect(await rejection(retryOutstandingCharge(admin, subscription.id))).toMatchObject({
      code: "conflict",
      userMessage: "미납된 결제가 있는 구독만 지금 결제를 다시 시도할 수 있어요.",
    });
    const attempts = await db()
      .select()
      .from(chargeAttempts)
      .where(and(eq(chargeAttempts.subscriptionId, subscription.id)));
    expect(attempts).toEqual([]);
  });
});
