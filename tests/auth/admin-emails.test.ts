import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { isAdminEmail, parseAdminEmails, syncAdminRole } from "@/lib/auth/admin-emails";
import { hashPassword } from "@/lib/auth/password";
import { authenticateWithPassword } from "@/lib/auth/sign-in";
import { registerUser } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// lib/env.ts reads the environment on first use, which is after this line: the test file runs
// in a process of its own with its own module cache.
process.env.ADMIN_EMAILS = " Boss@Example.com , ops@example.com,, ";

async function roleOf(email: string) {
  const [row] = await db().select({ role: users.role }).from(users).where(eq(users.email, email));
  return row?.role;
}

beforeEach(async () => {
  await db().execute(sql`truncate table users, sign_in_throttles cascade`);
});

describe("ADMIN_EMAILS", () => {
  it("parses a comma-separated, case-insensitive list", () => {
    expect([...parseAdminEmails(" A@x.kr,b@X.KR ,, ")]).toEqual(["a@x.kr", "b@x.kr"]);
    expect(parseAdminEmails(undefined).size).toBe(0);
    expect(isAdminEmail("BOSS@example.com")).toBe(true);
    expect(isAdminEmail("someone@example.com")).toBe(false);
  });

  it("makes a listed email an admin at sign-up", async () => {
    expect(await registerUser({ email: "boss@example.com", password: "password-1" })).toMatchObject(
      { ok: true, user: { role: "admin" } },
    );
    expect(
      await registerUser({ email: "guest@example.com", password: "password-1" }),
    ).toMatchObject({ ok: true, user: { role: "customer" } });
    expect(await roleOf("boss@example.com")).toBe("admin");
    expect(await roleOf("guest@example.com")).toBe("customer");
  });

  it("promotes an existing customer on their next sign-in", async () => {
    // Registered before their address was added to ADMIN_EMAILS.
    await db()
      .insert(users)
      .values({ email: "ops@example.com", passwordHash: await hashPassword("password-1") });
    expect(await roleOf("ops@example.com")).toBe("customer");

    const result = await authenticateWithPassword({
      email: "ops@example.com",
      password: "password-1",
      clientIp: null,
    });

    expect(result).toMatchObject({ ok: true, user: { role: "admin" } });
    expect(await roleOf("ops@example.com")).toBe("admin");
  });

  it("does not promote on a failed sign-in", async () => {
    await db()
      .insert(users)
      .values({ email: "ops@example.com", passwordHash: await hashPassword("password-1") });
    await authenticateWithPassword({ email: "ops@example.com", password: "wrong", clientIp: null });
    expect(await roleOf("ops@example.com")).toBe("customer");
  });

  it("applies to Kakao/Naver users too (the jwt callback syncs by user id)", async () => {
    const [oauthUser] = await db()
      .insert(users)
      .values({ email: "boss@example.com", passwordHash: null })
      .returning();
    expect(await syncAdminRole(db(), oauthUser!.id)).toBe("admin");
    expect(await roleOf("boss@example.com")).toBe("admin");
  });

  it("never demotes: removing an address is an explicit admin action", async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: "former@example.com", role: "admin" })
      .returning();
    expect(await syncAdminRole(db(), admin!.id)).toBe("admin");
    expect(await syncAdminRole(db(), "no-such-user")).toBeNull();
  });
});
