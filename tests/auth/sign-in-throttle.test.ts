import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { issueDeviceToken } from "@/lib/auth/device-cookie";
import { hashPassword } from "@/lib/auth/password";
import { authenticateWithPassword } from "@/lib/auth/sign-in";
import { SIGN_IN_THROTTLE, stateAfterFailure, throttleKey } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { signInThrottles, users } from "@/lib/db/schema";

const email = "member@example.com";
const ip = "198.51.100.23";
const start = new Date("2026-03-02T09:00:00Z");

function at(seconds: number): Date {
  return new Date(start.getTime() + seconds * 1000);
}

function attempt(
  password: string,
  now: Date,
  options: { email?: string; clientIp?: string; deviceToken?: string } = {},
) {
  return authenticateWithPassword({
    email: options.email ?? email,
    password,
    clientIp: options.clientIp ?? ip,
    deviceToken: options.deviceToken ?? null,
    now,
  });
}

let userId = "";

async function throttleRow(key: string) {
  const [row] = await db().select().from(signInThrottles).where(eq(signInThrottles.key, key));
  return row;
}

beforeEach(async () => {
  await db().execute(sql`truncate table users, sign_in_throttles cascade`);
  const [user] = await db()
    .insert(users)
    .values({ email, passwordHash: await hashPassword("right-password"), emailVerified: start })
    .returning();
  userId = user!.id;
});

