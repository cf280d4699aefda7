// The fault switches that let the billing engine's error handling be exercised: latency, 5xx,
// hangs, and charges whose answer is lost, all reproducible from a seed.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Json,
  type Sandbox,
  activeKey,
  billBody,
  newApiKey,
  startSandbox,
  uniqueId,
} from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

async function putSettings(body: Json): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sandbox.base}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const RESET = {
  latencyMs: null,
  errorRate: null,
  timeoutRate: null,
  lostResponseRate: null,
  seed: null,
};
afterEach(async () => {
  await putSettings(RESET);
});

async function ledgerFor(orderNo: string): Promise<Json[]> {
  const response = await sandbox.get(`/_sandbox/ledger?format=json&orderNo=${orderNo}`);
  return ((await response.json()) as Json).charges as Json[];
}

describe("settings API", () => {
  it("shows the defaults, takes partial updates, validates, and restores defaults with null", async () => {
    const initial = (await (await sandbox.get("/_sandbox/settings")).json()) as Json;
    expect(initial).toMatchObject({
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      lostResponseRate: 0,
      callbackRetryIntervalMs: 180_000,
      seed: null,
      defaults: { latencyMs: 0, callbackRetryIntervalMs: 180_000 },
    });

    const updated = await putSettings({ latencyMs: 25, errorRate: 0.1 });
    expect(updated.body).toMatchObject({ latencyMs: 25, errorRate: 0.1, timeoutRate: 0 });
    expect(((await (await sandbox.get("/_sandbox/settings")).json()) as Json).latencyMs).toBe(25);

    expect((await putSettings({ errorRate: 1.5 })).status).toBe(400);
    expect((await putSettings({ errorRate: 0.6, lostResponseRate: 0.6 })).status).toBe(400);
    expect((await putSettings({ chaos: true })).status).toBe(400);

    const reset = await putSettings({ latencyMs: null });
    expect(reset.body.latencyMs).toBe(0);
    expect(reset.body.errorRate).toBe(0.1);
  });
});

describe("faults", () => {
  it("lost response: the charge is made, the client sees a reset connection, status and ledger find it", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey);
    await putSettings({ lostResponseRate: 1 });
    const request = billBody(apiKey, billingKey);
    await expect(
      fetch(`${sandbox.base}/api/v1/billing-key/bill`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      }),
    ).rejects.toThrow();
    await putSettings({ lostResponseRate: null });

    const status = await sandbox.post("/api/v2/status", { apiKey, orderNo: request.orderNo });
    expect(status.body).toMatchObject({
      code: 0,
      payStatus: "PAY_COMPLETE",
      amount: request.amount,
    });
    const ledger = await ledgerFor(request.orderNo as string);
    expect(ledger).toEqual([
      expect.objectContaining({ orderNo: request.orderNo, payStatus: "PAY_COMPLETE" }),
    ]);
  });

  it("5xx: answers 500 COMMON_SYSTEM_ERROR and does nothing", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey);
    await putSettings({ errorRate: 1 });
    const request = billBody(apiKey, billingKey);
    const res = await sandbox.post("/api/v1/billing-key/bill", request);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: -1, errorCode: "COMMON_SYSTEM_ERROR" });
    await putSettings({ errorRate: null });
    expect(await ledgerFor(request.orderNo as string)).toEqual([]);
    const status = await sandbox.post("/api/v2/status", { apiKey, orderNo: request.orderNo });
    expect(status.body.errorCode).toBe("TRANSACTION_NOT_FOUND");
  });

  it("timeout: never answers until the client gives up, and does nothing", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey);
    await putSettings({ timeoutRate: 1 });
    const request = billBody(apiKey, billingKey);
    const started = Date.now();
    await expect(
      fetch(`${sandbox.base}/api/v1/billing-key/bill`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(400),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await putSettings({ timeoutRate: null });
    expect(await ledgerFor(request.orderNo as string)).toEqual([]);
  });

  it("latency: every API answer waits", async () => {
    await putSettings({ latencyMs: 300 });
    const started = Date.now();
    const res = await sandbox.post("/api/v2/status", {
      apiKey: newApiKey(),
      orderNo: uniqueId("o"),
    });
    expect(res.body.code).toBe(-1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("does not touch the app screens or the developer pages", async () => {
    await putSettings({ errorRate: 1, latencyMs: 2_000 });
    const started = Date.now();
    expect((await sandbox.get("/_sandbox/ledger")).status).toBe(200);
    expect((await sandbox.get("/payfront/billing?token=none")).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("the same seed gives the same sequence of faults", async () => {
    const apiKey = newApiKey();
    async function run(): Promise<string> {
      await putSettings({ seed: 20_240_101, errorRate: 0.5 });
      let pattern = "";
      for (let i = 0; i < 24; i++) {
        const res = await sandbox.post("/api/v2/status", { apiKey, orderNo: "o-1" });
        pattern += res.status === 500 ? "x" : ".";
      }
      return pattern;
    }
    const first = await run();
    const second = await run();
    expect(first).toBe(second);
    expect(first).toContain("x");
    expect(first).toContain(".");
  });
});
