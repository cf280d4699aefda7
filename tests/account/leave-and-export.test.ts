// 회원탈퇴 and 내 정보 내려받기 against a real database and the Toss Pay sandbox over HTTP: the
// export holds the customer's rows and never a secret; leaving ends the subscription through
// the engine, deletes the key at the provider (the sandbox says so), erases the person and keeps
// the records the law keeps, and frees the address for a new sign-up.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAccountData } from "@/lib/account/export-account-data";
import { leaveAccount, leftAccountEmail } from "@/lib/account/leave-account";
import { hashPassword } from "@/lib/auth/password";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import {
  accounts,
  auditLog,
  chargeAttempts,
  consents,
  legalAgreements,
  notifications,
  paymentMethods,
  refunds,
  users,
} from "@/lib/db/schema";
import { methodInputOf } from "@/lib/payment-methods/method-input";
import {
  createPlan,
  createSubscriber,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
} from "../billing/support/billing-harness";

const DAY = 24 * 60 * 60 * 1000;
let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());

/** A paying customer with a password, a linked sandbox key, one paid charge, a refund, a consent. */
async function payingCustomer(password = "my-password-1") {
  const now = Date.now();
  const plan = await createPlan({ amount: 9_900 });
  const subscriber = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: new Date(now - 10 * DAY),
    periodEnd: new Date(now + 20 * DAY),
  });
  const email = `leaver-${randomUUID().slice(0, 8)}@example.com`;
  await db()
    .update(users)
    .set({
      email,
      name: "김탈퇴",
      passwordHash: await hashPassword(password),
      emailVerified: new Date(),
    })
    .where(eq(users.id, subscriber.userId));
  await db()
    .insert(accounts)
    .values({
      userId: subscriber.userId,
      type: "oauth",
      provider: "kakao",
      providerAccountId: `kakao-${randomUUID()}`,
    });
  const [charge] = await db()
    .insert(chargeAttempts)
    .values({
      subscriptionId: subscriber.subscription.id,
      userId: subscriber.userId,
      paymentMethodId: subscriber.methodId,
      provider: "toss_pay",
      orderId: `order-${randomUUID().slice(0, 12)}`,
      periodNumber: 1,
      attemptNumber: 1,
      amount: 9_900,
      status: "succeeded",
      approvedAt: new Date(now - 10 * DAY),
    })
    .returning();
  if (!charge) throw new Error("no charge");
  await db()
    .insert(refunds)
    .values({
      chargeAttemptId: charge.id,
      refundNo: `refund-${randomUUID().slice(0, 12)}`,
      amount: 1_000,
      status: "succeeded",
    });
  await db().insert(consents).values({
    userId: subscriber.userId,
    subscriptionId: subscriber.subscription.id,
    kind: "recurring_billing",
    status: "accepted",
    newAmount: 9_900,
    wording: "베이직 9,900원이 매월 자동결제돼요.",
  });
  await db().insert(legalAgreements).values({
    userId: subscriber.userId,
    kind: "terms",
    documentVersion: 1,
    agreed: true,
    channel: "sign_up",
  });
  await db()
    .insert(notifications)
    .values({
      userId: subscriber.userId,
      kind: "password_reset",
      dedupeKey: `password_reset:${randomUUID()}`,
      subject: "비밀번호 재설정",
      body: `https://shop.example/reset-password?token=${"a".repeat(43)}`,
    });
  return { ...subscriber, email, charge };
}

describe("exportAccountData", () => {
  it("holds the customer's rows and none of the secrets", async () => {
    const customer = await payingCustomer();
    const data = await exportAccountData(db(), customer.userId);
    if (!data) throw new Error("no export");

    expect(data.profile).toMatchObject({ email: customer.email, name: "김탈퇴" });
    expect(data.profile.linkedLogins).toEqual(["kakao"]);
    expect(data.subscriptions.map((s) => s.id)).toEqual([customer.subscription.id]);
    expect(data.paymentMethods.map((m) => m.id)).toEqual([customer.methodId]);
    expect(data.charges).toEqual([
      expect.objectContaining({ id: customer.charge.id, amount: 9_900 }),
    ]);
    expect(data.refunds).toEqual([expect.objectContaining({ amount: 1_000 })]);
    expect(data.consents).toEqual([expect.objectContaining({ kind: "recurring_billing" })]);
    expect(data.legalAgreements).toEqual([
      expect.objectContaining({ kind: "terms", documentVersion: 1, agreed: true }),
    ]);
    expect(data.notifications).toHaveLength(1);

    const json = JSON.stringify(data);
    const [user] = await db().select().from(users).where(eq(users.id, customer.userId));
    const [method] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, customer.methodId ?? ""));
    expect(user?.passwordHash).toBeTruthy();
    expect(json).not.toContain(user?.passwordHash ?? "-");
    expect(json).not.toContain("argon2");
    expect(method?.billingKeyCiphertext).toBeTruthy();
    expect(json).not.toContain(method?.billingKeyCiphertext ?? "-");
    expect(json).not.toContain(customer.billingKey ?? "-");
    expect(json).not.toContain("a".repeat(43));
  });
});

