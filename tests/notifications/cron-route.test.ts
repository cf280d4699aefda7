// GET /api/cron/notifications through the route module Next serves, end to end: the secret is
// checked before anything is read, and an authorized call delivers the outbox over a real SMTP
// connection (an in-process server on 127.0.0.1, reached through SMTP_URL exactly as in
// production) and records the run for the admin dashboard.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { cronRuns, notifications, users } from "@/lib/db/schema";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { startSmtpSink, type SmtpSink } from "@/scripts/support/smtp-sink";

const SECRET = process.env.CRON_SECRET!;

let sink: SmtpSink;
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  sink = await startSmtpSink();
  // lib/env.ts reads the environment once per module graph: set it, then load the route fresh.
  process.env.SMTP_URL = sink.url;
  process.env.EMAIL_FROM = "구독 스토어 <billing@shop.test>";
  vi.resetModules();
  const route = await import("@/app/api/cron/notifications/route");
  GET = route.GET;
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  sink.messages.length = 0;
  await db().delete(notifications).where(isNotNull(notifications.id));
  await db().delete(cronRuns).where(isNotNull(cronRuns.id));
});

function call(headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/cron/notifications", { headers });
}

async function queueReceipt() {
  const [user] = await db()
    .insert(users)
    .values({ email: `kim-${randomUUID()}@example.com`, name: "김철수" })
    .returning();
  const row = await enqueueNotification(db(), {
    kind: "receipt",
    userId: user!.id,
    dedupeKey: dedupeKeyFor("receipt", randomUUID()),
    data: {
      planName: "베이직",
      amount: 9_900,
      orderId: "sub_x_p1_a1",
      approvedAt: new Date("2027-01-01T00:00:00Z"),
    },
  });
  return { user: user!, row: row! };
}

describe("GET /api/cron/notifications", () => {
  it("answers 401 without the exact bearer secret and sends nothing", async () => {
    const { row } = await queueReceipt();
    const attempts: Record<string, string>[] = [
      {},
      { authorization: SECRET },
      { authorization: `Bearer ${SECRET}x` },
      { authorization: `Basic ${SECRET}` },
    ];
    for (const headers of attempts) {
      const response = await GET(call(headers));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(sink.messages).toHaveLength(0);
    expect(await db().select().from(cronRuns)).toEqual([]);
    const [after] = await db().select().from(notifications).where(eq(notifications.id, row.id));
    expect(after).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("emails the customer over SMTP and records the run", async () => {
    const { user, row } = await queueReceipt();
    const response = await GET(call({ authorization: `Bearer ${SECRET}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ claimed: 1, sent: 1, failed: 0, remaining: 0 });

    // What arrived in the customer's mailbox.
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe("billing@shop.test");
    expect(mail.headers.from).toContain("billing@shop.test");
    expect(mail.subject).toBe(row.subject);
    expect(mail.subject).toContain("영수증");
    expect(mail.text).toContain("베이직 자동결제 9,900원이 결제됐어요.");
    expect(mail.text).toContain("구독 관리: http://localhost:3000/account");

    const [after] = await db().select().from(notifications).where(eq(notifications.id, row.id));
    expect(after).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(after!.sentAt).not.toBeNull();

    const runs = await db().select().from(cronRuns);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: "notifications", status: "succeeded" });
    expect(runs[0]!.summary).toMatchObject({ sent: 1 });

    // Nothing left: the next run sends nothing and still records that it ran.
    const again = await GET(call({ authorization: `Bearer ${SECRET}` }));
    expect(await again.json()).toMatchObject({ claimed: 0, sent: 0 });
    expect(sink.messages).toHaveLength(1);
    expect(await db().select().from(cronRuns)).toHaveLength(2);
  });

  it("is scheduled every 5 minutes in vercel.json", () => {
    const config = JSON.parse(readFileSync("vercel.json", "utf8")) as {
      crons?: { path: string; schedule: string }[];
    };
    expect(config.crons).toContainEqual({
      path: "/api/cron/notifications",
      schedule: "*/5 * * * *",
    });
    const source = readFileSync("app/api/cron/notifications/route.ts", "utf8");
    expect(source.startsWith("// GET /api/cron/notifications (every 5 minutes)")).toBe(true);
  });
});
