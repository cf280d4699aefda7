// npm run dev: the whole product on one machine with nothing installed but Node.
// Starts an embedded PostgreSQL (unless DATABASE_URL is set), applies migrations, seeds the
// sample plans and a demo admin, then runs `next dev` with the generated local secrets.
import { spawn } from "node:child_process";
import path from "node:path";
import { closeDb, db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeDevServerRecord } from "./support/dev-server-record";
import { startLocalDatabase } from "./support/local-database";
import { loadLocalSecrets } from "./support/local-secrets";
import { ensureAdminUser, seedMerchantSettings, seedSamplePlans } from "./support/seed-demo-data";

// LOCAL_DATA_DIR lets two checkouts or two dev servers keep separate local databases.
const DATA_ROOT = path.resolve(process.env.LOCAL_DATA_DIR ?? ".data");
const DEMO_ADMIN_EMAIL = "admin@example.com";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const secrets = loadLocalSecrets(DATA_ROOT);

  let stopDatabase = async () => {};
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    await migrateDatabase(databaseUrl);
  } else {
    const local = await startLocalDatabase({ dataRoot: DATA_ROOT, databaseName: "storefront" });
    databaseUrl = local.databaseUrl;
    stopDatabase = local.stop;
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.authSecret,
    BILLING_KEY_ENCRYPTION_KEY:
      process.env.BILLING_KEY_ENCRYPTION_KEY ?? secrets.billingKeyEncryptionKey,
    CRON_SECRET: process.env.CRON_SECRET ?? secrets.cronSecret,
  };
  Object.assign(process.env, childEnv);

  await seedMerchantSettings(db());
  await seedSamplePlans(db());
  await ensureAdminUser(db(), { email: DEMO_ADMIN_EMAIL, password: secrets.demoAdminPassword });
  await closeDb();

  const next = spawn(
    path.join(process.cwd(), "node_modules", ".bin", "next"),
    ["dev", "--port", String(port)],
    { stdio: "inherit", env: childEnv },
  );
  // Lets `npm run billing:run` find this server's sandbox on whatever port it took.
  const removeRecord = writeDevServerRecord(DATA_ROOT, { pid: process.pid, port, appUrl });
  process.on("exit", removeRecord);

  console.log(
    [
      "",
      `  스토어:        ${appUrl}`,
      `  관리자 로그인: ${DEMO_ADMIN_EMAIL} / ${secrets.demoAdminPassword}`,
      `  데이터베이스:  ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}`,
      "",
    ].join("\n"),
  );

  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    next.kill("SIGTERM");
    await stopDatabase();
    process.exit(code);
  };
  next.on("exit", (code) => void shutdown(code ?? 0));
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
