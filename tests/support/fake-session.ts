// For tests of guarded code outside a request: the signed-in user is whoever
// `fakeSession.userId` names, read from the database as lib/auth/read-session.ts reads it (so the
// role and verification are the row's). In a test file:
//   vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));
//   import { fakeSession } from "@/tests/support/fake-session";
import { findCurrentUser, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db/client";

export const fakeSession = { userId: null as string | null };

export async function currentSessionUser(): Promise<CurrentUser | null> {
  return fakeSession.userId ? findCurrentUser(db(), fakeSession.userId) : null;
}
