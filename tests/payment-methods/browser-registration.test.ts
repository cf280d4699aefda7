// A browser-SDK registration end to end through the real return route, with a test-only
// provider (tests/payments/support/fake-browser-provider.ts) standing in for Toss Payments or
// PortOne under the name "portone": the page's step opens the provider's window, the window
// hands the browser a one-time authKey, the browser comes back to
// /api/payments/portone/return, and the server exchanges the code and stores the key encrypted
// with the activation. Only the session and the provider are stand-ins.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/payments/[provider]/return/route";
import { startSubscription } from "@/app/(store)/subscribe/[slug]/actions";
import { decryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  consents,
  merchantSettings,
  paymentMethods,
  subscriptions,
  type PaymentMethod,
} from "@/lib/db/schema";
import { recordAgreements } from "@/lib/legal/record-agreements";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import type { ProviderName } from "@/lib/payments/types";
import { createCustomer, createPlan } from "./support/app-harness";
import { fakeSession as session } from "@/tests/support/fake-session";

// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));

// The one way to get a provider, with the fake registered under "portone"; every other name
// still gets the real registry.
const fake = vi.hoisted(() => ({
  current: null as null | ReturnType<
    typeof import("../payments/support/fake-browser-provider").createFakeBrowserProvider
  >,
}));
vi.mock("@/lib/payments/provider-for", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/payments/provider-for")>();
  const { createFakeBrowserProvider } = await import("../payments/support/fake-browser-provider");
  fake.current = createFakeBrowserProvider("portone");
  return {
    ...real,
    defaultProviderFor: (name: ProviderName) =>
      name === "portone" ? fake.current!.provider : real.defaultProviderFor(name),
  };
});

let n = 0;
const email = () => `browser${++n}-${Date.now()}@example.com`;

async function enable(...providers: ProviderName[]) {
  await getMerchantSettings();
  await db()
    .update(merchantSettings)
    .set({ enabledProviders: providers })
    .where(eq(merchantSettings.id, 1));
}

async function methodRow(id: string): Promise<PaymentMethod> {
  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, id));
  if (!row) throw new Error("method missing");
  return row;
}

function browserCheckout(method: PaymentMethod) {
  const checkout = method.checkoutLinks;
  if (!checkout || !("kind" in checkout)) throw new Error("not a browser-SDK registration");
  return checkout;
}

