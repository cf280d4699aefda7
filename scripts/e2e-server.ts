// The server Playwright runs against (playwright.config.ts webServer): a FRESH embedded
// PostgreSQL, migrated and seeded with merchant settings, the sample plans and a known admin,
// then the BUILT app (`next start`) with secrets generated for this run only. Email goes to an
// in-process SMTP sink that appends every message to the run's mail log (e2e/support/mailbox.ts),
// where journeys read their verification links.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { merchantSettings } from "@/lib/db/schema";
import { providerNameSchema } from "@/lib/payments/provider-names";
import { migrateDatabase } from "@/lib/db/migrate";
import { mailLogPath } from "@/e2e/support/mailbox";
import { serverEnvPath } from "@/e2e/support/server-env";
import { E2E_ADMIN } from "@/e2e/support/test-accounts";
import { removeAbandonedRuns, runDataDir } from "@/tests/setup/run-data-dirs";
import { createDatabaseIfMissing } from "./support/local-database";
import { startLocalPostgres, withDatabase } from "./support/local-postgres";
import { ensureAdminUser, seedMerchantSettings, seedSamplePlans } from "./support/seed-demo-data";
import { startSmtpSink } from "./support/smtp-sink";

const port = Number(process.env.E2E_PORT ?? 3210);
const appUrl = `http://localhost:${port}`;
// One directory per run, wiped at start and end, so a run never sees an earlier run's rows.
const RUNS_ROOT = path.resolve(".data", "e2e-postgres");
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const EMAIL_FROM = "store@example.com";

async function main() {
  // Journeys create users and may later charge sandboxes: never let them touch a shared or
  // production database by accident. An explicit local server (E2E_DATABASE_URL) is allowed.
  const external = process.env.E2E_DATABASE_URL;
  if (external && !LOCAL_HOSTS.has(new URL(external).hostname)) {
    throw new Error(
      `Refusing to run e2e tests against a non-local database (${new URL(external).hostname}).`,
    );
  }

  let serverUrl: string;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  if (external) {
    serverUrl = external;
  } else {
    removeAbandonedRuns(RUNS_ROOT);
    dataDir = runDataDir(RUNS_ROOT);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(RUNS_ROOT, { recursive: true });
    const server = await startLocalPostgres({
      dataDir,
      password: randomBytes(18).toString("base64url"),
      quiet: true,
    });
    serverUrl = server.url;
    stopServer = server.stop;
  }

  const mailLog = mailLogPath(port);
  const envFile = serverEnvPath(port);
  mkdirSync(path.dirname(mailLog), { recursive: true });
  writeFileSync(mailLog, "");
  const sink = await startSmtpSink({
    onMessage: ({ to, subject, text }) =>
      appendFileSync(mailLog, `${JSON.stringify({ to, subject, text })}\n`),
  });

  let shuttingDown = false;
  let stopApp = () => {};
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    stopApp();
    await sink.close().catch(() => {});
    rmSync(mailLog, { force: true });
    rmSync(envFile, { force: true });
    await stopServer().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const databaseName = `e2e_${process.pid}`;
    await createDatabaseIfMissing(serverUrl, databaseName);
    const databaseUrl = withDatabase(serverUrl, databaseName);
    await migrateDatabase(databaseUrl);

    // What this run sets for the app; also what a journey's scripts need (below).
    const runEnv = {
      NODE_ENV: "production" as const,
      PORT: String(port),
      APP_URL: appUrl,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      // Auth.js only trusts the Host header on Vercel unless told otherwise; here the app is
      // reached directly on localhost.
      AUTH_TRUST_HOST: "true",
      AUTH_URL: appUrl,
      BILLING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      CRON_SECRET: randomBytes(32).toString("base64url"),
      // A production build without a live key: the journeys pay in the built-in sandbox, which
      // production only allows as an explicit, visible demo-store opt-in.
      ALLOW_SANDBOX_IN_PRODUCTION: "true",
      // The e2e admin is seeded below; keep a developer's ADMIN_EMAILS out of the run.
      ADMIN_EMAILS: "",
      SMTP_URL: sink.url,
      EMAIL_FROM,
    };
    const appEnv = { ...process.env, ...runEnv };
    // Journeys run scripts against this store (the billing run as of next month,
    // e2e/support/billing-run.ts) with the app's own environment; it holds this run's secrets,
    // so only this user may read it, and it goes when the server does.
    mkdirSync(path.dirname(envFile), { recursive: true });
    writeFileSync(envFile, JSON.stringify(runEnv), { mode: 0o600 });
    Object.assign(process.env, { DATABASE_URL: databaseUrl });
    await seedMerchantSettings(db());
    // A second server for the journeys of another configuration (playwright.config.ts): the
    // providers the checkout offers, e.g. "toss_pay,toss_payments".
    if (process.env.E2E_ENABLED_PROVIDERS) {
      await db()
        .update(merchantSettings)
        .set({
          enabledProviders: providerNameSchema
            .array()
            .parse(process.env.E2E_ENABLED_PROVIDERS.split(",")),
        })
        .where(eq(merchantSettings.id, 1));
    }
    await seedSamplePlans(db());
    await ensureAdminUser(db(), E2E_ADMIN);
    await closeDb();

    const next = spawn(
      path.join(process.cwd(), "node_modules", ".bin", "next"),
      ["start", "--port", String(port)],
      { stdio: "inherit", env: appEnv },
    );
    stopApp = () => next.kill("SIGTERM");
    next.on("exit", (code) => void shutdown(code ?? 0));

    // No delivery loop here: the app itself emails right after the response that enqueued the
    // message (deliverNotificationsSoon → after()), which is what the journeys rely on and so
    // prove. The 5-minute cron is only the safety net and does not run against `next start`.
    console.log(`[e2e] app on ${appUrl}, fresh database ${databaseName}`);
  } catch (error) {
    await shutdown(1).catch(() => {});
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