describe("leaveAccount", () => {
  it("refuses a wrong password and changes nothing", async () => {
    const customer = await payingCustomer();
    await expect(
      leaveAccount({
        userId: customer.userId,
        password: "wrong",
        providerFor: harness.providerFor,
      }),
    ).rejects.toMatchObject({ userMessage: "비밀번호가 올바르지 않아요." });
    expect((await subscriptionRow(customer.subscription.id)).status).toBe("active");
    const [user] = await db().select().from(users).where(eq(users.id, customer.userId));
    expect(user?.email).toBe(customer.email);
  });

  it("ends the subscription, removes the key at the provider, erases the person and keeps the records", async () => {
    const customer = await payingCustomer();
    const [methodBefore] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, customer.methodId ?? ""));
    if (!methodBefore?.billingKeyCiphertext) throw new Error("no key");

    await leaveAccount({
      userId: customer.userId,
      password: "my-password-1",
      providerFor: harness.providerFor,
    });

    // The engine ended the subscription now.
    const sub = await subscriptionRow(customer.subscription.id);
    expect(sub.status).toBe("canceled");
    expect(sub.endedAt).not.toBeNull();

    // The sandbox no longer has a usable key.
    const lookup = await harness.provider.getMethod(
      methodInputOf(methodBefore, methodBefore.billingKeyCiphertext),
    );
    expect(lookup).toMatchObject({ outcome: "succeeded", status: "removed" });
    const [methodAfter] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, methodBefore.id));
    expect(methodAfter).toMatchObject({ status: "removed", billingKeyCiphertext: null });

    // The person is gone; the row stays, anonymised.
    const [user] = await db().select().from(users).where(eq(users.id, customer.userId));
    expect(user).toMatchObject({
      email: leftAccountEmail(customer.userId),
      name: null,
      passwordHash: null,
      emailVerified: null,
    });
    expect(user?.deletedAt).not.toBeNull();
    expect(user?.sessionsValidFrom).not.toBeNull();
    expect(await db().select().from(accounts).where(eq(accounts.userId, customer.userId))).toEqual(
      [],
    );
    expect(
      await db().select().from(notifications).where(eq(notifications.userId, customer.userId)),
    ).toEqual([]);

    // What the law keeps, still linked to the (anonymised) customer.
    const charges = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.userId, customer.userId));
    expect(charges).toEqual([expect.objectContaining({ id: customer.charge.id, amount: 9_900 })]);
    expect(
      await db().select().from(refunds).where(eq(refunds.chargeAttemptId, customer.charge.id)),
    ).toHaveLength(1);
    expect(
      await db().select().from(consents).where(eq(consents.userId, customer.userId)),
    ).toHaveLength(1);
    expect(
      await db().select().from(legalAgreements).where(eq(legalAgreements.userId, customer.userId)),
    ).toHaveLength(1);

    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, customer.userId));
    expect(entry).toMatchObject({ action: "account.leave", actorUserId: customer.userId });
    expect(JSON.stringify(entry)).not.toContain(customer.email);

    // The address is free again.
    const again = await signUpWithPassword({
      email: customer.email,
      password: "fresh-password-1",
      clientIp: "203.0.113.90",
      agreements: { terms: true, privacy: true, marketing: false },
    });
    expect(again.ok).toBe(true);
    const [newcomer] = await db().select().from(users).where(eq(users.email, customer.email));
    expect(newcomer?.id).not.toBe(customer.userId);
  });

  it("asks a Kakao/Naver-only account to type the phrase", async () => {
    const customer = await payingCustomer();
    await db().update(users).set({ passwordHash: null }).where(eq(users.id, customer.userId));
    await expect(
      leaveAccount({
        userId: customer.userId,
        confirmation: "네",
        providerFor: harness.providerFor,
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await leaveAccount({
      userId: customer.userId,
      confirmation: "탈퇴할게요",
      providerFor: harness.providerFor,
    });
    const [user] = await db().select().from(users).where(eq(users.id, customer.userId));
    expect(user?.deletedAt).not.toBeNull();
  });
});
