import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";

const rule: RateLimitRule = { name: "test:ip", limit: 3, windowMs: 60_000 };
const start = new Date("2026-12-06T00:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

beforeEach(async () => {
  await db().execute(sql`truncate table rate_limits`);
});

describe("consumeRateLimit", () => {
  it("allows `limit` calls per window, then refuses with the seconds left", async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await consumeRateLimit(db(), rule, "198.51.100.7", at(i))).toEqual({
        allowed: true,
        count: i,
      });
    }
    expect(await consumeRateLimit(db(), rule, "198.51.100.7", at(10))).toEqual({
      allowed: false,
      count: 4,
      retryAfterSeconds: 51,
    });
    // Another subject has its own counter.
    expect((await consumeRateLimit(db(), rule, "198.51.100.8", at(10))).allowed).toBe(true);
  });

  it("starts a new window once the old one has ended", async () => {
    for (let i = 0; i < 5; i++) await consumeRateLimit(db(), rule, "a", at(0));
    expect(await consumeRateLimit(db(), rule, "a", at(61))).toEqual({ allowed: true, count: 1 });
  });

  it("counts concurrent calls exactly (one atomic upsert each)", async () => {
    const decisions = await Promise.all(
      Array.from({ length: 20 }, () => consumeRateLimit(db(), rule, "burst", at(0))),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    expect(decisions.map((d) => d.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it("stores no subject in clear", async () => {
    await consumeRateLimit(db(), rule, "member@example.com", at(0));
    const rows = await db().select().from(rateLimits);
    expect(JSON.stringify(rows)).not.toContain("member@example.com");
  });
});
