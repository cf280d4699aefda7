// The consent step's actions (app/(account)/consent-update/actions.ts) against a real database:
// agreeing records only the documents that changed, with their current versions; a customer
// who does not accept the new terms can still cancel from there, without agreeing first.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { legalAgreements, subscriptions } from "@/lib/db/schema";
import { publishDocument } from "@/lib/legal/publish-document";
import { missingAgreements } from "@/lib/legal/missing-agreements";
import { recordAgreements } from "@/lib/legal/record-agreements";
import {
  createPlan,
  createSubscriber,
  startBillingHarness,
  type BillingHarness,
} from "../billing/support/billing-harness";

const signedIn = vi.hoisted(() => ({ id: "" }));
vi.mock("@/lib/auth/guards", () => ({
  requireUser: () => Promise.resolve({ id: signedIn.id, email: "customer@example.com" }),
}));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers()) }));
const redirected = vi.hoisted(() => ({ to: "" }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    redirected.to = to;
    throw new Error("NEXT_REDIRECT");
  },
}));

const { agreeToCurrentTerms, cancelWithoutAgreeing } =
  await import("@/app/(account)/consent-update/actions");

const DAY = 24 * 60 * 60 * 1000;
let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** A paying subscriber who agreed to version 1 of both documents; then the terms change. */
async function subscriberAskedAgain() {
  const now = Date.now();
  const plan = await createPlan();
  const subscriber = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: new Date(now - 10 * DAY),
    periodEnd: new Date(now + 20 * DAY),
  });
  await db().transaction(async (tx) => {
    await recordAgreements(tx, {
      userId: subscriber.userId,
      answers: { terms: true, privacy: true, marketing: true },
      channel: "sign_up",
      ip: null,
      now: new Date(now - DAY),
    });
    await publishDocument(tx, {
      kind: "terms",
      body: `## 제1조\n바뀐 약관 ${Math.random()}`,
      adminUserId: subscriber.userId,
    });
  });
  signedIn.id = subscriber.userId;
  return subscriber;
}

describe("the consent step", () => {
  it("asks only for the changed document and returns the customer where they were going", async () => {
    const subscriber = await subscriberAskedAgain();
    expect((await missingAgreements(db(), subscriber.userId)).map((m) => m.kind)).toEqual([
      "terms",
    ]);

    const refused = await agreeToCurrentTerms(
      { status: "idle" },
      form({ callbackUrl: "/account", agreeMarketing: "agreed" }),
    );
    expect(refused.fieldErrors).toEqual({ agreeTerms: "이용약관에 동의해 주세요." });

    await expect(
      agreeToCurrentTerms(
        { status: "idle" },
        form({ callbackUrl: "/subscribe/basic", agreeTerms: "agreed" }),
      ),
    ).rejects.toThrow("NEXT_REDIRECT");
    expect(redirected.to).toBe("/subscribe/basic");
    expect(await missingAgreements(db(), subscriber.userId)).toEqual([]);
    const rows = await db()
      .select()
      .from(legalAgreements)
      .where(eq(legalAgreements.userId, subscriber.userId));
    // Terms and marketing answered again (marketing now declined); privacy left as it was.
    expect(
      rows
        .filter((r) => r.channel === "consent_update")
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["marketing", "terms"]);
  });

  it("lets a customer who does not accept the new terms cancel at period end", async () => {
    const subscriber = await subscriberAskedAgain();
    const result = await cancelWithoutAgreeing({ status: "idle" }, form({ confirm: "yes" }));
    expect(result.status).toBe("success");
    const [sub] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriber.subscription.id));
    expect(sub).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
  });
});
