// The dashboard's first-run checklist, computed from real rows and an explicit env: provider
// keys, business details, email sending (and the last delivery), both cron jobs seen running,
// and a plan on sale. Also the dashboard's "live checkout is closed" signal.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { getSetupChecklist, type SetupItemId } from "@/lib/admin/get-setup-checklist";
import { db } from "@/lib/db/client";
import { cronRuns, merchantSettings, notifications } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { insertCustomer, insertPlan, resetData } from "./subscribers-fixtures";

const NOW = new Date("2027-05-01T12:00:00+09:00");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const SANDBOX_ENV = parseEnv({ NODE_ENV: "test" });
const LIVE_ENV = parseEnv({
  NODE_ENV: "test",
  // Built, not written out: a literal live key looks like a leaked secret.
  TOSS_PAY_API_KEY: ["sk", "live", "0123456789abcdef"].join("_"),
  SMTP_URL: "smtp://mail.example.com:587",
});

const COMPLETE_DETAILS = {
  businessName: "주식회사 구독상점",
  representativeName: "김대표",
  businessRegistrationNumber: "123-45-67890",
  mailOrderRegistrationNumber: "제2025-서울강남-01234호",
  businessAddress: "서울특별시 강남구 테헤란로 1",
  supportEmail: "help@shop.kr",
};

async function setDetails(values: Partial<typeof merchantSettings.$inferInsert>) {
  await db().insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
  await db().update(merchantSettings).set(values).where(eq(merchantSettings.id, 1));
}

async function cronSucceeded(job: string, at: Date) {
  await db()
    .insert(cronRuns)
    .values({ job, status: "succeeded", startedAt: at, finishedAt: at, summary: {} });
}

let notificationCount = 0;
async function notification(status: "sent" | "failed" | "pending" | "skipped", createdAt: Date) {
  const userId = await insertCustomer();
  await db()
    .insert(notifications)
    .values({
      userId,
      kind: "receipt",
      dedupeKey: `checklist-${++notificationCount}`,
      subject: "영수증",
      body: "결제됐어요.",
      status,
      lastError: status === "sent" ? null : "smtp: connection refused",
      attempts: status === "skipped" ? 0 : 1,
      createdAt,
    });
}

function byId(checklist: Awaited<ReturnType<typeof getSetupChecklist>>) {
  return (id: SetupItemId) => {
    const item = checklist.items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`no checklist item ${id}`);
    return item;
  };
}

// Users (and with them notifications), plans, cron runs and the settings row, which comes back
// with its defaults on first read.
beforeEach(resetData);

describe("getSetupChecklist", () => {
  test("a fresh sandbox store: every item is still to do, each with what to do and where", async () => {
    const checklist = await getSetupChecklist({ now: NOW, env: SANDBOX_ENV });
    const item = byId(checklist);
    expect(checklist.paymentMode).toBe("sandbox");
    expect(checklist.complete).toBe(false);
    expect(checklist.items.map((i) => [i.id, i.done])).toEqual([
      ["payments", false],
      ["business_details", false],
      ["email", false],
      ["billing_cron", false],
      ["notifications_cron", false],
      ["plans", false],
    ]);
    expect(item("payments").explanation).toContain("테스트 모드라 실제로 결제되지 않아요");
    expect(item("business_details").explanation).toContain(
      "상호, 대표자, 사업자등록번호, 통신판매업 신고번호, 사업장 주소, 고객센터 연락처(전화 또는 이메일)",
    );
    expect(item("email").explanation).toContain("SMTP_URL");
    expect(item("billing_cron").explanation).toContain("아직 한 번도 실행되지 않았어요");
    expect(item("plans")).toMatchObject({ href: "/admin/plans/new", linkLabel: "요금제 만들기" });
    for (const each of checklist.items) {
      expect(each.explanation.length).toBeGreaterThan(0);
      expect(each.href).toMatch(/^(\/admin|#)/);
    }
    // The sandbox is a demo: checkout stays open without the details.
    expect(checklist.checkoutClosedFor).toEqual([]);
  });

  test("a live store with everything in place is complete", async () => {
    await setDetails(COMPLETE_DETAILS);
    await insertPlan();
    await insertPlan({ status: "archived" });
    await cronSucceeded("billing", minutesAgo(50));
    await cronSucceeded("notifications", minutesAgo(4));
    await notification("failed", minutesAgo(300));
    await notification("sent", minutesAgo(10));

    const checklist = await getSetupChecklist({ now: NOW, env: LIVE_ENV });
    expect(checklist.paymentMode).toBe("live");
    expect(checklist.items.filter((item) => !item.done)).toEqual([]);
    expect(checklist.complete).toBe(true);
    expect(byId(checklist)("plans").explanation).toBe("요금제 1개를 판매하고 있어요.");
    expect(checklist.checkoutClosedFor).toEqual([]);
  });

  test("a live store missing business details: checkout is closed and the dashboard names the gaps", async () => {
    await setDetails({ ...COMPLETE_DETAILS, representativeName: null, businessAddress: " " });
    const checklist = await getSetupChecklist({ now: NOW, env: LIVE_ENV });
    expect(checklist.checkoutClosedFor).toEqual(["representativeName", "businessAddress"]);
    const details = byId(checklist)("business_details");
    expect(details.done).toBe(false);
    expect(details.explanation).toContain("입력이 필요해요: 대표자, 사업장 주소.");
  });

  test("cron jobs count only when their last success is recent: billing within 2 hours, email within 1", async () => {
    await cronSucceeded("billing", minutesAgo(121));
    await cronSucceeded("notifications", minutesAgo(61));
    // A failed run is not a sign of health.
    await db()
      .insert(cronRuns)
      .values({ job: "billing", status: "failed", startedAt: minutesAgo(5), error: "boom" });
    let item = byId(await getSetupChecklist({ now: NOW, env: LIVE_ENV }));
    expect(item("billing_cron").done).toBe(false);
    expect(item("billing_cron").explanation).toContain("2시간 넘게 실행되지 않았어요");
    expect(item("notifications_cron").done).toBe(false);

    await cronSucceeded("billing", minutesAgo(119));
    await cronSucceeded("notifications", minutesAgo(59));
    item = byId(await getSetupChecklist({ now: NOW, env: LIVE_ENV }));
    expect(item("billing_cron").done).toBe(true);
    expect(item("notifications_cron").done).toBe(true);
  });

  test("email is done only with SMTP_URL set and the last delivery not failed", async () => {
    // Configured, nothing sent yet.
    expect(byId(await getSetupChecklist({ now: NOW, env: LIVE_ENV }))("email").done).toBe(true);

    // The newest outcome is a failure waiting to retry (older success does not hide it).
    await notification("sent", minutesAgo(30));
    await notification("pending", minutesAgo(5));
    // Rows never tried (skipped without SMTP, or just queued) say nothing about delivery.
    await notification("skipped", minutesAgo(1));
    const email = byId(await getSetupChecklist({ now: NOW, env: LIVE_ENV }))("email");
    expect(email.done).toBe(false);
    expect(email.explanation).toContain("마지막 메일을 보내지 못했어요");

    // Without SMTP_URL nothing reaches customers, whatever the outbox says.
    await notification("sent", minutesAgo(0));
    expect(byId(await getSetupChecklist({ now: NOW, env: LIVE_ENV }))("email").done).toBe(true);
    expect(byId(await getSetupChecklist({ now: NOW, env: SANDBOX_ENV }))("email").done).toBe(false);
  });
});
