// The browser side (docs/providers.md §3.2): the emulated SDK script ({base}/browser-sdk.js)
// run in a fake page, and the issuance window over HTTP — approve → a key ISSUED and
// BillingKey.Issued queued; cancel → no key; a bad request → the SDK's code/message.
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APP_ORIGIN,
  type Json,
  type Receiver,
  type Sandbox,
  type Store,
  newCustomerId,
  startReceiver,
  startSandbox,
} from "./support";

let sandbox: Sandbox;
let store: Store;
let receiver: Receiver;
beforeAll(async () => {
  sandbox = await startSandbox();
  store = await sandbox.newStore();
  // The console URL: BillingKey.Issued goes here, not to whatever listens on the app's port.
  receiver = await startReceiver();
  await sandbox.tools("PUT", "/_sandbox/settings", { webhookUrl: receiver.url });
});
afterAll(() => receiver.close());

function issueRequest(overrides: Json = {}): Json {
  return {
    storeId: store.storeId,
    channelKey: store.channelKey,
    billingKeyMethod: "EASY_PAY",
    issueName: "프리미엄 구독",
    customer: { customerId: newCustomerId(), fullName: "김토스" },
    redirectUrl: `${APP_ORIGIN}/billing/redirect?plan=pro`,
    ...overrides,
  };
}

function startPath(request: Json, flow: "popup" | "redirect", requestId = "req-1"): string {
  const query = new URLSearchParams({
    request: JSON.stringify(request),
    flow,
    origin: APP_ORIGIN,
    requestId,
  });
  return `/issuance/start?${query.toString()}`;
}

/** Opens a window like the SDK; the token of the window it redirects to. */
async function openWindow(request: Json, flow: "popup" | "redirect"): Promise<string> {
  const started = await sandbox.get(startPath(request, flow));
  expect(started.status).toBe(303);
  const location = new URL(started.headers.get("location")!);
  expect(location.pathname).toBe("/issuance");
  return location.searchParams.get("token")!;
}

