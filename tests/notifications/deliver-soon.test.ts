// Emails leave right after the response of the request that enqueued them, not at the next cron
// run. Next's after() is the one stand-in: it records the callbacks, and `respond()` runs them
// the way Next does once a response is done (all at once). Everything else is real: the
// enqueue, the outbox, the SMTP_URL mailer and an SMTP server on 127.0.0.1.
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { db } from "@/lib/db/client";
import { notifications, users } from "@/lib/db/schema";
import type { Executor } from "@/lib/db/client";
import { startSmtpSink, type SmtpSink } from "@/scripts/support/smtp-sink";

const scheduled = vi.hoisted(() => ({ callbacks: [] as (() => unknown)[] }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => {
    scheduled.callbacks.push(task);
  },
}));
// Counts delivery passes; the real function still runs.
vi.mock("@/lib/notifications/deliver-notifications", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/notifications/deliver-notifications")>();
  return { ...real, drainOutbox: vi.fn(real.drainOutbox) };
});

type EnqueueModule = typeof import("@/lib/notifications/enqueue-notification");

let sink: SmtpSink;
let enqueueNotification: EnqueueModule["enqueueNotification"];
let drainOutbox: Mock;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.EMAIL_FROM = "billing@shop.test";
  vi.resetModules();
  ({ enqueueNotification } = await import("@/lib/notifications/enqueue-notification"));
  drainOutbox = (await import("@/lib/notifications/deliver-notifications"))
    .drainOutbox as unknown as Mock;
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.messages.length = 0;
  scheduled.callbacks.length = 0;
  drainOutbox.mockClear();
});

/** The response is done: Next starts every after() callback of the request together. */
function respond(): Promise<unknown[]> {
  const callbacks = scheduled.callbacks.splice(0);
  return Promise.all(callbacks.map((callback) => callback()));
}

async function customer() {
  const [user] = await db()
    .insert(users)
    .values({ email: `lee-${randomUUID()}@example.com` })
    .returning();
  return user!;
}

function paymentFailed(tx: Executor, userId: string, reason: string) {
  return enqueueNotification(tx, {
    kind: "payment_failed",
    userId,
    dedupeKey: `payment_failed:${randomUUID()}`,
    data: { planName: "프로", amount: 19_900, reason },
  });
}

async function statuses(ids: string[]) {
  const rows = await db()
    .select({ status: notifications.status })
    .from(notifications)
    .where(inArray(notifications.id, ids));
  return rows.map((r) => r.status);
}

describe("delivery right after the response", () => {
  it("sends what a request enqueued once it has answered, in one pass however many it wrote", async () => {
    const user = await customer();
    const rows = await db().transaction(async (tx) => [
      await paymentFailed(tx, user.id, "잔액이 부족해요."),
      await paymentFailed(tx, user.id, "한도를 초과했어요."),
      await paymentFailed(tx, user.id, "카드가 정지됐어요."),
    ]);
    const ids = rows.map((r) => r!.id);
    // Nothing leaves before the response.
    expect(sink.messages).toHaveLength(0);
    expect(await statuses(ids)).toEqual(["pending", "pending", "pending"]);

    await respond();

    expect(sink.messages.map((m) => m.to[0])).toEqual([user.email, user.email, user.email]);
    expect(sink.messages.map((m) => m.text).join("\n")).toContain("실패 사유: 한도를 초과했어요.");
    expect(await statuses(ids)).toEqual(["sent", "sent", "sent"]);
    expect(drainOutbox).toHaveBeenCalledTimes(1);
  });

  it("a notice that already exists (same dedupe key) schedules nothing", async () => {
    const user = await customer();
    const input = {
      kind: "payment_failed" as const,
      userId: user.id,
      dedupeKey: `payment_failed:${randomUUID()}`,
      data: { planName: "프로", amount: 19_900, reason: "잔액이 부족해요." },
    };
    await enqueueNotification(db(), input);
    await respond();
    expect(await enqueueNotification(db(), input)).toBeNull();
    expect(scheduled.callbacks).toHaveLength(0);
    expect(sink.messages).toHaveLength(1);
  });

  it("delivers a second request's notice that arrives while the first pass is sending", async () => {
    const first = await customer();
    const second = await customer();
    const a = await paymentFailed(db(), first.id, "잔액이 부족해요.");
    const passA = respond();
    // Request B commits and answers while A's pass is in flight.
    const b = await paymentFailed(db(), second.id, "한도를 초과했어요.");
    const passB = respond();
    await Promise.all([passA, passB]);

    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual([first.email, second.email].sort());
    expect(await statuses([a!.id, b!.id])).toEqual(["sent", "sent"]);
    expect(drainOutbox.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it("sends what work after the response committed later, when that work asks (deliverNotificationsNow)", async () => {
    const { deliverNotificationsNow } = await import("@/lib/notifications/deliver-soon");
    const user = await customer();
    // The request's own notice goes out with its pass…
    const linked = await paymentFailed(db(), user.id, "카드 한도를 넘었어요.");
    await respond();
    // …then the first charge, running after the response, commits its notice: no pass is
    // scheduled for it any more (the request's callbacks have all run).
    const later = await db().transaction((tx) => paymentFailed(tx, user.id, "잔액이 부족해요."));
    scheduled.callbacks.length = 0;
    await deliverNotificationsNow();

    expect(await statuses([linked!.id, later!.id])).toEqual(["sent", "sent"]);
    expect(sink.messages.some((m) => m.text.includes("잔액이 부족해요."))).toBe(true);
  });
});
