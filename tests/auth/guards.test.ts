import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { fakeSession as session } from "@/tests/support/fake-session";

vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));

const { requireAdmin, requireAdminApi } = await import("@/lib/auth/guards");

async function digestOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    return typeof error === "object" && error !== null && "digest" in error
      ? String(error.digest)
      : String(error);
  }
}

beforeEach(async () => {
  // forbidden() refuses to run unless next.config's experimental.authInterrupts is on (it is).
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  await db().execute(sql`truncate table users cascade`);
});

describe("admin guards", () => {
  it("refuse an admin role whose address was never verified", async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: "unproven@example.com", role: "admin", emailVerified: null })
      .returning();
    session.userId = admin!.id;

    expect(await digestOf(() => requireAdmin())).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    const response = await requireAdminApi();
    expect(response instanceof Response && response.status).toBe(403);
  });

  it("let a verified admin through", async () => {
    const [admin] = await db()
      .insert(users)
      .values({ email: "proven@example.com", role: "admin", emailVerified: new Date() })
      .returning();
    session.userId = admin!.id;

    expect(await digestOf(() => requireAdmin())).toBe("allowed");
    expect(await requireAdminApi()).toMatchObject({ id: admin!.id, role: "admin" });
  });
});