/** Calls the route as the browser would; a redirect comes back as its target path. */
async function browse(url: string): Promise<{ status: number; location?: string; body?: string }> {
  const parsed = new URL(url);
  const provider = parsed.pathname.split("/")[3] ?? "";
  try {
    const response = await GET(new Request(url), { params: Promise.resolve({ provider }) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { status: 307, location: digest.split(";")[2] };
  }
}

function withParams(url: string, params: Record<string, string>) {
  const next = new URL(url);
  for (const [k, v] of Object.entries(params)) next.searchParams.set(k, v);
  return next.toString();
}

async function startBrowserCheckout() {
  const user = await createCustomer(email());
  const plan = await createPlan({ trialDays: 7 });
  session.userId = user.id;
  const { method, subscriptionId } = await startCheckout({
    userId: user.id,
    planSlug: plan.slug,
    provider: "portone",
  });
  return { user, plan, method, subscriptionId, checkout: browserCheckout(method) };
}

beforeAll(async () => {
  await enable("toss_pay", "portone");
});
afterEach(async () => {
  session.userId = null;
  await enable("toss_pay", "portone");
});

describe("a browser-SDK registration", () => {
  it("starts without a key: the step says how to open the window and where to come back", async () => {
    const { method, checkout } = await startBrowserCheckout();
    expect(method).toMatchObject({
      provider: "portone",
      status: "pending",
      billingKeyCiphertext: null,
      billingKeyFingerprint: null,
    });
    expect(checkout.launch).toMatchObject({
      type: "script",
      scriptUrl: expect.stringMatching(/^https:/),
    });
    expect(checkout.successUrl).toMatch(
      /\/api\/payments\/portone\/return\?state=.+&result=success$/,
    );
    expect(checkout.failureUrl).toMatch(
      /\/api\/payments\/portone\/return\?state=.+&result=failure$/,
    );
  });

  it("exchanges the window's one-time code and stores the key encrypted with the activation", async () => {
    const { method, checkout, subscriptionId } = await startBrowserCheckout();
    const authKey = fake.current!.approveInWindow(method.providerCustomerId);
    const returned = await browse(
      withParams(checkout.successUrl, { authKey, customerKey: method.providerCustomerId }),
    );
    expect(returned).toEqual({ status: 307, location: `/payment-methods/${method.id}` });

    const row = await methodRow(method.id);
    const issued = fake.current!.issued.find((key) => key.customerId === method.providerCustomerId);
    expect(issued).toBeDefined();
    expect(row).toMatchObject({
      status: "active",
      kind: "card",
      cardCompany: "신한",
      billingKeyFingerprint: fingerprintBillingKey(issued!.billingKey),
      checkoutLinks: null,
    });
    expect(row.billingKeyCiphertext).not.toContain(issued!.billingKey);
    expect(decryptBillingKey(row.billingKeyCiphertext!, row.id)).toBe(issued!.billingKey);
    const [sub] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId));
    expect(sub).toMatchObject({ status: "trialing", paymentMethodId: method.id });

    // The same return again (a reload, the back button): nothing changes, the code is not
    // spent twice.
    const calls = fake.current!.calls.completeRegistration;
    expect(await browse(withParams(checkout.successUrl, { authKey }))).toMatchObject({
      status: 307,
    });
    expect(fake.current!.calls.completeRegistration).toBe(calls);
    expect((await methodRow(method.id)).status).toBe("active");
  });

  it("sends a signed-out browser to sign in first, and back to the same return afterwards", async () => {
    const { method, checkout } = await startBrowserCheckout();
    session.userId = null;
    const returned = await browse(checkout.successUrl);
    expect(returned.status).toBe(307);
    expect(returned.location).toMatch(/^\/sign-in\?callbackUrl=/);
    const back = new URL(returned.location!, "http://app").searchParams.get("callbackUrl");
    expect(back).toBe(new URL(checkout.successUrl).pathname + new URL(checkout.successUrl).search);
    expect((await methodRow(method.id)).status).toBe("pending");
  });

  it("refuses a return signed for someone else, tampered or for another provider, with a Korean page and nothing activated", async () => {
    const { method, checkout } = await startBrowserCheckout();
    const authKey = fake.current!.approveInWindow(method.providerCustomerId);
    const url = withParams(checkout.successUrl, { authKey });
    const before = fake.current!.calls.completeRegistration;

    // Another customer, tricked into opening the victim's return link.
    const other = await createCustomer(email());
    session.userId = other.id;
    const foreign = await browse(url);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain("결제수단 등록을 확인할 수 없어요");
    session.userId = method.userId;

    const state = new URL(url).searchParams.get("state")!;
    const tampered = withParams(url, { state: `${state.slice(0, -2)}xx` });
    expect((await browse(tampered)).status).toBe(403);
    // The right state on another provider's return.
    expect((await browse(url.replace("/portone/", "/toss-pay/"))).status).toBe(403);
    // No such provider; a field over its cap; a result that is neither.
    expect((await browse(url.replace("/portone/", "/paypal/"))).status).toBe(400);
    expect((await browse(withParams(url, { authKey: "a".repeat(301) }))).status).toBe(400);
    expect((await browse(withParams(url, { result: "maybe" }))).status).toBe(400);

    expect(fake.current!.calls.completeRegistration).toBe(before);
    expect(await methodRow(method.id)).toMatchObject({
      status: "pending",
      billingKeyCiphertext: null,
    });
  });

  it("ends the registration when the window failed, came back too late or for another customer", async () => {
    const cancelled = await startBrowserCheckout();
    await browse(
      withParams(cancelled.checkout.failureUrl, { code: "USER_CANCEL", message: "취소" }),
    );
    expect(await methodRow(cancelled.method.id)).toMatchObject({
      status: "failed",
      failureCode: "USER_CANCEL",
      billingKeyCiphertext: null,
    });
    // The page the browser lands on says so in Korean, with what to do.
    const status = await getRegistrationStatus(cancelled.user.id, cancelled.method.id);
    expect(status).toMatchObject({
      state: "failed",
      failureMessage: "결제수단 등록을 취소했어요. 아래에서 다시 등록할 수 있어요.",
    });

    const late = await startBrowserCheckout();
    await db()
      .update(paymentMethods)
      .set({ registrationExpiresAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(paymentMethods.id, late.method.id));
    const authKey = fake.current!.approveInWindow(late.method.providerCustomerId);
    await browse(withParams(late.checkout.successUrl, { authKey }));
    expect(await methodRow(late.method.id)).toMatchObject({
      status: "failed",
      failureCode: "EXPIRED",
      billingKeyCiphertext: null,
    });

    const swapped = await startBrowserCheckout();
    const before = fake.current!.calls.completeRegistration;
    await browse(
      withParams(swapped.checkout.successUrl, {
        authKey: fake.current!.approveInWindow("cus_someone_else"),
        customerKey: "cus_someone_else",
      }),
    );
    expect(fake.current!.calls.completeRegistration).toBe(before);
    expect(await methodRow(swapped.method.id)).toMatchObject({
      status: "failed",
      failureCode: "CUSTOMER_MISMATCH",
      billingKeyCiphertext: null,
    });
  });
});

describe("the providers the merchant enabled", () => {
  /** A checkout form posted with `choice`, by a new customer; what it left in the database. */
  async function postCheckout(choice: string) {
    const user = await createCustomer(email());
    // A customer who agreed to the current terms (the checkout sends others to the consent step).
    await db().transaction((tx) =>
      recordAgreements(tx, {
        userId: user.id,
        answers: { terms: true, privacy: true, marketing: false },
        channel: "sign_up",
        ip: null,
        now: new Date(),
      }),
    );
    const plan = await createPlan();
    session.userId = user.id;
    const form = new FormData();
    for (const [name, value] of Object.entries({
      planSlug: plan.slug,
      choice,
      consent: "agreed",
    }))
      form.set(name, value);
    const result = await startSubscription({ status: "idle" }, form);
    const [subs, methods, agreed] = await Promise.all([
      db().select().from(subscriptions).where(eq(subscriptions.userId, user.id)),
      db().select().from(paymentMethods).where(eq(paymentMethods.userId, user.id)),
      db()
        .select()
        .from(consents)
        .where(and(eq(consents.userId, user.id), eq(consents.kind, "recurring_billing"))),
    ]);
    return { result, created: subs.length + methods.length + agreed.length };
  }

  it("refuses a forged checkout for a provider that is not enabled, creating nothing", async () => {
    await enable("toss_pay");
    expect(await postCheckout("portone")).toEqual({
      result: {
        status: "error",
        message:
          "지금은 토스페이 (PortOne) 결제수단을 등록할 수 없어요. 화면을 새로고침한 뒤 다시 골라 주세요.",
      },
      created: 0,
    });
  });

  it("passes the kind the customer picked (카드 or 계좌) to the provider", async () => {
    const before = fake.current!.calls.startedFor.length;
    // A started checkout redirects to its waiting page.
    await expect(postCheckout("portone:account")).rejects.toThrow("NEXT_REDIRECT");
    expect(fake.current!.calls.startedFor.slice(before)).toEqual(["account"]);
  });

  it("refuses a provider name that does not exist", async () => {
    expect(await postCheckout("paypal")).toMatchObject({
      result: { status: "error" },
      created: 0,
    });
  });
});
