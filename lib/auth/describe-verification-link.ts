import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { findVerificationEmail } from "./email-verification-token";
import { markEmailVerified } from "./mark-email-verified";

// What /verify-email shows for a link. Opening the page never uses the token up: mail scanners
// and link previews fetch links on their own, so the customer's click on the page's button (a
// POST) is what verifies. A password account confirms with its password (and is signed in);
// a Kakao/Naver-only account has none, and the link alone proves the mailbox.

export type VerificationLink =
  | { state: "invalid" }
  | { state: "password"; email: string }
  | { state: "passwordless"; email: string };

export async function describeVerificationLink(
  token: string | undefined,
  now = new Date(),
): Promise<VerificationLink> {
  if (!token) return { state: "invalid" };
  const email = await findVerificationEmail(db(), token, now);
  if (!email) return { state: "invalid" };
  const [user] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  if (!user) return { state: "invalid" };
  return { state: user.passwordHash ? "password" : "passwordless", email };
}

/** Verifies a Kakao/Naver-only account's address. False for anything else. */
export async function verifyPasswordlessEmail(token: string, now = new Date()): Promise<boolean> {
  const email = await findVerificationEmail(db(), token, now);
  if (!email) return false;
  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  if (!user || user.passwordHash !== null) return false;
  return markEmailVerified(db(), { userId: user.id, email, token, now });
}
