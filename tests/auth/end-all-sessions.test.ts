import { sql } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { authConfig } from "@/lib/auth/config";
import { endAllSessions } from "@/lib/auth/end-all-sessions";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// The jwt callback is what every auth() call runs on the session cookie's token; driving it
// directly shows what a browser holding that token gets.

beforeEach(async () => {
  await db().execute(sql`truncate table users cascade`);
});

async function createUser(email: string): Promise<string> {
  const [user] = await db().insert(users).values({ email }).returning({ id: users.id });
  if (!user) throw new Error("no user");
  return user.id;
}

type JwtCallback = (params: { token: JWT; user?: { id: string } }) => Promise<JWT | null>;

function jwtCallback(): JwtCallback {
  const jwt = authConfig().callbacks?.jwt;
  if (!jwt) throw new Error("no jwt callback");
  return jwt as unknown as JwtCallback;
}

async function signIn(userId: string): Promise<JWT> {
  const token = await jwtCallback()({ token: { sub: userId }, user: { id: userId } });
  if (!token) throw new Error("sign-in refused");
  return token;
}

describe("endAllSessions", () => {
  it("signs out every session that signed in before it, and only those", async () => {
    const userId = await createUser("sessions@example.com");
    const laptop = await signIn(userId);
    expect(typeof laptop.signedInAt).toBe("number");
    expect(await jwtCallback()({ token: laptop })).not.toBeNull();

    await endAllSessions(db(), userId, new Date(Date.now() + 1));
    expect(await jwtCallback()({ token: laptop })).toBeNull();

    // Signing in again afterwards (the browser that changed the password) works.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await signIn(userId);
    expect(await jwtCallback()({ token: again })).not.toBeNull();
  });

  it("leaves other accounts' sessions alone", async () => {
    const mine = await createUser("mine@example.com");
    const theirs = await createUser("theirs@example.com");
    const theirToken = await signIn(theirs);
    await endAllSessions(db(), mine, new Date(Date.now() + 1));
    expect(await jwtCallback()({ token: theirToken })).not.toBeNull();
  });

  it("refuses a token without a sign-in time once sessions were ended", async () => {
    const userId = await createUser("old-token@example.com");
    const legacy: JWT = { sub: userId };
    expect(await jwtCallback()({ token: legacy })).not.toBeNull();
    await endAllSessions(db(), userId);
    expect(await jwtCallback()({ token: legacy })).toBeNull();
  });

  it("refuses the token of a user who no longer exists", async () => {
    const userId = await createUser("gone@example.com");
    const token = await signIn(userId);
    await db().execute(sql`delete from users where id = ${userId}`);
    expect(await jwtCallback()({ token })).toBeNull();
  });
});
