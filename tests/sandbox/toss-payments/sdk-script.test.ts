// The SDK script as the page runs it: our provider window (open-provider-window.ts) loads it,
// calls TossPayments(clientKey).payment({ customerKey }).requestBillingAuth(...), and the
// script posts those values to the sandbox's window, which then redirects like Toss.
import { runInNewContext } from "node:vm";
import { beforeAll, expect, it } from "vitest";
import {
  openProviderWindow,
  type WindowDeps,
} from "@/components/payment-methods/open-provider-window";
import { APP_ORIGIN, type Sandbox, newCustomerKey, startSandbox } from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

type FakeElement = Record<string, unknown> & { children: FakeElement[] };

/** Just enough of a browser page for the script: forms, inputs and a location. */
function fakePage() {
  const submitted: { action: string; method: string; fields: Record<string, string> }[] = [];
  const element = (): FakeElement => {
    const el: FakeElement = {
      children: [],
      style: {},
      appendChild: (child: FakeElement) => el.children.push(child),
      submit: () =>
        submitted.push({
          action: el.action as string,
          method: el.method as string,
          fields: Object.fromEntries(el.children.map((c) => [c.name as string, c.value as string])),
        }),
    };
    return el;
  };
  const window: Record<string, unknown> = { location: { href: `${APP_ORIGIN}/checkout` } };
  const document = { createElement: element, body: element() };
  return { window, document, submitted };
}

/** The browser around openProviderWindow: the sandbox's script runs in the fake page. */
function pageDeps(
  page: ReturnType<typeof fakePage>,
  script: string,
  navigated: string[],
): WindowDeps {
  const run = (): void => {
    runInNewContext(script, { window: page.window, document: page.document, URL, Promise });
  };
  return {
    global: page.window,
    loadScript: () => {
      run();
      return Promise.resolve();
    },
    // What @tosspayments/tosspayments-sdk's loadTossPayments does: run the script, then
    // answer window.TossPayments(clientKey).
    loadWithOfficialLoader: (_loader, _src, [clientKey]) => {
      run();
      const TossPayments = page.window.TossPayments as (key: unknown) => unknown;
      return Promise.resolve(TossPayments(clientKey));
    },
    navigate: (url) => void navigated.push(url),
  };
}

it("runs through the provider window and opens the sandbox's billing-auth window", async () => {
  const script = await (await sandbox.get("/v2/standard")).text();
  const page = fakePage();
  const customerKey = newCustomerKey();
  const navigated: string[] = [];
  void openProviderWindow(
    {
      kind: "browser",
      launch: {
        type: "script",
        scriptUrl: `${sandbox.base}/v2/standard`,
        calls: [
          { path: "TossPayments", args: ["test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq"] },
          { path: "payment", args: [{ customerKey }] },
          {
            path: "requestBillingAuth",
            args: [
              {
                method: "TRANSFER",
                successUrl: "/api/payments/toss_payments/return?state=abc",
                failUrl: "/api/payments/toss_payments/return?state=abc&failed=1",
                customerName: "김토스",
              },
            ],
          },
        ],
      },
      successUrl: "/unused",
      failureUrl: "/unused-failure",
    },
    pageDeps(page, script, navigated),
  );
  await new Promise((r) => setTimeout(r, 20));
  expect(navigated).toEqual([]);
  expect(page.submitted).toHaveLength(1);
  const [form] = page.submitted;
  expect(form).toMatchObject({
    action: `${sandbox.base}/billing-auth`,
    method: "POST",
    fields: {
      customerKey,
      method: "TRANSFER",
      successUrl: `${APP_ORIGIN}/api/payments/toss_payments/return?state=abc`,
    },
  });
  const opened = await sandbox.form("/billing-auth", form!.fields);
  expect(opened.status).toBe(303);
  const window = await fetch(opened.headers.get("location")!);
  expect(window.status).toBe(200);
});

it("rejects a wrong method with a code the failure URL can carry", async () => {
  const script = await (await sandbox.get("/v2/standard")).text();
  const page = fakePage();
  const navigated: string[] = [];
  await openProviderWindow(
    {
      kind: "browser",
      launch: {
        type: "script",
        scriptUrl: `${sandbox.base}/v2/standard`,
        calls: [
          { path: "TossPayments", args: ["test_ck_x"] },
          { path: "payment", args: [{ customerKey: newCustomerKey() }] },
          { path: "requestBillingAuth", args: [{ method: "PHONE" }] },
        ],
      },
      successUrl: "/ok",
      failureUrl: "/failed",
    },
    pageDeps(page, script, navigated),
  );
  expect(navigated).toHaveLength(1);
  expect(navigated[0]).toMatch(/^\/failed\?code=INVALID_METHOD&message=/);
  expect(page.submitted).toHaveLength(0);
});
