// The plan editor's mutations against a real database: rows written, plan_prices history,
// audit entries, the price-rise confirmation and consent flow, and refusals with their messages.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { archivePlan, unarchivePlan } from "@/lib/admin/archive-plan";
import { createPlan } from "@/lib/admin/create-plan";
import { deletePlan } from "@/lib/admin/delete-plan";
import { listPlansForAdmin } from "@/lib/admin/list-plans-for-admin";
import { movePlan } from "@/lib/admin/move-plan";
import { failedWith } from "@/lib/forms/form-result";
import { updatePlan } from "@/lib/admin/update-plan";
import { db } from "@/lib/db/client";
import { consents, planPrices, plans, subscriptions, type Plan } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  auditRows,
  insertAdmin,
  insertPlan,
  insertSubscription,
  resetData,
} from "./subscribers-fixtures";

let admin: { userId: string };
beforeEach(async () => {
  await resetData();
  admin = await insertAdmin();
});

const NOW = new Date("2026-03-10T12:00:00+09:00");
const DAY_MS = 24 * 60 * 60 * 1000;

const formInput = (overrides: Record<string, unknown> = {}) => ({
  slug: "premium",
  name: "프리미엄",
  description: "모든 기능",
  features: "무제한 다운로드\n\n  우선 지원  ",
  amount: "29,900",
  amountTaxFree: "",
  interval: "month",
  intervalCount: "1",
  trialDays: "7",
  sortOrder: "40",
  ...overrides,
});

