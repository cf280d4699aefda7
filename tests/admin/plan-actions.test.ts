// The plan edit action when a later step of the edit fails: a price rise is committed in its own
// transaction before the other fields are saved, so a failure after it must still re-render the
// storefront's cached pages, or visitors keep seeing the old price while /subscribe charges the
// new one. The proof is the plan row and the pages the action asked Next to re-render.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { plans, users } from "@/lib/db/schema";
import { IDLE } from "@/lib/forms/form-result";

const state = vi.hoisted(() => ({ adminId: "", revalidated: [] as string[] }));
vi.mock("@/lib/auth/guards", () => ({
  requireAdmin: () => Promise.resolve({ id: state.adminId, role: "admin" }),
}));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => state.revalidated.push(path),
}));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers()) }));

const { updatePlanAction } = await import("@/app/(admin)/admin/plans/actions");

beforeAll(async () => {
  const [admin] = await db()
    .insert(users)
    .values({ email: "plan-admin@example.com", role: "admin" })
    .returning();
  state.adminId = admin!.id;
});
afterEach(() => {
  state.revalidated.length = 0;
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

it("re-renders the storefront when the edit fails after its price rise was committed", async () => {
  const [plan] = await db()
    .insert(plans)
    .values({ slug: "edit-fails", name: "베이직", amount: 9_900, interval: "month" })
    .returning();
  // The second step (saving the other fields) fails, as a lock timeout or a lost connection
  // would make it: the database refuses any rename of this plan.
  await db().execute(sql`
    create function refuse_plan_rename() returns trigger language plpgsql as $$
    begin
      if new.name is distinct from old.name then
        raise exception 'injected: the database refused the rest of the edit';
      end if;
      return new;
    end $$`);
  await db().execute(sql`
    create trigger refuse_plan_rename before update on plans
    for each row execute function refuse_plan_rename()`);
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  let result;
  try {
    result = await updatePlanAction(
      IDLE,
      form({
        planId: plan!.id,
        name: "베이직 플러스",
        amount: "12900",
        amountTaxFree: "0",
        interval: "month",
        intervalCount: "1",
        trialDays: "0",
        confirmedAmount: "12900",
      }),
    );
  } finally {
    log.mockRestore();
    await db().execute(sql`drop trigger refuse_plan_rename on plans`);
    await db().execute(sql`drop function refuse_plan_rename()`);
  }
  expect(result).toMatchObject({ status: "error" });
  const [after] = await db().select().from(plans).where(eq(plans.id, plan!.id));
  // The rise stands (its consent requests and price history went with it); the rename did not.
  expect(after).toMatchObject({ amount: 12_900, name: "베이직" });
  expect(state.revalidated).toEqual(
    expect.arrayContaining(["/", "/pricing", `/admin/plans/${plan!.id}`]),
  );
});
