import { createHash, timingSafeEqual } from "node:crypto";
import { MIN_CRON_SECRET_LENGTH, getEnv } from "@/lib/env";
import { AppError, toErrorBody, toHttpStatus } from "@/lib/errors";

// The wrapper every /api/cron/* route shares (docs/style.md: one timing-safe secret check, not one
// per handler). Vercel Cron calls the path with `Authorization: Bearer ${CRON_SECRET}`
// (https://vercel.com/docs/cron-jobs/manage-cron-jobs#securing-cron-jobs). Order matters:
//   1. no usable secret configured → 500 naming CRON_SECRET: never run unprotected, on Vercel
//      or anywhere else;
//   2. header missing or wrong → 401, before the job touches the database;
//   3. the job runs; its JSON result is the response. Never cached. A job that refuses its
//      request (an AppError: bad parameters, too many workers) answers with that error's status.

const NO_STORE = { "Cache-Control": "no-store" };

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * Constant-time comparison of the Authorization header with `Bearer <secret>`. Both sides are
 * hashed first, so the buffers timingSafeEqual compares always have the same length and the
 * comparison reveals neither the secret's content nor its length.
 */
export function cronAuthorized(header: string | null, secret: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  const expected = digest(`Bearer ${secret}`);
  const given = digest(header ?? "");
  return timingSafeEqual(given, expected) && header !== null;
}

export type CronJob = (request: Request) => Promise<Record<string, unknown>>;

export function withCron(job: string, run: CronJob): (request: Request) => Promise<Response> {
  return async (request) => {
    const secret = getEnv().CRON_SECRET;
    if (!secret || secret.length < MIN_CRON_SECRET_LENGTH) {
      console.error(`[cron] ${job}: refusing to run, CRON_SECRET is unset or too short`);
      return json(
        {
          error: `CRON_SECRET is ${secret ? `only ${secret.length} characters long` : "not set"}; cron jobs refuse to run without a secret of at least ${MIN_CRON_SECRET_LENGTH} characters (openssl rand -base64 32).`,
        },
        500,
      );
    }
    if (!cronAuthorized(request.headers.get("authorization"), secret)) {
      return json({ error: "Unauthorized" }, 401, { "WWW-Authenticate": 'Bearer realm="cron"' });
    }
    try {
      return json(await run(request), 200);
    } catch (error) {
      if (error instanceof AppError && toHttpStatus(error) < 500) {
        return json(toErrorBody(error), toHttpStatus(error));
      }
      console.error(`[cron] ${job} failed:`, error);
      return json(
        { error: `${job} failed: ${error instanceof Error ? error.message : "unknown error"}` },
        500,
      );
    }
  };
}
