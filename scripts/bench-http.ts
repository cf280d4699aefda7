// npm run bench:http -- [--duration 10] [--connections 200] [--registrations 1000] [--no-build]
//   [--provider-latency-ms 50] [--only app-home,status-poll,…]
// The storefront under HTTP load, next to a bare Next.js app measured in the same run on the
// same machine. Builds both (unless --no-build), starts the app's production server (`next
// start`) on a fresh embedded PostgreSQL, and a stand-in for Toss Pay's API that counts every
// status call the app makes. Then drives, one after another, each with --connections clients for
// --duration seconds (autocannon):
//   bare static `/` and bare dynamic `/dynamic` (scripts/bench/bare-next), the app's `/` and
//   `/pricing`, the waiting page's status poll (--registrations pending registrations, each
//   request a different waiting customer polling their own), and the provider callback route
//   (valid-looking callbacks for those registrations mixed with hostile ones).
// Prints a table and JSON: req/s, p50/p99 latency, errors (socket errors and timeouts), 5xx,
// other non-2xx, the Toss status calls the app made (total and busiest second), and the load
// average before and after. Ports 3710 (app), 3711 (bare), 3712 (provider stand-in).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { closeDb, db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { paymentMethods, users } from "@/lib/db/schema";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { createDatabaseIfMissing } from "./support/local-database";
import { startLocalPostgres, withDatabase } from "./support/local-postgres";
import { seedMerchantSettings, seedSamplePlans } from "./support/seed-demo-data";

const TARGETS = [
  "bare-static",
  "bare-dynamic",
  "app-home",
  "app-pricing",
  "status-poll",
  "callback",
] as const;
type TargetName = (typeof TARGETS)[number];

const argsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(120).default(10),
  connections: z.coerce.number().int().min(1).max(1_000).default(200),
  registrations: z.coerce.number().int().min(1).max(20_000).default(1_000),
  "provider-latency-ms": z.coerce.number().int().min(0).max(5_000).default(50),
  "no-build": z.boolean().default(false),
  only: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",") : [...TARGETS]))
    .pipe(z.array(z.enum(TARGETS))),
});

const APP_PORT = 3710;
const BARE_PORT = 3711;
const PROVIDER_PORT = 3712;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const BARE_URL = `http://127.0.0.1:${BARE_PORT}`;
const SESSION_COOKIE = "authjs.session-token";
const BARE_DIR = path.join("scripts", "bench", "bare-next");
const DATA_ROOT = path.resolve(".data", "bench-http");

type Waiting = { methodId: string; cookie: string; providerCustomerId: string; billingKey: string };

/**
 * Toss Pay's API as the app sees it: /api/v1/billing-key/status answers "CREATE" (the customer
 * has not approved yet) after the configured latency, and every call is counted per second, so
 * the bench can say how hard the app leans on the provider.
 */
