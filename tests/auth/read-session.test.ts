// lib/auth/read-session.ts reads the session cookie itself instead of calling Auth.js's auth().
// It must accept exactly the cookies Auth.js's session endpoint accepts, for the same user, and
// add the app's own checks (ended sessions, a deleted user, the role from the database).
import { Auth } from "@auth/core";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { authConfig } from "@/lib/auth/config";
import { readSessionUser, sessionCookieIsSecure } from "@/lib/auth/read-session";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

const SECRET = process.env.AUTH_SECRET!;
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

let userId: string;
beforeEach(async () => {
  const [user] = await db()
    .insert(users)
    .values({ email: `reader-${Date.now()}@example.test`, name: "김하나", role: "admin" })
    .returning({ id: users.id });
  userId = user!.id;
});

async function tokenFor(
  claims: Record<string, unknown>,
  options: { salt?: string; secret?: string; maxAge?: number } = {},
) {
  return encode({
    token: claims,
    secret: options.secret ?? SECRET,
    salt: options.salt ?? PLAIN,
    maxAge: options.maxAge,
  });
}

function request(cookie: string, proto = "http", extra: Record<string, string> = {}) {
  return new Headers({ cookie, "x-forwarded-proto": proto, host: "localhost:3000", ...extra });
}

/** Whose session Auth.js's own session endpoint sees for these headers (null: none). */
async function authJsUserId(headers: Headers): Promise<string | null> {
  const proto = headers.get("x-forwarded-proto") ?? "https";
  const response = await Auth(
    new Request(`${proto}://localhost:3000/api/auth/session`, {
      headers: { cookie: headers.get("cookie") ?? "" },
    }),
    { ...authConfig(), basePath: "/api/auth" },
  );
  const session = (await response.json()) as { user?: { id?: string } } | null;
  return session?.user?.id ?? null;
}

async function expectSameAsAuthJs(headers: Headers, expected: string | null) {
  expect((await readSessionUser(headers))?.id ?? null).toBe(expected);
  expect(await authJsUserId(headers)).toBe(expected);
}

describe("reading the session cookie", () => {
  test("a valid token gives the user as the database has it (role included)", async () => {
    const token = await tokenFor({ sub: userId, role: "customer", signedInAt: Date.now() });
    const headers = request(`${PLAIN}=${token}`);
    expect(await readSessionUser(headers)).toEqual({
      id: userId,
      email: expect.stringMatching(/^reader-/),
      name: "김하나",
      role: "admin",
      emailVerified: null,
    });
    await expectSameAsAuthJs(headers, userId);
  });

  test("on HTTPS only the __Secure- cookie counts, encrypted for that name", async () => {
    const plain = await tokenFor({ sub: userId, signedInAt: Date.now() });
    const secure = await tokenFor({ sub: userId, signedInAt: Date.now() }, { salt: SECURE });
    await expectSameAsAuthJs(request(`${PLAIN}=${plain}`, "https"), null);
    await expectSameAsAuthJs(request(`${SECURE}=${plain}`, "https"), null);
    await expectSameAsAuthJs(request(`${SECURE}=${secure}`, "https"), userId);
    // No X-Forwarded-Proto: Auth.js assumes https.
    const bare = new Headers({ cookie: `${SECURE}=${secure}`, host: "localhost:3000" });
    expect((await readSessionUser(bare))?.id).toBe(userId);
    // AUTH_URL decides when it is set.
    expect(sessionCookieIsSecure(request("", "http"), { AUTH_URL: "https://shop.example" })).toBe(
      true,
    );
    expect(sessionCookieIsSecure(request("", "https"), { AUTH_URL: "http://localhost:3000" })).toBe(
      false,
    );
  });

  test("a token split into numbered chunks is joined in order", async () => {
    const token = await tokenFor({ sub: userId, signedInAt: Date.now() });
    const cut = Math.floor(token.length / 2);
    const headers = request(`${PLAIN}.1=${token.slice(cut)}; ${PLAIN}.0=${token.slice(0, cut)}`);
    await expectSameAsAuthJs(headers, userId);
  });

  test("tampered, foreign, expired and bearer tokens are nobody", async () => {
    const token = await tokenFor({ sub: userId, signedInAt: Date.now() });
    const flipped = token.slice(0, -5) + (token.at(-5) === "A" ? "B" : "A") + token.slice(-4);
    await expectSameAsAuthJs(request(`${PLAIN}=${flipped}`), null);
    const foreign = await tokenFor(
      { sub: userId, signedInAt: Date.now() },
      { secret: "another-secret-0123456789abcdefghijklmnop" },
    );
    await expectSameAsAuthJs(request(`${PLAIN}=${foreign}`), null);
    const expired = await tokenFor({ sub: userId, signedInAt: Date.now() }, { maxAge: -3600 });
    await expectSameAsAuthJs(request(`${PLAIN}=${expired}`), null);
    await expectSameAsAuthJs(request(`${PLAIN}=not-a-token`), null);
    // One warn line per unreadable cookie, naming the cause and never the cookie.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await readSessionUser(request(`${PLAIN}=${flipped}`))).toBeNull();
    expect(warn.mock.calls).toEqual([
      [expect.stringMatching(/^\[auth\] ignored an unreadable session cookie \(\w+\)/)],
    ]);
    expect(String(warn.mock.calls[0]![0])).not.toContain(flipped.slice(0, 20));
    warn.mockRestore();
    // A bearer token is not a cookie: auth() never read one, and neither does this.
    const bearer = new Headers({
      cookie: "other=1",
      authorization: `Bearer ${token}`,
      "x-forwarded-proto": "http",
    });
    expect(await readSessionUser(bearer)).toBeNull();
  });

  test("sessions ended after the sign-in, and deleted users, are nobody", async () => {
    const signedInAt = Date.now() - 60_000;
    const token = await tokenFor({ sub: userId, signedInAt });
    const legacy = await tokenFor({ sub: userId });
    await expectSameAsAuthJs(request(`${PLAIN}=${legacy}`), userId);

    await db()
      .update(users)
      .set({ sessionsValidFrom: new Date(signedInAt + 1) })
      .where(eq(users.id, userId));
    await expectSameAsAuthJs(request(`${PLAIN}=${token}`), null);
    await expectSameAsAuthJs(request(`${PLAIN}=${legacy}`), null);

    const later = await tokenFor({ sub: userId, signedInAt: signedInAt + 1 });
    await expectSameAsAuthJs(request(`${PLAIN}=${later}`), userId);

    await db().delete(users).where(eq(users.id, userId));
    await expectSameAsAuthJs(request(`${PLAIN}=${later}`), null);
  });
});
