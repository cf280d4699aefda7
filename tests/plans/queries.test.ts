import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { plans, type NewPlan } from "@/lib/db/schema";
import { countPlansByStatus, getPlanBySlug, listActivePlans } from "@/lib/plans/queries";

// Each vitest file gets its own fresh, migrated database (DATABASE_URL set by the harness).

function plan(overrides: Partial<NewPlan> & Pick<NewPlan, "slug">): NewPlan {
  return { name: overrides.slug, amount: 9_900, interval: "month", ...overrides };
}

beforeEach(async () => {
  // The whole database belongs to this file, so each test can start from no plans at all.
  await db().execute(sql`truncate table plans cascade`);
});

afterAll(async () => {
  await closeDb();
});

describe("listActivePlans", () => {
  it("returns only active plans, ordered by sort_order", async () => {
    await db()
      .insert(plans)
      .values([
        plan({ slug: "yearly", sortOrder: 30 }),
        plan({ slug: "basic", sortOrder: 10 }),
        plan({ slug: "old", sortOrder: 0, status: "archived" }),
        plan({ slug: "pro", sortOrder: 20 }),
      ]);

    const listed = await listActivePlans();

    expect(listed.map((p) => p.slug)).toEqual(["basic", "pro", "yearly"]);
  });

  it("returns an empty list when nothing is on sale", async () => {
    await db()
      .insert(plans)
      .values(plan({ slug: "old", status: "archived" }));
    expect(await listActivePlans()).toEqual([]);
  });
});

describe("getPlanBySlug", () => {
  it("finds an active plan by slug", async () => {
    await db()
      .insert(plans)
      .values(plan({ slug: "pro", amount: 19_900, trialDays: 14 }));

    const found = await getPlanBySlug("pro");

    expect(found).toMatchObject({ slug: "pro", amount: 19_900, trialDays: 14, status: "active" });
  });

  it("hides archived plans unless asked for them", async () => {
    await db()
      .insert(plans)
      .values(plan({ slug: "old", status: "archived" }));

    expect(await getPlanBySlug("old")).toBeUndefined();
    expect(await getPlanBySlug("old", { includeArchived: true })).toMatchObject({ slug: "old" });
    expect(await getPlanBySlug("missing", { includeArchived: true })).toBeUndefined();
  });
});

describe("countPlansByStatus", () => {
  it("counts active and archived plans", async () => {
    await db()
      .insert(plans)
      .values([plan({ slug: "a" }), plan({ slug: "b" }), plan({ slug: "c", status: "archived" })]);

    expect(await countPlansByStatus()).toEqual({ active: 2, archived: 1 });
  });
});