function startProviderStandIn(keys: Map<string, string>, latencyMs: number) {
  const perSecond = new Map<number, number>();
  let total = 0;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (request.url !== "/api/v1/billing-key/status") {
        response.writeHead(404).end();
        return;
      }
      total += 1;
      const second = Math.floor(Date.now() / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      const parsed = z.object({ userId: z.string() }).safeParse(JSON.parse(body || "{}"));
      const userId = parsed.success ? parsed.data.userId : "";
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ code: 0, userId, billingKey: keys.get(userId), status: "CREATE" }),
        );
      }, latencyMs);
    });
  });
  return {
    listen: () =>
      new Promise<void>((resolve) => server.listen(PROVIDER_PORT, "127.0.0.1", resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** Status calls since `from` (ms), and the most in any one second. */
    countSince(from: number) {
      const firstSecond = Math.floor(from / 1000);
      let calls = 0;
      let busiestSecond = 0;
      for (const [second, count] of perSecond) {
        if (second < firstSecond) continue;
        calls += count;
        busiestSecond = Math.max(busiestSecond, count);
      }
      return { calls, busiestSecond };
    },
    total: () => total,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

function startServer(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(path.join("node_modules", ".bin", "next"), ["start", ...args], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Customers with a pending Toss Pay registration each, and a signed-in session cookie. */
async function seedWaitingCustomers(count: number, authSecret: string): Promise<Waiting[]> {
  const waiting: Waiting[] = [];
  for (let offset = 0; offset < count; offset += 500) {
    const size = Math.min(500, count - offset);
    const created = await db()
      .insert(users)
      .values(
        Array.from({ length: size }, (_, i) => ({
          email: `bench-${offset + i}-${randomBytes(3).toString("hex")}@example.com`,
          emailVerified: new Date(),
        })),
      )
      .returning({ id: users.id, providerCustomerId: users.providerCustomerId });
    const rows = created.map((user) => {
      const id = randomUUID();
      const billingKey = randomBytes(11).toString("hex");
      const providerCustomerId = `${user.providerCustomerId}_${id.replaceAll("-", "").slice(0, 12)}`;
      const { ciphertext, keyVersion } = encryptBillingKey(billingKey, id);
      return {
        user,
        row: {
          id,
          userId: user.id,
          provider: "toss_pay" as const,
          providerCustomerId,
          billingKeyCiphertext: ciphertext,
          billingKeyFingerprint: fingerprintBillingKey(billingKey),
          keyVersion,
          status: "pending" as const,
          // Far enough that no registration expires during the run.
          registrationExpiresAt: new Date(Date.now() + 60 * 60_000),
        },
        billingKey,
      };
    });
    await db()
      .insert(paymentMethods)
      .values(rows.map((r) => r.row));
    for (const { user, row, billingKey } of rows) {
      const token = await encode({
        token: { sub: user.id, role: "customer", signedInAt: Date.now() },
        secret: authSecret,
        salt: SESSION_COOKIE,
      });
      waiting.push({
        methodId: row.id,
        cookie: `${SESSION_COOKIE}=${token}`,
        providerCustomerId: row.providerCustomerId,
        billingKey,
      });
    }
  }
  return waiting;
}

type Result = {
  target: TargetName;
  url: string;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  providerCalls?: number;
  providerBusiestSecond?: number;
};

async function drive(
  target: TargetName,
  options: autocannon.Options,
  extra: Partial<Result> = {},
): Promise<Result> {
  const result = await autocannon({ timeout: 10, ...options });
  return {
    target,
    url: options.url,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    status2xx: result["2xx"],
    status4xx: result["4xx"],
    status5xx: result["5xx"],
    ...extra,
  };
}

/** The hostile half of the callback traffic: unknown keys, junk, wrong shapes, oversize. */
function hostileCallbackBody(i: number): string {
  switch (i % 4) {
    case 0:
      return JSON.stringify({
        action: "ACTIVATED",
        billingKey: randomBytes(11).toString("hex"),
        userId: "nobody",
      });
    case 1:
      return "{not json";
    case 2:
      return JSON.stringify({ action: "x".repeat(200), billingKey: 42, userId: ["a"] });
    default:
      return JSON.stringify({ action: "ACTIVATED", billingKey: "k", pad: "x".repeat(17_000) });
  }
}

async function main() {
  const args = argsSchema.parse(
    parseArgs({
      options: {
        duration: { type: "string" },
        connections: { type: "string" },
        registrations: { type: "string" },
        "provider-latency-ms": { type: "string" },
        "no-build": { type: "boolean" },
        only: { type: "string" },
      },
    }).values,
  );
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);

  if (!args["no-build"]) {
    run("npx", ["next", "build"]);
    // Turbopack resolves this nested app against the repository root (and its proxy.ts);
    // webpack builds it on its own.
    run("npx", ["next", "build", "--webpack", BARE_DIR]);
  }

  const dataDir = path.join(DATA_ROOT, String(process.pid));
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(DATA_ROOT, { recursive: true });
  const postgresServer = await startLocalPostgres({
    dataDir,
    password: randomBytes(18).toString("base64url"),
    quiet: true,
  });
  const children: ChildProcess[] = [];
  const keys = new Map<string, string>();
  const provider = startProviderStandIn(keys, args["provider-latency-ms"]);
  const cleanup = async () => {
    for (const child of children) {
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    }
    await provider.close().catch(() => {});
    await closeDb().catch(() => {});
    await postgresServer.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    const databaseName = "bench_http";
    await createDatabaseIfMissing(postgresServer.url, databaseName);
    const databaseUrl = withDatabase(postgresServer.url, databaseName);
    await migrateDatabase(databaseUrl);
    const runEnv = {
      NODE_ENV: "production" as const,
      PORT: String(APP_PORT),
      APP_URL,
      AUTH_URL: APP_URL,
      AUTH_TRUST_HOST: "true",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      BILLING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      CRON_SECRET: randomBytes(32).toString("base64url"),
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      TOSS_PAY_BASE_URL: `http://127.0.0.1:${PROVIDER_PORT}`,
      ADMIN_EMAILS: "",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    Object.assign(process.env, runEnv);
    await seedMerchantSettings(db());
    await seedSamplePlans(db());
    const waiting = await seedWaitingCustomers(args.registrations, runEnv.AUTH_SECRET);
    for (const w of waiting) keys.set(w.providerCustomerId, w.billingKey);
    await closeDb();
    await provider.listen();

    children.push(startServer(["--port", String(APP_PORT)], { ...process.env, ...runEnv }));
    children.push(
      startServer([BARE_DIR, "--port", String(BARE_PORT)], {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      }),
    );
    await waitForHttp(`${APP_URL}/pricing`);
    await waitForHttp(`${BARE_URL}/`);

    const base = { connections: args.connections, duration: args.duration };
    const warm = async (url: string) => {
      await autocannon({ url, connections: 10, duration: 1 });
    };
    const results: Result[] = [];
    for (const target of args.only) {
      switch (target) {
        case "bare-static":
          await warm(`${BARE_URL}/`);
          results.push(await drive(target, { ...base, url: `${BARE_URL}/` }));
          break;
        case "bare-dynamic":
          await warm(`${BARE_URL}/dynamic`);
          results.push(await drive(target, { ...base, url: `${BARE_URL}/dynamic` }));
          break;
        case "app-home":
          await warm(`${APP_URL}/`);
          results.push(await drive(target, { ...base, url: `${APP_URL}/` }));
          break;
        case "app-pricing":
          await warm(`${APP_URL}/pricing`);
          results.push(await drive(target, { ...base, url: `${APP_URL}/pricing` }));
          break;
        case "status-poll": {
          // Each request is the next waiting customer polling their own registration, so every
          // registration is polled, as when that many customers wait at once.
          let next = 0;
          const from = Date.now();
          const result = await drive(target, {
            ...base,
            url: `${APP_URL}/api/payment-methods/status`,
            requests: [
              {
                setupRequest: (request) => {
                  const w = waiting[next++ % waiting.length]!;
                  return {
                    ...request,
                    path: `/api/payment-methods/${w.methodId}/status`,
                    headers: { ...request.headers, cookie: w.cookie },
                  };
                },
              },
            ],
          });
          // Calls still in flight when the load stopped are counted too.
          await new Promise((resolve) => setTimeout(resolve, args["provider-latency-ms"] + 500));
          const calls = provider.countSince(from);
          results.push({
            ...result,
            providerCalls: calls.calls,
            providerBusiestSecond: calls.busiestSecond,
          });
          break;
        }
        case "callback": {
          let next = 0;
          const from = Date.now();
          const result = await drive(target, {
            ...base,
            url: `${APP_URL}/api/payments/toss-pay/callback`,
            method: "POST",
            requests: [
              {
                setupRequest: (request) => {
                  const i = next++;
                  const w = waiting[i % waiting.length]!;
                  const body =
                    i % 2 === 0
                      ? JSON.stringify({
                          action: "ACTIVATED",
                          userId: w.providerCustomerId,
                          billingKey: w.billingKey,
                          processedTs: new Date().toISOString(),
                        })
                      : hostileCallbackBody(i >> 1);
                  return {
                    ...request,
                    method: "POST",
                    headers: { ...request.headers, "content-type": "application/json" },
                    body,
                  };
                },
              },
            ],
          });
          await new Promise((resolve) => setTimeout(resolve, args["provider-latency-ms"] + 500));
          const calls = provider.countSince(from);
          results.push({
            ...result,
            providerCalls: calls.calls,
            providerBusiestSecond: calls.busiestSecond,
          });
          break;
        }
      }
    }

    const loadAfter = loadavg().map((n) => Math.round(n * 100) / 100);
    const staticRate = results.find((r) => r.target === "bare-static")?.reqPerSec;
    console.log(
      `\nbench:http — ${args.connections} connections, ${args.duration} s per target; load average before ${loadBefore.join(" ")}, after ${loadAfter.join(" ")}\n`,
    );
    console.table(
      results.map((r) => ({
        target: r.target,
        "req/s": r.reqPerSec,
        "vs bare static": staticRate ? `${(r.reqPerSec / staticRate).toFixed(2)}×` : "",
        "p50 ms": r.p50Ms,
        "p99 ms": r.p99Ms,
        // autocannon's errors include its timeouts (no answer within 10 s).
        "errors (timeouts)": `${r.errors} (${r.timeouts})`,
        "5xx": r.status5xx,
        "4xx": r.status4xx,
        "provider calls (max/s)":
          r.providerCalls === undefined ? "" : `${r.providerCalls} (${r.providerBusiestSecond})`,
      })),
    );
    console.log(
      JSON.stringify(
        {
          connections: args.connections,
          durationSeconds: args.duration,
          registrations: args.registrations,
          providerLatencyMs: args["provider-latency-ms"],
          loadAverageBefore: loadBefore,
          loadAverageAfter: loadAfter,
          providerStatusCallsTotal: provider.total(),
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
