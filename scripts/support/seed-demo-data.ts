import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { merchantSettings, planPrices, plans, users, type NewPlan } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";

// Sample plans shown on a fresh dev storefront. Idempotent: existing rows are left alone, so
// whatever a developer changed in admin survives a restart.
export const SAMPLE_PLANS: NewPlan[] = [
  {
    slug: "basic",
    name: "베이직",
    description: "혼자 시작하는 분께 맞는 기본 멤버십",
    features: ["월 10회 다운로드", "기본 템플릿 전체 이용", "이메일 문의"],
    amount: 9_900,
    interval: "month",
    intervalCount: 1,
    trialDays: 0,
    sortOrder: 10,
  },
  {
    slug: "pro",
    name: "프로",
    description: "매일 쓰는 분을 위한 무제한 멤버십",
    features: ["무제한 다운로드", "프리미엄 템플릿 포함", "우선 고객 지원", "14일 무료 체험"],
    amount: 19_900,
    interval: "month",
    intervalCount: 1,
    trialDays: 14,
    sortOrder: 20,
  },
  {
    slug: "pro-yearly",
    name: "프로 연간",
    description: "1년 단위로 결제하고 2개월 무료 혜택",
    features: ["프로의 모든 혜택", "연 단위 결제로 약 17% 할인", "전용 웨비나 초대"],
    amount: 199_000,
    interval: "year",
    intervalCount: 1,
    trialDays: 0,
    sortOrder: 30,
  },
];

export async function seedMerchantSettings(db: Database) {
  await db.insert(merchantSettings).values({ id: 1 }).onConflictDoNothing();
}

export async function seedSamplePlans(db: Database) {
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(plans);
  if (count > 0) return;
  const inserted = await db.insert(plans).values(SAMPLE_PLANS).returning();
  await db
    .insert(planPrices)
    .values(
      inserted.map((p) => ({ planId: p.id, amount: p.amount, amountTaxFree: p.amountTaxFree })),
    );
}

export async function ensureAdminUser(
  db: Database,
  { email, password, name }: { email: string; password: string; name?: string },
): Promise<"created" | "promoted" | "unchanged"> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, normalized));
  // The operator who runs this vouches for the address: admin pages need a verified one
  // (lib/auth/guards.ts), and an unverified password account cannot sign in.
  if (existing) {
    if (existing.role === "admin" && existing.emailVerified) return "unchanged";
    await db
      .update(users)
      .set({
        role: "admin",
        emailVerified: existing.emailVerified ?? new Date(),
        updatedAt: new Date(),
      })
      .where(eq(users.id, existing.id));
    return "promoted";
  }
  await db.insert(users).values({
    email: normalized,
    name: name ?? "관리자",
    role: "admin",
    emailVerified: new Date(),
    passwordHash: await hashPassword(password),
  });
  return "created";
}
