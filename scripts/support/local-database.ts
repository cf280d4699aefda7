import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "@/lib/db/migrate";
import { loadLocalSecrets, type LocalSecrets } from "./local-secrets";
import { startLocalPostgres, withDatabase } from "./local-postgres";

export type LocalDatabase = {
  /** URL of the application database (migrated). */
  databaseUrl: string;
  /** URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  serverUrl: string;
  secrets: LocalSecrets;
  stop: () => Promise<void>;
};

export async function createDatabaseIfMissing(serverUrl: string, name: string, template?: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) {
      await admin.unsafe(`create database "${name}"${template ? ` template "${template}"` : ""}`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * Starts (or reuses, with an external URL) PostgreSQL under `dataRoot`, creates `databaseName`
 * and applies the migrations. Used by `npm run dev`, the e2e server and the test setup.
 */
export async function startLocalDatabase(options: {
  dataRoot: string;
  databaseName: string;
  externalServerUrl?: string;
  quiet?: boolean;
}): Promise<LocalDatabase> {
  const secrets = loadLocalSecrets(options.dataRoot);
  const server = options.externalServerUrl
    ? { url: options.externalServerUrl, stop: async () => {} }
    : await startLocalPostgres({
        dataDir: path.join(options.dataRoot, "postgres"),
        password: secrets.postgresPassword,
        quiet: options.quiet,
      });
  try {
    await createDatabaseIfMissing(server.url, options.databaseName);
    const databaseUrl = withDatabase(server.url, options.databaseName);
    await migrateDatabase(databaseUrl);
    return { databaseUrl, serverUrl: server.url, secrets, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
