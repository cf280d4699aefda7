import { exportAccountData } from "@/lib/account/export-account-data";
import { requireUserApi } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { seoulDateKey } from "@/lib/format/seoul-date";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";

// GET /account/export — "내 정보 내려받기": the signed-in customer's own data as a JSON file.
// Several queries over the account's history: 10 an hour is plenty for a person, and keeps a
// stolen session from using it as a load generator.
const EXPORT_RATE_LIMIT = {
  name: "account-export:user",
  limit: 10,
  windowMs: 60 * 60_000,
} as const satisfies RateLimitRule;

export async function GET(): Promise<Response> {
  const user = await requireUserApi();
  if (user instanceof Response) return user;
  const now = new Date();
  const decision = await consumeRateLimit(db(), EXPORT_RATE_LIMIT, user.id, now);
  if (!decision.allowed) {
    return new Response("요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {
      status: 429,
      headers: {
        "Retry-After": String(decision.retryAfterSeconds),
        "Content-Type": "text/plain; charset=utf-8",
      },
    });
  }
  const data = await exportAccountData(db(), user.id, now);
  if (!data) return new Response(null, { status: 404 });
  const day = seoulDateKey(now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