describe("sign-in throttle", () => {
  it("counts failures per email and per address, and blocks from the fifth failure", async () => {
    for (let i = 1; i <= 4; i++) {
      expect(await attempt("wrong", at(i))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({
      failures: 4,
      windowStartedAt: at(1),
      blockedUntil: null,
    });
    expect(await throttleRow(throttleKey("ip", ip))).toMatchObject({ failures: 4 });

    expect(await attempt("wrong", at(5))).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 30,
    });
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({
      failures: 5,
      blockedUntil: at(35),
    });
  });

  it("refuses even the right password while blocked, and says how long to wait", async () => {
    for (let i = 1; i <= 5; i++) await attempt("wrong", at(i));

    expect(await attempt("right-password", at(20))).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 15,
    });
    // Attempts during the block do not count as failures.
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({ failures: 5 });
  });

  it("lets the owner's browser in while the account is locked (device cookie), and nobody else", async () => {
    // The owner signed in from this browser last month; since then someone guessed 5 times.
    const ownersCookie = issueDeviceToken(userId, new Date(start.getTime() - 30 * 86_400_000));
    for (let i = 1; i <= 5; i++) await attempt("wrong", at(i), { clientIp: `192.0.2.${i}` });

    // A stranger with the right password but without the cookie: the lock holds.
    expect(await attempt("right-password", at(10), { clientIp: "192.0.2.50" })).toMatchObject({
      reason: "throttled",
    });
    // A cookie issued for another account, or a forged one, does not help either.
    const othersCookie = issueDeviceToken("someone-else", start);
    expect(
      await attempt("right-password", at(11), {
        clientIp: "192.0.2.51",
        deviceToken: othersCookie,
      }),
    ).toMatchObject({ reason: "throttled" });
    const [tag, issued] = ownersCookie.split(".");
    expect(
      await attempt("right-password", at(12), {
        clientIp: "192.0.2.52",
        deviceToken: `${tag}.${issued}.forged-signature`,
      }),
    ).toMatchObject({ reason: "throttled" });

    // The owner's browser: the right password gets in and clears the account's bucket.
    expect(
      await attempt("right-password", at(13), {
        clientIp: "203.0.113.80",
        deviceToken: ownersCookie,
      }),
    ).toMatchObject({ ok: true, user: { id: userId } });
    expect(await throttleRow(throttleKey("email", email))).toBeUndefined();
  });

  it("still checks the password on a trusted device, and blocks that device after its own failures", async () => {
    const ownersCookie = issueDeviceToken(userId, start);
    for (let i = 1; i <= 5; i++) await attempt("wrong", at(i), { clientIp: `192.0.2.${i}` });

    const device = { clientIp: "203.0.113.80", deviceToken: ownersCookie };
    for (let i = 0; i < 4; i++) {
      expect(await attempt("wrong", at(20 + i), device)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attempt("wrong", at(30), device)).toMatchObject({ reason: "throttled" });
    // Now the device is blocked too: even the right password waits.
    expect(await attempt("right-password", at(31), device)).toMatchObject({ reason: "throttled" });
  });

  it("refuses a trusted device while its address is blocked (the address bucket stays hard)", async () => {
    const ownersCookie = issueDeviceToken(userId, start);
    const sprayer = "192.0.2.99";
    for (let i = 1; i <= SIGN_IN_THROTTLE.freeFailures.ip; i++) {
      await attempt("wrong", at(i), { email: `victim${i}@example.com`, clientIp: sprayer });
    }
    expect(
      await attempt("right-password", at(40), { clientIp: sprayer, deviceToken: ownersCookie }),
    ).toMatchObject({ reason: "throttled" });
  });

  it("doubles the wait with each further failure", async () => {
    for (let i = 1; i <= 5; i++) await attempt("wrong", at(i));

    const sixth = await attempt("wrong", at(40));
    expect(sixth).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    const seventh = await attempt("wrong", at(101));
    expect(seventh).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 120 });
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({
      failures: 7,
      blockedUntil: at(221),
    });
  });

  it("clears the account's failures after a correct password", async () => {
    for (let i = 1; i <= 5; i++) await attempt("wrong", at(i));

    expect(await attempt("right-password", at(36))).toMatchObject({ ok: true });
    expect(await throttleRow(throttleKey("email", email))).toBeUndefined();
    // The next mistake starts a fresh count instead of blocking again.
    expect(await attempt("wrong", at(37))).toEqual({ ok: false, reason: "invalid" });
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({ failures: 1 });
  });

  it("throttles unknown emails exactly like real ones", async () => {
    for (let i = 1; i <= 4; i++) await attempt("wrong", at(i), { email: "ghost@example.com" });
    expect(await attempt("wrong", at(5), { email: "ghost@example.com" })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 30,
    });
  });

  it("blocks an address that sprays many accounts, without blocking those accounts elsewhere", async () => {
    const sprayer = "192.0.2.99";
    const freeFailures = SIGN_IN_THROTTLE.freeFailures.ip;
    for (let i = 1; i < freeFailures; i++) {
      const result = await attempt("wrong", at(i), {
        email: `victim${i}@example.com`,
        clientIp: sprayer,
      });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await attempt("wrong", at(freeFailures), { email: "last@example.com", clientIp: sprayer }),
    ).toMatchObject({ reason: "throttled" });
    // Even a correct password from that address waits...
    expect(
      await attempt("right-password", at(freeFailures + 1), { clientIp: sprayer }),
    ).toMatchObject({ reason: "throttled" });
    // ...while the account owner elsewhere signs in normally.
    expect(await attempt("right-password", at(freeFailures + 1))).toMatchObject({ ok: true });
  });

  it("forgets failures once the window has passed", async () => {
    for (let i = 1; i <= 4; i++) await attempt("wrong", at(i));
    const afterWindow = SIGN_IN_THROTTLE.windowMs / 1000 + 10;

    expect(await attempt("wrong", at(afterWindow))).toEqual({ ok: false, reason: "invalid" });
    expect(await throttleRow(throttleKey("email", email))).toMatchObject({
      failures: 1,
      windowStartedAt: at(afterWindow),
    });
  });

  it("stores hashed keys, not emails or addresses", async () => {
    await attempt("wrong", at(1));
    const keys = (await db().select({ key: signInThrottles.key }).from(signInThrottles)).map(
      (r) => r.key,
    );
    expect(keys).toHaveLength(2);
    expect(keys.join(" ")).not.toContain(email);
    expect(keys.join(" ")).not.toContain(ip);
  });
});

describe("stateAfterFailure", () => {
  it("doubles from 30 seconds and stops at 15 minutes", () => {
    const delays: number[] = [];
    let state = stateAfterFailure(undefined, "email", start);
    for (let failure = 2; failure <= 12; failure++) {
      // Each attempt comes right after the previous block ends, within the window's reach.
      const now = state.blockedUntil ?? at(failure);
      state = stateAfterFailure(state, "email", now);
      if (state.blockedUntil) delays.push((state.blockedUntil.getTime() - now.getTime()) / 1000);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

describe("stateAfterFailure windows", () => {
  it("starts over 15 minutes after the last block ended", () => {
    let state = stateAfterFailure(undefined, "email", start);
    for (let i = 2; i <= 5; i++) state = stateAfterFailure(state, "email", at(i));
    expect(state.blockedUntil).toEqual(at(35));

    const justBefore = stateAfterFailure(state, "email", at(35 + 15 * 60 - 1));
    expect(justBefore.failures).toBe(6);
    const after = stateAfterFailure(state, "email", at(35 + 15 * 60));
    expect(after).toEqual({ failures: 1, windowStartedAt: at(35 + 15 * 60), blockedUntil: null });
  });
});
