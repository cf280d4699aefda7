// The Toss app side: the checkout screen, approve/cancel and the return URLs, the 15-minute
// link window, the ACTIVATED/REMOVED callbacks with their retries, and the key management page.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { formatKst } from "@/lib/sandbox/toss-pay/kst-time";
import { billingKeys, callbackDeliveries } from "@/lib/sandbox/toss-pay/schema";
import {
  type Json,
  type Receiver,
  type Sandbox,
  billBody,
  createBody,
  newApiKey,
  startReceiver,
  startSandbox,
  submitCheckout,
  tokenOf,
  waitFor,
} from "./support";

let sandbox: Sandbox;
const receivers: Receiver[] = [];
beforeAll(async () => {
  sandbox = await startSandbox();
  // Retries 50 ms apart instead of Toss's 3 minutes.
  const res = await fetch(`${sandbox.base}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ callbackRetryIntervalMs: 50 }),
  });
  expect(res.status).toBe(200);
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(statuses: number[]): Promise<Receiver> {
  const r = await startReceiver(statuses);
  receivers.push(r);
  return r;
}

async function createKey(overrides: Json = {}) {
  const apiKey = newApiKey();
  const body = createBody(apiKey, overrides);
  const created = await sandbox.post("/api/v1/billing-key", body);
  expect(created.body.code).toBe(0);
  return {
    apiKey,
    userId: body.userId as string,
    billingKey: created.body.billingKey as string,
    token: tokenOf(created.body.checkoutUri),
    created: created.body,
  };
}

const keyRow = async (billingKey: string) =>
  (await db().select().from(billingKeys).where(eq(billingKeys.billingKey, billingKey)))[0];

describe("the checkout screen", () => {
  it("shows a Korean, clearly-sandbox approval screen with the ten card companies and accounts", async () => {
    const { created } = await createKey({ productDesc: "스탠다드 플랜" });
    const response = await fetch(created.checkoutUri as string);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    for (const text of [
      "샌드박스",
      "테스트 환경",
      "스탠다드 플랜",
      "동의하고 등록",
      "취소",
      "토스머니",
    ]) {
      expect(page).toContain(text);
    }
    for (const card of [
      "신한",
      "현대",
      "삼성",
      "KB국민",
      "롯데",
      "하나",
      "우리",
      "NH농협",
      "씨티",
      "BC",
    ]) {
      expect(page).toContain(card);
    }
    // 씨티 is listed but cannot be chosen.
    expect(page).toMatch(/value="card:9"\s+disabled/);
    expect(page).toContain("/_assets/pretendard-400.woff2");
    // Standalone there is no store to name: the placeholder merchant.
    expect(page).toContain("테스트 가맹점");

    // Each platform's link opens the same screen, which remembers where it was opened from (the
    // approval returns there) without printing it for the customer.
    const android = await (await fetch(created.checkoutAndroidUri as string)).text();
    expect(android).toMatch(/name="platform"\s+value="android"/);
    const ios = await (await fetch(created.checkoutIosUri as string)).text();
    expect(ios).toMatch(/name="platform"\s+value="ios"/);
    expect(ios).not.toContain("링크로 열림");
  });

  it("serves Pretendard itself", async () => {
    const font = await sandbox.get("/_assets/pretendard-700.woff2");
    expect(font.status).toBe(200);
    expect(font.headers.get("content-type")).toBe("font/woff2");
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it("answers an unknown token with a clear page", async () => {
    const response = await sandbox.get("/payfront/billing?token=nope");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("유효하지 않은 링크");
  });
});

describe("approving", () => {
  it("activates the key, sends ACTIVATED with the masked method, and returns the browser with the documented params", async () => {
    const hook = await receiver([200]);
    const key = await createKey({ resultCallback: hook.url, displayId: "main" });
    const before = Date.now();
    const response = await submitCheckout(sandbox, "approve", {
      token: key.token,
      method: "card:7",
      behavior: "normal",
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(
      "http://localhost:3000/billing/toss-pay/success",
    );
    expect(Object.fromEntries(location.searchParams)).toEqual({
      status: "ACTIVE",
      userId: key.userId,
      displayId: "main",
      billingKey: key.billingKey,
    });
    expect(await keyRow(key.billingKey)).toMatchObject({
      status: "ACTIVE",
      instrumentId: "card:7:normal",
    });

    await waitFor(() => hook.received.length === 1);
    const [delivery] = hook.received;
    expect(delivery?.contentType).toBe("application/json;charset=UTF-8");
    expect(delivery?.body).toEqual({
      action: "ACTIVATED",
      processedTs: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      userId: key.userId,
      displayId: "main",
      billingKey: key.billingKey,
      payMethod: "CARD",
      cardMethodType: "CREDIT",
      cardUserType: "PERSONAL",
      cardCompanyNo: 7,
      cardCompanyName: "우리",
      cardNumber: "553177******710*",
      cardNum4Print: "710*",
      cardBinNumber: "553177",
    });
    // processedTs is Korean time, taken when the customer approved.
    const ts = delivery?.body.processedTs as string;
    expect(ts >= formatKst(new Date(before - 1_000)) && ts <= formatKst(new Date())).toBe(true);

    // Approving twice (back button, second tab) changes nothing.
    const again = await submitCheckout(sandbox, "approve", { token: key.token, method: "card:1" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("이미 등록된 자동결제");
    expect((await keyRow(key.billingKey))?.instrumentId).toBe("card:7:normal");
  });

  it("shows a completion screen linking back to the app when there is only retAppScheme", async () => {
    const key = await createKey({
      retAppScheme: "testshop://billing",
      returnSuccessUrl: undefined,
      returnFailureUrl: undefined,
    });
    const response = await submitCheckout(sandbox, "approve", {
      token: key.token,
      method: "account:888",
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("자동결제를 등록했어요");
    expect(page).toContain('href="testshop://billing"');
  });

  it("refuses 씨티 (not supported) and keeps the key waiting", async () => {
    const key = await createKey();
    const response = await submitCheckout(sandbox, "approve", {
      token: key.token,
      method: "card:9",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("NOT_SUPPORTED_PAYMENT_METHOD");
    expect((await keyRow(key.billingKey))?.status).toBe("CREATE");
  });

  it("refuses the same method twice for one user (EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD)", async () => {
    const first = await createKey();
    await submitCheckout(sandbox, "approve", {
      token: first.token,
      method: "card:3",
      behavior: "normal",
    });
    const second = await sandbox.post(
      "/api/v1/billing-key",
      createBody(first.apiKey, { userId: first.userId }),
    );
    const token = tokenOf(second.body.checkoutUri);
    const same = await submitCheckout(sandbox, "approve", {
      token,
      method: "card:3",
      behavior: "normal",
    });
    expect(same.status).toBe(409);
    expect(await same.text()).toContain("EXIST_ACTIVATED_BILLING_KEY_USING_THIS_METHOD");
    const other = await submitCheckout(sandbox, "approve", {
      token,
      method: "card:1",
      behavior: "normal",
    });
    expect(other.status).toBe(303);
  });
});

describe("cancelling", () => {
  it("marks the key CANCEL, returns to returnFailureUrl with the error, and sends no callback", async () => {
    const hook = await receiver([200]);
    const key = await createKey({ resultCallback: hook.url });
    const response = await submitCheckout(sandbox, "cancel", {
      token: key.token,
      method: "card:1",
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/billing/toss-pay/fail");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      status: "CANCEL",
      userId: key.userId,
      billingKey: key.billingKey,
      errorCode: "BILLING_KEY_REGISTRATION_CANCELLED",
    });
    const status = await sandbox.post("/api/v1/billing-key/status", {
      apiKey: key.apiKey,
      userId: key.userId,
    });
    expect(status.body).toMatchObject({ status: "CANCEL", billingKey: key.billingKey });
    expect(
      await db()
        .select()
        .from(callbackDeliveries)
        .where(eq(callbackDeliveries.billingKey, key.billingKey)),
    ).toEqual([]);

    const approveLater = await submitCheckout(sandbox, "approve", {
      token: key.token,
      method: "card:1",
    });
    expect(approveLater.status).toBe(409);
  });
});

describe("the 15-minute window", () => {
  it("expires the link: a clear screen, no approval, the key stays CREATE, the browser can go back", async () => {
    const key = await createKey();
    const late = await startSandbox({ now: () => new Date(Date.now() + 15 * 60 * 1000 + 1_000) });

    const screen = await fetch(`${late.base}/payfront/billing?token=${key.token}`);
    expect(screen.status).toBe(410);
    const page = await screen.text();
    expect(page).toContain("인증 시간이 지났어요");
    expect(page).toContain("BILLING_KEY_AUTH_ERROR");
    expect(page).toContain("status=FAIL");

    const approve = await submitCheckout(late, "approve", { token: key.token, method: "card:1" });
    expect(approve.status).toBe(410);
    expect((await keyRow(key.billingKey))?.status).toBe("CREATE");

    const cancel = await submitCheckout(late, "cancel", { token: key.token });
    expect(cancel.status).toBe(303);
    const location = new URL(cancel.headers.get("location") ?? "");
    expect(location.searchParams.get("status")).toBe("FAIL");
    expect(location.searchParams.get("errorCode")).toBe("BILLING_KEY_AUTH_ERROR");

    const bill = await late.post("/api/v1/billing-key/bill", billBody(key.apiKey, key.billingKey));
    expect(bill.body).toMatchObject({ code: -1, errorCode: "BILLING_KEY_AUTH_ERROR" });

    // One second before the deadline it still works.
    const justInTime = await createKey();
    const early = await startSandbox({ now: () => new Date(Date.now() + 15 * 60 * 1000 - 5_000) });
    const ok = await submitCheckout(early, "approve", {
      token: justInTime.token,
      method: "card:1",
    });
    expect(ok.status).toBe(303);
  });
});

describe("callback delivery", () => {
  it("retries a non-200 answer until the merchant answers 200 (500, 500, 200 → three deliveries)", async () => {
    const hook = await receiver([500, 500, 200]);
    const key = await createKey({ resultCallback: hook.url });
    await submitCheckout(sandbox, "approve", { token: key.token, method: "card:1" });

    const delivered = await waitFor(async () => {
      const [row] = await db()
        .select()
        .from(callbackDeliveries)
        .where(eq(callbackDeliveries.billingKey, key.billingKey));
      return row?.state === "delivered" ? row : null;
    });
    expect(delivered).toMatchObject({ attempts: 3, lastStatus: 200 });
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => JSON.stringify(r.body))).size).toBe(1);

    const listed = (await (await sandbox.get("/_sandbox/callbacks")).json()) as Json;
    expect(listed.deliveries).toContainEqual(
      expect.objectContaining({
        billingKey: key.billingKey,
        state: "delivered",
        attempts: 3,
        action: "ACTIVATED",
      }),
    );
  });

  it("gives up after the first delivery and 4 retries", async () => {
    const hook = await receiver([503]);
    const key = await createKey({ resultCallback: hook.url });
    await submitCheckout(sandbox, "approve", { token: key.token, method: "card:1" });
    const failed = await waitFor(async () => {
      const [row] = await db()
        .select()
        .from(callbackDeliveries)
        .where(eq(callbackDeliveries.billingKey, key.billingKey));
      return row?.state === "failed" ? row : null;
    });
    expect(failed).toMatchObject({ attempts: 5, lastStatus: 503 });
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.received).toHaveLength(5);
  });

  it("treats a redirect as a failed delivery", async () => {
    const hook = await receiver([302, 200]);
    const key = await createKey({ resultCallback: hook.url });
    await submitCheckout(sandbox, "approve", { token: key.token, method: "card:1" });
    await waitFor(() => hook.received.length === 2);
  });
});

describe("key management (what the customer does in the Toss app)", () => {
  it("changes the linked method of an ACTIVE key; /billing-key/status shows the new one", async () => {
    const key = await createKey();
    await submitCheckout(sandbox, "approve", { token: key.token, method: "card:1" });
    const response = await fetch(`${sandbox.base}/_sandbox/keys/change-method`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        billingKey: key.billingKey,
        method: "account:092",
        behavior: "insufficient",
      }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get("location") ?? "")).toContain("결제수단을");

    const status = await sandbox.post("/api/v1/billing-key/status", {
      apiKey: key.apiKey,
      userId: key.userId,
    });
    expect(status.body).toMatchObject({
      status: "ACTIVE",
      payMethod: "TOSS_MONEY",
      accountBankCode: "092",
    });
    const bill = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(key.apiKey, key.billingKey),
    );
    expect(bill.body.errorCode).toBe("COMMON_NOT_ENOUGH_CASH");

    const list = await (await sandbox.get(`/_sandbox/keys?userId=${key.userId}`)).text();
    expect(list).toContain("토스뱅크 계좌");
  });

  it("cancelling the auto-payment in the app removes the key and calls back REMOVED", async () => {
    const hook = await receiver([200]);
    const key = await createKey({ resultCallback: hook.url });
    await submitCheckout(sandbox, "approve", { token: key.token, method: "card:2" });
    await waitFor(() => hook.received.length === 1);

    const response = await fetch(`${sandbox.base}/_sandbox/keys/remove`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ billingKey: key.billingKey }),
    });
    expect(await response.json()).toMatchObject({ code: 0 });
    await waitFor(() => hook.received.length === 2);
    expect(hook.received[1]?.body).toMatchObject({
      action: "REMOVED",
      userId: key.userId,
      billingKey: key.billingKey,
    });

    const status = await sandbox.post("/api/v1/billing-key/status", {
      apiKey: key.apiKey,
      userId: key.userId,
    });
    expect(status.body.status).toBe("REMOVE");
    const bill = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(key.apiKey, key.billingKey),
    );
    expect(bill.body).toMatchObject({ code: -1, errorCode: "BILLING_KEY_UNREGISTERED_BY_CANCEL" });
  });
});