const editInput = (plan: Plan, overrides: Record<string, unknown> = {}) => ({
  name: plan.name,
  description: plan.description,
  features: plan.features,
  amount: plan.amount,
  amountTaxFree: plan.amountTaxFree,
  interval: plan.interval,
  intervalCount: plan.intervalCount,
  trialDays: plan.trialDays,
  sortOrder: plan.sortOrder,
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function pricesOf(planId: string) {
  return db()
    .select()
    .from(planPrices)
    .where(eq(planPrices.planId, planId))
    .orderBy(planPrices.effectiveFrom);
}

describe("createPlan", () => {
  test("creates the plan from form strings, with its first price and an audit entry", async () => {
    const plan = await createPlan(admin, formInput(), { now: NOW });
    expect(plan).toMatchObject({
      slug: "premium",
      name: "프리미엄",
      features: ["무제한 다운로드", "우선 지원"],
      amount: 29_900,
      amountTaxFree: 0,
      interval: "month",
      intervalCount: 1,
      trialDays: 7,
      sortOrder: 40,
      status: "active",
    });
    expect(await pricesOf(plan.id)).toMatchObject([
      { amount: 29_900, amountTaxFree: 0, createdByUserId: admin.userId },
    ]);
    const [audit] = await auditRows(plan.id);
    expect(audit).toMatchObject({
      action: "plan.create",
      actorUserId: admin.userId,
      targetType: "plan",
      before: null,
      after: { slug: "premium", amount: 29_900, status: "active" },
    });
  });

  test("without an order a new plan goes last on the pricing page; an edit keeps its place", async () => {
    await insertPlan({ slug: "first", sortOrder: 10 });
    await insertPlan({ slug: "second", sortOrder: 30 });
    const plan = await createPlan(admin, formInput({ sortOrder: "" }));
    expect(plan.sortOrder).toBe(40);
    const edited = await updatePlan(admin, plan.id, { ...editInput(plan), sortOrder: "" });
    expect(edited.kind === "updated" && edited.plan.sortOrder).toBe(40);
  });

  test.each([
    [{ amount: "50" }, "amount", "가격은 100원 이상이어야 해요."],
    [{ amount: "9900.5" }, "amount", "가격을 원 단위 숫자로 입력해 주세요."],
    [{ amount: "" }, "amount", "가격을 원 단위 숫자로 입력해 주세요."],
    [{ amountTaxFree: "30000" }, "amountTaxFree", "면세 금액은 가격보다 클 수 없어요."],
    [{ name: "  " }, "name", "요금제 이름을 입력해 주세요."],
    [
      { slug: "Pro Yearly!" },
      "slug",
      "주소용 이름은 영문 소문자, 숫자, 하이픈(-)만 쓸 수 있어요. 예: pro-yearly",
    ],
    [{ intervalCount: "37" }, "intervalCount", "결제 주기 간격은 36 이하여야 해요."],
    [{ interval: "fortnight" }, "interval", "결제 주기를 선택해 주세요."],
    [{ trialDays: "400" }, "trialDays", "무료 체험 기간은 365일 이하여야 해요."],
  ])("refuses %o with a message on %s", async (overrides, field, message) => {
    const error = await rejection(createPlan(admin, formInput(overrides)));
    expect(error.code).toBe("bad_request");
    expect(failedWith(error, "test").fieldErrors?.[field]).toBe(message);
    expect(error.message).toContain(`${field}: ${message}`);
    expect(await db().select().from(plans)).toHaveLength(0);
  });

  test("refuses a slug another plan uses, on the slug field", async () => {
    await insertPlan({ slug: "premium" });
    const error = await rejection(createPlan(admin, formInput()));
    expect(error.code).toBe("conflict");
    expect(failedWith(error, "test").fieldErrors?.slug).toMatch(/다른 요금제가 쓰고 있어요/);
  });
});

describe("updatePlan", () => {
  test("saves the other fields with an audit entry of only what changed", async () => {
    const plan = await insertPlan({ name: "베이직", trialDays: 0 });
    const result = await updatePlan(
      admin,
      plan.id,
      editInput(plan, { name: "베이직 플러스", trialDays: 14, features: "A\nB" }),
      { now: NOW },
    );
    expect(result).toMatchObject({ kind: "updated", price: "unchanged" });
    const [audit] = await auditRows(plan.id);
    expect(audit).toMatchObject({
      action: "plan.update",
      before: { name: "베이직", trialDays: 0, features: [] },
      after: { name: "베이직 플러스", trialDays: 14, features: ["A", "B"] },
    });
    expect(await pricesOf(plan.id)).toHaveLength(0);
  });

  test("a price cut applies to new subscribers; existing ones keep their price", async () => {
    const plan = await insertPlan({ amount: 19_900 });
    const sub = await insertSubscription(plan);
    await insertSubscription(plan, { status: "canceled" });
    const result = await updatePlan(admin, plan.id, editInput(plan, { amount: 14_900 }), {
      now: NOW,
    });
    expect(result).toMatchObject({ kind: "updated", price: "lowered", affectedSubscribers: 1 });
    expect(result.kind === "updated" && result.plan.amount).toBe(14_900);
    const [after] = await db().select().from(subscriptions).where(eq(subscriptions.id, sub.id));
    expect(after?.priceAmount).toBe(19_900);
    expect(await pricesOf(plan.id)).toMatchObject([
      { amount: 14_900, createdByUserId: admin.userId },
    ]);
    const [audit] = await auditRows(plan.id);
    expect(audit).toMatchObject({
      action: "plan.update",
      before: { amount: 19_900 },
      after: { amount: 14_900 },
    });
  });

  test("a price rise asks for confirmation with the number of subscribers affected, then goes through consent", async () => {
    const plan = await insertPlan({ amount: 9_900 });
    // Renews in 10 days: asked for consent at once. Renews in 60 days: asked later by the cron.
    const soon = await insertSubscription(plan, {
      currentPeriodStart: new Date(NOW.getTime() - 20 * DAY_MS),
      currentPeriodEnd: new Date(NOW.getTime() + 10 * DAY_MS),
      nextChargeAt: new Date(NOW.getTime() + 10 * DAY_MS),
    });
    const later = await insertSubscription(plan, {
      currentPeriodEnd: new Date(NOW.getTime() + 60 * DAY_MS),
      nextChargeAt: new Date(NOW.getTime() + 60 * DAY_MS),
    });
    await insertSubscription(plan, { status: "canceled" });

    const preview = await updatePlan(admin, plan.id, editInput(plan, { amount: 12_900 }), {
      now: NOW,
    });
    expect(preview).toEqual({
      kind: "needs_confirmation",
      oldAmount: 9_900,
      newAmount: 12_900,
      affectedSubscribers: 2,
    });
    const [unchanged] = await db().select().from(plans).where(eq(plans.id, plan.id));
    expect(unchanged?.amount).toBe(9_900);
    expect(await auditRows(plan.id)).toHaveLength(0);

    // A confirmation for another amount does not count.
    const stale = await updatePlan(admin, plan.id, editInput(plan, { amount: 13_900 }), {
      now: NOW,
      confirmedAmount: 12_900,
    });
    expect(stale.kind).toBe("needs_confirmation");

    const saved = await updatePlan(
      admin,
      plan.id,
      editInput(plan, { amount: 12_900, name: "베이직 (인상)" }),
      { now: NOW, confirmedAmount: 12_900 },
    );
    expect(saved).toMatchObject({
      kind: "updated",
      price: "raised",
      affectedSubscribers: 2,
      consentsRequested: 1,
    });
    expect(saved.kind === "updated" && saved.plan).toMatchObject({
      amount: 12_900,
      name: "베이직 (인상)",
    });
    // Existing subscribers keep their price until they consent.
    const subs = await db().select().from(subscriptions).where(eq(subscriptions.planId, plan.id));
    expect(subs.map((s) => s.priceAmount)).toEqual([9_900, 9_900, 9_900]);
    const requested = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.planId, plan.id), eq(consents.kind, "price_increase")));
    expect(requested.map((c) => c.subscriptionId)).toEqual([soon.id]);
    expect(requested[0]).toMatchObject({
      oldAmount: 9_900,
      newAmount: 12_900,
      status: "requested",
    });
    expect(requested.some((c) => c.subscriptionId === later.id)).toBe(false);

    expect(await pricesOf(plan.id)).toMatchObject([{ amount: 12_900 }]);
    const audit = await auditRows(plan.id);
    expect(audit.map((a) => a.action).sort()).toEqual(["plan.price_raised", "plan.update"]);
    expect(audit.find((a) => a.action === "plan.price_raised")).toMatchObject({
      actorUserId: admin.userId,
      before: { amount: 9_900 },
      after: { amount: 12_900 },
    });
    expect(audit.find((a) => a.action === "plan.update")).toMatchObject({
      before: { name: "베이직" },
      after: { name: "베이직 (인상)" },
    });
  });

  test("refuses an interval change once anyone has subscribed, before touching the price", async () => {
    const plan = await insertPlan({ amount: 9_900, interval: "month" });
    await insertSubscription(plan, { status: "canceled" });
    const error = await rejection(
      updatePlan(admin, plan.id, editInput(plan, { interval: "year", amount: 99_000 }), {
        confirmedAmount: 99_000,
      }),
    );
    expect(error.code).toBe("bad_request");
    expect(failedWith(error, "test").fieldErrors?.interval).toMatch(/결제 주기를 바꿀 수 없어요/);
    const [row] = await db().select().from(plans).where(eq(plans.id, plan.id));
    expect(row).toMatchObject({ interval: "month", amount: 9_900 });
  });

  test("allows an interval change on a plan nobody subscribed to", async () => {
    const plan = await insertPlan({ interval: "month" });
    const result = await updatePlan(
      admin,
      plan.id,
      editInput(plan, { interval: "week", intervalCount: 2 }),
    );
    expect(result.kind === "updated" && result.plan).toMatchObject({
      interval: "week",
      intervalCount: 2,
    });
  });

  test("answers not_found for a plan that does not exist", async () => {
    const plan = await insertPlan();
    const error = await rejection(
      updatePlan(admin, "00000000-0000-4000-8000-000000000000", editInput(plan)),
    );
    expect(error.code).toBe("not_found");
  });
});

