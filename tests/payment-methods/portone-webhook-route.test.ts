// POST /api/payments/portone/webhook under abuse: PortOne signs its webhooks (Standard
// Webhooks, docs/providers.md §3.5), so unlike Toss's unsigned callbacks a delivery that does
// not verify is refused with 401 and leaves no row, and a settled event sent again under the same
// webhook-id is refused with 409 and changes nothing. The secret is the one the app's
// configuration holds (without PORTONE_* the public sandbox store's).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/payments/[provider]/webhook/route";
import { db } from "@/lib/db/client";
import { providerEvents } from "@/lib/db/schema";
import { PORTONE_SANDBOX_STORE } from "@/lib/payments/portone/config";
import { webhookSignature } from "@/lib/sandbox/portone/webhooks";

function delivery(options: { id?: string; at?: number; secret?: string; tamper?: boolean } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const body = JSON.stringify({
    type: "Transaction.Paid",
    timestamp: new Date().toISOString(),
    data: {
      storeId: PORTONE_SANDBOX_STORE.storeId,
      paymentId: `order-${id}`,
      transactionId: "tx-1",
    },
  });
  const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000));
  const signature = webhookSignature(
    options.secret ?? PORTONE_SANDBOX_STORE.webhookSecret,
    id,
    timestamp,
    body,
  );
  return {
    id,
    send: () =>
      POST(
        new Request("http://app/api/payments/portone/webhook", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": timestamp,
            "webhook-signature": signature,
            "x-forwarded-for": "52.78.5.241",
          },
          body: options.tamper ? body.replace("tx-1", "tx-2") : body,
        }),
        { params: Promise.resolve({ provider: "portone" }) },
      ),
  };
}

const rowsFor = (id: string) =>
  db()
    .select()
    .from(providerEvents)
    .where(eq(providerEvents.dedupeKey, `webhook:${id}`));

describe("the PortOne webhook", () => {
  it("records a signed delivery once, verified, and refuses it sent again with 409", async () => {
    const event = delivery();
    expect((await event.send()).status).toBe(200);
    const [row] = await rowsFor(event.id);
    expect(row).toMatchObject({
      provider: "portone",
      eventType: "Transaction.Paid",
      deliveries: 1,
    });
    expect(row?.outcome).toMatch(/^ignored: no charge of ours/);

    expect((await event.send()).status).toBe(409);
    const [again] = await rowsFor(event.id);
    expect(again).toMatchObject({ outcome: row?.outcome, processedAt: row?.processedAt });
  });

  it.each([
    ["another secret", { secret: `whsec_${Buffer.alloc(32, 5).toString("base64")}` }],
    ["a changed body", { tamper: true }],
    ["a timestamp six minutes old", { at: Date.now() - 6 * 60_000 }],
    ["a timestamp six minutes ahead", { at: Date.now() + 6 * 60_000 }],
  ])("refuses a delivery with %s with 401 and records nothing", async (_, options) => {
    const event = delivery(options);
    expect((await event.send()).status).toBe(401);
    expect(await rowsFor(event.id)).toEqual([]);
  });

  it("refuses an unsigned body with 401 and records nothing", async () => {
    const before = await db().$count(providerEvents, eq(providerEvents.provider, "portone"));
    const response = await POST(
      new Request("http://app/api/payments/portone/webhook", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "BillingKey.Deleted", data: { billingKey: "x" } }),
      }),
      { params: Promise.resolve({ provider: "portone" }) },
    );
    expect(response.status).toBe(401);
    expect(await db().$count(providerEvents, eq(providerEvents.provider, "portone"))).toBe(before);
  });
});
