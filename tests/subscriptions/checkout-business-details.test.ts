// startCheckout in a live store refuses, before writing anything, while the 전자상거래법
// business details are incomplete; the sandbox demo starts checkouts without them. The payment
// mode comes from the env passed in (a live key), so no process.env changes mid-file.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { merchantSettings, paymentMethods, subscriptions } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PLACEHOLDER_BUSINESS_NAME } from "@/lib/merchant/missing-business-details";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import {
  createCustomer,
  createPlan,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

const LIVE_ENV = parseEnv({
  NODE_ENV: "test",
  // Built, not written out: a literal live key looks like a leaked secret.
  TOSS_PAY_API_KEY: ["sk", "live", "0123456789abcdef"].join("_"),
});

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

let n = 0;
const email = () => `checkout-details-${++n}-${Date.now()}@example.com`;

async function setDetails(values: Partial<typeof merchantSettings.$inferInsert>) {
  await db().insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
  await db().update(merchantSettings).set(values).where(eq(merchantSettings.id, 1));
}

const EMPTY = {
  businessName: PLACEHOLDER_BUSINESS_NAME,
  representativeName: null,
  businessRegistrationNumber: null,
  mailOrderRegistrationNumber: null,
  businessAddress: null,
  supportPhone: null,
  supportEmail: null,
};

beforeEach(() => setDetails(EMPTY));

describe("checkout and the business details", () => {
  it("a live store without its business details refuses before any row is written, naming what is missing in the log", async () => {
    await setDetails({ representativeName: "김대표", supportEmail: "help@shop.kr" });
    const plan = await createPlan();
    const user = await createCustomer(email());
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const refused = await startCheckout({
        provider: "toss_pay",
        userId: user.id,
        planSlug: plan.slug,
        env: LIVE_ENV,
      }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).userMessage).toBe(
        "지금은 구독을 시작할 수 없어요. 판매자 정보 등록이 끝나면 다시 열려요.",
      );
      expect(log).toHaveBeenCalledWith(
        expect.stringContaining("Missing: 상호, 사업자등록번호, 통신판매업 신고번호, 사업장 주소."),
      );
    } finally {
      log.mockRestore();
    }
    expect(
      await db().select().from(subscriptions).where(eq(subscriptions.userId, user.id)),
    ).toEqual([]);
    expect(
      await db().select().from(paymentMethods).where(eq(paymentMethods.userId, user.id)),
    ).toEqual([]);
  });

  it("the sandbox demo starts a checkout with no business details at all", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { subscriptionId, method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    expect(method.status).toBe("pending");
    const [row] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId));
    expect(row?.status).toBe("incomplete");
  });

  it("a live store with every detail filled in gets past the check", async () => {
    await setDetails({
      businessName: "주식회사 구독상점",
      representativeName: "김대표",
      businessRegistrationNumber: "123-45-67890",
      mailOrderRegistrationNumber: "제2025-서울강남-01234호",
      businessAddress: "서울특별시 강남구 테헤란로 1",
      supportPhone: "1588-0000",
    });
    const plan = await createPlan();
    const user = await createCustomer(email());
    // The env decides only the check; the registration itself still goes to this file's
    // sandbox (the process configuration), so a real key never leaves the test.
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
      env: LIVE_ENV,
    });
    expect(method.status).toBe("pending");
  });
});