describe("archive, unarchive, delete", () => {
  test("archiving keeps subscribers and records the change; unarchiving puts it back on sale", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan);
    expect((await archivePlan(admin, plan.id)).status).toBe("archived");
    expect((await unarchivePlan(admin, plan.id)).status).toBe("active");
    const [kept] = await db().select().from(subscriptions).where(eq(subscriptions.id, sub.id));
    expect(kept?.status).toBe("active");
    expect((await auditRows(plan.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ["plan.archive", { status: "active" }, { status: "archived" }],
      ["plan.unarchive", { status: "archived" }, { status: "active" }],
    ]);
  });

  test("a plan with subscription history cannot be deleted", async () => {
    const plan = await insertPlan();
    await insertSubscription(plan, { status: "canceled" });
    const error = await rejection(deletePlan(admin, plan.id));
    expect(error).toMatchObject({
      code: "conflict",
      userMessage: "구독한 적이 있는 요금제는 삭제할 수 없어요. 판매를 중단하려면 보관해 주세요.",
    });
    expect(await db().select().from(plans).where(eq(plans.id, plan.id))).toHaveLength(1);
  });

  test("a plan nobody ever subscribed to is deleted with its price history, and audited", async () => {
    const plan = await createPlan(admin, formInput({ slug: "draft" }));
    await deletePlan(admin, plan.id);
    expect(await db().select().from(plans).where(eq(plans.id, plan.id))).toHaveLength(0);
    expect(await pricesOf(plan.id)).toHaveLength(0);
    const audit = await auditRows(plan.id);
    expect(audit.map((a) => a.action)).toEqual(["plan.create", "plan.delete"]);
    expect(audit[1]?.before).toMatchObject({ slug: "draft", amount: 29_900 });
  });
});

describe("ordering", () => {
  test("moving a plan swaps it with its neighbour and renumbers the list", async () => {
    const a = await insertPlan({ slug: "a", sortOrder: 5 });
    const b = await insertPlan({ slug: "b", sortOrder: 5 });
    const c = await insertPlan({ slug: "c", sortOrder: 30, status: "archived" });
    await movePlan(admin, c.id, "up");
    let order = (await listPlansForAdmin()).map((p) => [p.slug, p.sortOrder]);
    expect(order).toEqual([
      ["a", 10],
      ["c", 20],
      ["b", 30],
    ]);
    await movePlan(admin, a.id, "up"); // already first: nothing changes
    await movePlan(admin, a.id, "down");
    order = (await listPlansForAdmin()).map((p) => [p.slug, p.sortOrder]);
    expect(order).toEqual([
      ["c", 10],
      ["a", 20],
      ["b", 30],
    ]);
    expect((await auditRows(c.id))[0]).toMatchObject({
      action: "plan.reorder",
      before: { order: ["a", "b", "c"], direction: "up" },
      after: { order: ["a", "c", "b"] },
    });
    expect(b.id).toBeTruthy();
  });

  test("the admin list counts live and total subscriptions per plan", async () => {
    const plan = await insertPlan({ slug: "counted" });
    await insertPlan({ slug: "empty" });
    await insertSubscription(plan);
    await insertSubscription(plan, { status: "past_due" });
    await insertSubscription(plan, { status: "canceled" });
    const rows = await listPlansForAdmin();
    expect(rows.map((r) => [r.slug, r.liveSubscriptions, r.totalSubscriptions])).toEqual([
      ["counted", 2, 3],
      ["empty", 0, 0],
    ]);
  });
});
