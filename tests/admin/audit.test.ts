// The audit log in admin: entries written by recordAudit, filtered by actor, action (exact or
// by prefix), target and Seoul dates; and the before/after diff the page shows.
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditLog, parseAuditListParams } from "@/lib/admin/audit";
import { diffJson } from "@/lib/admin/audit-diff";
import { adminActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { auditLog, users } from "@/lib/db/schema";

beforeAll(async () => {
  const [alice, bob] = await db()
    .insert(users)
    .values([
      { email: "alice@example.com", name: "앨리스", role: "admin" },
      { email: "bob@example.com", name: "밥", role: "admin" },
    ])
    .returning();
  await recordAudit(db(), {
    actor: adminActor({ userId: alice!.id }),
    action: "refund.succeeded",
    targetType: "refund",
    targetId: "r-1",
    before: { status: "pending" },
    after: { status: "succeeded" },
  });
  await recordAudit(db(), {
    actor: adminActor({ userId: alice!.id }),
    action: "refund.failed",
    targetType: "refund",
    targetId: "r-2",
  });
  await recordAudit(db(), {
    actor: adminActor({ userId: bob!.id, ip: "203.0.113.7" }),
    action: "plan.update",
    targetType: "plan",
    targetId: "p-1",
  });
  // A day earlier in Seoul.
  await db()
    .insert(auditLog)
    .values({
      actorUserId: bob!.id,
      action: "refundish.custom",
      targetType: "plan",
      targetId: "p-2",
      createdAt: new Date("2026-01-31T23:59:00+09:00"),
    });
});

const list = (query: Record<string, string>) => listAuditLog(parseAuditListParams(query));
const actions = async (query: Record<string, string>) =>
  (await list(query)).rows.map((r) => r.action).sort();

describe("the audit log in admin", () => {
  it("shows who did what to which target", async () => {
    const page = await list({ action: "plan.update" });
    expect(page.rows).toEqual([
      expect.objectContaining({
        actorEmail: "bob@example.com",
        actorName: "밥",
        targetType: "plan",
        targetId: "p-1",
        ip: "203.0.113.7",
      }),
    ]);
  });

  it("filters by actor, action prefix, target and date", async () => {
    expect(await actions({ actor: "앨리스" })).toEqual(["refund.failed", "refund.succeeded"]);
    expect(await actions({ actor: "BOB@" })).toEqual(["plan.update", "refundish.custom"]);
    // "refund" means refund.*, not every action that starts with those letters.
    expect(await actions({ action: "refund" })).toEqual(["refund.failed", "refund.succeeded"]);
    expect(await actions({ targetType: "refund", targetId: "r-2" })).toEqual(["refund.failed"]);
    expect(await actions({ to: "2026-01-31" })).toEqual(["refundish.custom"]);
    expect((await list({ from: "2026-02-01" })).total).toBe(3);
  });
});

describe("the before/after diff", () => {
  it("lists changed, added and removed fields first, nested ones by path", () => {
    const rows = diffJson(
      { amount: 9_900, name: "베이직", features: ["a", "b"], limits: { downloads: 10 }, gone: 1 },
      {
        amount: 10_900,
        name: "베이직",
        features: ["a", "c"],
        limits: { downloads: 20 },
        new: true,
      },
    );
    expect(rows.map((r) => [r.path, r.change])).toEqual([
      ["amount", "changed"],
      ["features", "changed"],
      ["gone", "removed"],
      ["limits.downloads", "changed"],
      ["new", "added"],
      ["name", "unchanged"],
    ]);
    expect(rows[0]).toMatchObject({ before: 9_900, after: 10_900 });
  });

  it("handles entries with only one side, or plain values", () => {
    expect(diffJson(null, { a: 1 })).toEqual([
      { path: "a", before: undefined, after: 1, change: "added" },
    ]);
    expect(diffJson("x", "y")).toEqual([{ path: "", before: "x", after: "y", change: "changed" }]);
    expect(diffJson(null, null)).toEqual([]);
  });
});
