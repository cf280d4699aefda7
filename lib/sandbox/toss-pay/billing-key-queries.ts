import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import { DOCUMENTATION_INSTRUMENT_ID } from "./instruments";
import { type BillingKeyRow, billingKeys } from "./schema";

// The docs' curl examples use the public test key with `example-billingKey` for user
// `TOSS-TEST-1`. So that they work verbatim, that key exists as an ACTIVE fixture, created on
// first use (one insert that does nothing once the row exists, and only for these exact ids).
export const DOCUMENTATION_API_KEY = "sk_test_w5lNQylNqa5lNQe013Nq";
export const DOCUMENTATION_BILLING_KEY = "example-billingKey";
export const DOCUMENTATION_USER_ID = "TOSS-TEST-1";

async function ensureDocumentationFixture(executor: Executor, now: Date): Promise<void> {
  await executor
    .insert(billingKeys)
    .values({
      billingKey: DOCUMENTATION_BILLING_KEY,
      apiKey: DOCUMENTATION_API_KEY,
      userId: DOCUMENTATION_USER_ID,
      productDesc: "토스 자동결제 상품",
      status: "ACTIVE",
      instrumentId: DOCUMENTATION_INSTRUMENT_ID,
      checkoutToken: "documentation-fixture",
      expiresAt: now,
      resultCallback: "https://YOUR-SITE.COM/callback",
      returnSuccessUrl: "https://YOUR-SITE.COM/success",
      returnFailureUrl: "https://YOUR-SITE.COM/fail",
      createdAt: now,
      activatedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/**
 * A billing key of this merchant, or null. A key created with another API key is reported as
 * missing: the docs require the same API key, and a merchant must not learn of others' keys.
 */
export async function findMerchantKey(
  db: Database,
  apiKey: string,
  billingKey: string,
  now: Date,
): Promise<BillingKeyRow | null> {
  if (apiKey === DOCUMENTATION_API_KEY && billingKey === DOCUMENTATION_BILLING_KEY) {
    await ensureDocumentationFixture(db, now);
  }
  return findOne(db, billingKeys, { billingKey, apiKey });
}

/**
 * The key /billing-key/status reports for (merchant, userId, displayId). Toss pairs one user
 * and one key by default (docs/providers.md §1.3) and does not say which key wins when a merchant
 * created several: the sandbox answers with the newest ACTIVE key if there is one (a pending
 * re-registration must not hide the key that is still being charged), else the newest key.
 */
export async function findCurrentKey(
  db: Database,
  apiKey: string,
  userId: string,
  displayId: string | undefined,
  now: Date,
): Promise<BillingKeyRow | null> {
  if (apiKey === DOCUMENTATION_API_KEY && userId === DOCUMENTATION_USER_ID && !displayId) {
    await ensureDocumentationFixture(db, now);
  }
  const [row] = await db
    .select()
    .from(billingKeys)
    .where(
      and(
        eq(billingKeys.apiKey, apiKey),
        eq(billingKeys.userId, userId),
        // A key made with a displayId is found only with it, and one made without only without.
        displayId === undefined
          ? isNull(billingKeys.displayId)
          : eq(billingKeys.displayId, displayId),
      ),
    )
    .orderBy(sql`(${billingKeys.status} = 'ACTIVE') desc`, desc(billingKeys.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * docs/providers.md §1.3: "with the same userId the same method cannot be registered twice". True
 * when another ACTIVE key of this merchant and user already uses the instrument.
 */
export async function methodAlreadyLinked(
  executor: Executor,
  key: Pick<BillingKeyRow, "apiKey" | "userId" | "billingKey">,
  instrumentId: string,
): Promise<boolean> {
  const rows = await executor
    .select({ billingKey: billingKeys.billingKey })
    .from(billingKeys)
    .where(
      and(
        eq(billingKeys.apiKey, key.apiKey),
        eq(billingKeys.userId, key.userId),
        eq(billingKeys.status, "ACTIVE"),
        eq(billingKeys.instrumentId, instrumentId),
      ),
    );
  return rows.some((r) => r.billingKey !== key.billingKey);
}