/** The result a popup page hands to its opener. */
async function popupResult(response: Response): Promise<Json> {
  const page = await response.text();
  const match = /data-result="([^"]*)"/.exec(page);
  if (!match) throw new Error("no result in the popup page");
  return JSON.parse(match[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as Json;
}

const keyCountOf = async (customerId: string) =>
  ((await sandbox.tools("GET", "/_sandbox?format=json")).body?.billingKeys as Json[]).filter(
    (k) => k.customerId === customerId,
  ).length;

describe("the issuance window", () => {
  it("issues a key on approval (popup), readable by the API, with BillingKey.Issued queued", async () => {
    const request = issueRequest();
    const token = await openWindow(request, "popup");
    const screen = await sandbox.get(`/issuance?token=${token}`);
    expect(screen.status).toBe(200);
    const page = await screen.text();
    expect(page).toContain("테스트 상점");
    expect(page).toContain("자동결제");
    expect(page).toContain('value="money:toss"');

    const approved = await sandbox.form("/issuance/approve", {
      token,
      instrument: "account:shinhan",
    });
    expect(approved.status).toBe(200);
    const result = await popupResult(approved);
    expect(result).toEqual({
      transactionType: "ISSUE_BILLING_KEY",
      billingKey: expect.stringMatching(/^billing-key-/),
    });

    const info = await sandbox
      .client(store)
      .payment.billingKey.getBillingKeyInfo({ billingKey: result.billingKey as string });
    expect(info).toMatchObject({
      status: "ISSUED",
      issueName: "프리미엄 구독",
      customer: { id: (request.customer as Json).customerId, name: "김토스" },
      methods: [{ method: { type: "BillingKeyPaymentMethodTransfer", bank: "SHINHAN" } }],
    });
    const deliveries = (await sandbox.tools("GET", "/_sandbox/webhooks")).body
      ?.deliveries as Json[];
    expect(
      deliveries.filter(
        (d) => d.type === "BillingKey.Issued" && d.payload.data.billingKey === result.billingKey,
      ),
    ).toHaveLength(1);

    // The window is done: a second answer is refused and issues nothing more.
    const again = await sandbox.form("/issuance/approve", { token, instrument: "card:shinhan" });
    expect(again.status).toBe(409);
    expect(await keyCountOf((request.customer as Json).customerId as string)).toBe(1);
  });

  it("sends the browser to redirectUrl with the key (redirect flow)", async () => {
    const token = await openWindow(issueRequest(), "redirect");
    const approved = await sandbox.form("/issuance/approve", { token, instrument: "money:toss" });
    expect(approved.status).toBe(303);
    const location = new URL(approved.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${APP_ORIGIN}/billing/redirect`);
    expect(location.searchParams.get("plan")).toBe("pro");
    expect(location.searchParams.get("transactionType")).toBe("ISSUE_BILLING_KEY");
    expect(location.searchParams.get("billingKey")).toMatch(/^billing-key-/);
  });

  it("issues nothing on cancel, and reports the cancel with code and message", async () => {
    const request = issueRequest();
    const token = await openWindow(request, "redirect");
    const cancelled = await sandbox.form("/issuance/cancel", { token });
    expect(cancelled.status).toBe(303);
    const query = new URL(cancelled.headers.get("location")!).searchParams;
    expect(query.get("transactionType")).toBe("ISSUE_BILLING_KEY");
    expect(query.get("code")).toBe("PGProviderError");
    expect(query.get("message")).toBeTruthy();
    expect(query.get("pgCode")).toBe("BILLING_KEY_REGISTRATION_CANCELLED");
    expect(query.get("billingKey")).toBeNull();
    expect(await keyCountOf((request.customer as Json).customerId as string)).toBe(0);

    const popupToken = await openWindow(issueRequest(), "popup");
    const popupCancel = await popupResult(
      await sandbox.form("/issuance/cancel", { token: popupToken }),
    );
    expect(popupCancel).toMatchObject({
      transactionType: "ISSUE_BILLING_KEY",
      code: "PGProviderError",
    });
  });

  it("fails the registration for the failing test card", async () => {
    const request = issueRequest();
    const token = await openWindow(request, "popup");
    const result = await popupResult(
      await sandbox.form("/issuance/approve", { token, instrument: "card:hana-fail" }),
    );
    expect(result).toMatchObject({ code: "PGProviderError", pgCode: "BILLING_KEY_AUTH_ERROR" });
    expect(await keyCountOf((request.customer as Json).customerId as string)).toBe(0);
  });

  it("validates the request like PortOne: customerId and EASY_PAY are required for Toss Pay", async () => {
    const noCustomer = await sandbox.get(startPath(issueRequest({ customer: {} }), "redirect"));
    expect(noCustomer.status).toBe(303);
    const query = new URL(noCustomer.headers.get("location")!).searchParams;
    expect(query.get("code")).toBe("BadRequest");
    expect(query.get("message")).toContain("customerId");

    const card = await popupResult(
      await sandbox.get(startPath(issueRequest({ billingKeyMethod: "CARD" }), "popup")),
    );
    expect(card).toMatchObject({ code: "BadRequest" });
    const wrongChannel = await popupResult(
      await sandbox.get(startPath(issueRequest({ channelKey: "channel-key-nope" }), "popup")),
    );
    expect(wrongChannel).toMatchObject({ code: "ChannelNotFound" });
  });

  it("never redirects to, or posts to, an origin it does not allow", async () => {
    const foreign = await sandbox.get(
      startPath(issueRequest({ redirectUrl: "https://evil.example/steal" }), "redirect"),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("location")).toBeNull();
    const query = new URLSearchParams({
      request: JSON.stringify(issueRequest()),
      flow: "popup",
      origin: "https://evil.example",
    });
    expect((await sandbox.get(`/issuance/start?${query.toString()}`)).status).toBe(400);
  });
});

/** Just enough of a browser page for the SDK script. */
function fakePage(userAgent = "Mozilla/5.0 (Macintosh) Chrome/130") {
  const opened: string[] = [];
  const assigned: string[] = [];
  const listeners: ((event: { origin: string; data: unknown }) => void)[] = [];
  const popup = { closed: false };
  const window: Record<string, unknown> = {
    location: {
      href: `${APP_ORIGIN}/account/billing`,
      origin: APP_ORIGIN,
      assign: (u: string) => assigned.push(u),
    },
    navigator: { userAgent },
    crypto: { getRandomValues: (a: Uint8Array) => a.fill(7) },
    open: (url: string) => {
      opened.push(url);
      return popup;
    },
    addEventListener: (_: string, listener: (event: { origin: string; data: unknown }) => void) =>
      listeners.push(listener),
    removeEventListener: () => {},
    setInterval,
    clearInterval,
    setTimeout,
  };
  return { window, opened, assigned, listeners, popup };
}

describe("browser-sdk.js", () => {
  async function loadSdk(page: ReturnType<typeof fakePage>) {
    const script = await (await sandbox.get("/browser-sdk.js")).text();
    runInNewContext(script, { window: page.window, URL, Promise, Object, Array, Uint8Array });
    return (
      page.window.PortOne as {
        requestIssueBillingKey: (request: Json) => Promise<Json>;
      }
    ).requestIssueBillingKey;
  }

  it("is served as JavaScript and resolves the popup's result", async () => {
    const served = await sandbox.get("/browser-sdk.js");
    expect(served.headers.get("content-type")).toContain("javascript");
    const page = fakePage();
    const requestIssueBillingKey = await loadSdk(page);
    const pending = requestIssueBillingKey(issueRequest());
    expect(page.opened).toHaveLength(1);

    // The popup: the window the script opened, approved by the customer.
    const popupUrl = new URL(page.opened[0]!);
    expect(popupUrl.searchParams.get("flow")).toBe("popup");
    const started = await sandbox.get(`${popupUrl.pathname}${popupUrl.search}`);
    const token = new URL(started.headers.get("location")!).searchParams.get("token")!;
    const result = await popupResult(
      await sandbox.form("/issuance/approve", { token, instrument: "card:shinhan" }),
    );
    // What the popup page posts to its opener.
    const message = {
      source: "portone-sandbox",
      requestId: popupUrl.searchParams.get("requestId"),
      response: result,
    };
    for (const listener of page.listeners)
      listener({ origin: "https://evil.example", data: message });
    for (const listener of page.listeners)
      listener({ origin: new URL(sandbox.base).origin, data: message });
    expect(await pending).toEqual({
      transactionType: "ISSUE_BILLING_KEY",
      billingKey: expect.stringMatching(/^billing-key-/),
    });
  });

  it("answers code/message without a window when customerId is missing", async () => {
    const page = fakePage();
    const requestIssueBillingKey = await loadSdk(page);
    const answer = await requestIssueBillingKey(issueRequest({ customer: {} }));
    expect(answer).toMatchObject({ transactionType: "ISSUE_BILLING_KEY", code: "BadRequest" });
    expect(answer.message).toContain("customerId");
    expect(page.opened).toHaveLength(0);
  });

  it("navigates to the window on mobile and with forceRedirect", async () => {
    const mobile = fakePage("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148");
    void (await loadSdk(mobile))(issueRequest());
    expect(mobile.opened).toHaveLength(0);
    expect(new URL(mobile.assigned[0]!).searchParams.get("flow")).toBe("redirect");

    const forced = fakePage();
    void (await loadSdk(forced))(issueRequest({ forceRedirect: true }));
    expect(forced.assigned).toHaveLength(1);

    const noRedirectUrl = fakePage();
    const answer = await (
      await loadSdk(noRedirectUrl)
    )(issueRequest({ forceRedirect: true, redirectUrl: undefined }));
    expect(answer).toMatchObject({ code: "BadRequest" });
  });
});
