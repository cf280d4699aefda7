// `npm run billing:run` next to a dev server on another port (issue 8 §5): the launcher records
// where it listens, the billing run finds the sandbox there by itself, and a provider that does
// not answer stops the run with a message naming the address instead of leaving every charge
// "in flight".
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  devServerRecordPath,
  readDevServerRecord,
  writeDevServerRecord,
} from "@/scripts/support/dev-server-record";
import { freePort } from "@/scripts/support/local-postgres";
import { probeProvider } from "@/scripts/support/probe-provider";

let dataRoot: string;
let server: Server;
let serverPort: number;
const requests: string[] = [];

beforeAll(async () => {
  dataRoot = mkdtempSync(path.join(tmpdir(), "dev-server-record-"));
  // Stands in for the dev server: answers anything, like the sandbox's pages do.
  server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverPort = (server.address() as { port: number }).port;
});

afterAll(async () => {
  rmSync(dataRoot, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

/** A pid that existed and has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("the dev server record", () => {
  test("is read back while the launcher runs, and removed by it", () => {
    const record = { pid: process.pid, port: 3412, appUrl: "http://localhost:3412" };
    const remove = writeDevServerRecord(dataRoot, record);
    expect(readDevServerRecord(dataRoot)).toEqual(record);
    remove();
    expect(readDevServerRecord(dataRoot)).toBeNull();
  });

  test("is ignored once its launcher has exited (killed without cleanup)", async () => {
    writeDevServerRecord(dataRoot, {
      pid: await deadPid(),
      port: 3412,
      appUrl: "http://localhost:3412",
    });
    expect(readDevServerRecord(dataRoot)).toBeNull();
  });

  test("is ignored when unreadable", () => {
    writeFileSync(devServerRecordPath(dataRoot), "{ not json");
    expect(readDevServerRecord(dataRoot)).toBeNull();
    writeFileSync(devServerRecordPath(dataRoot), JSON.stringify({ pid: process.pid }));
    expect(readDevServerRecord(dataRoot)).toBeNull();
  });

  test("a second launcher's record is not removed by the first one's exit", () => {
    const removeFirst = writeDevServerRecord(dataRoot, {
      pid: process.pid,
      port: 3001,
      appUrl: "http://localhost:3001",
    });
    const second = { pid: process.ppid, port: 3002, appUrl: "http://localhost:3002" };
    writeDevServerRecord(dataRoot, second);
    removeFirst();
    expect(readDevServerRecord(dataRoot)).toEqual(second);
  });
});

test("probeProvider: any HTTP answer is reachable; a closed port says why", async () => {
  expect(await probeProvider(`http://127.0.0.1:${serverPort}/sandbox/toss-pay`)).toBeNull();
  expect(await probeProvider(`http://127.0.0.1:${await freePort()}`)).toBe("ECONNREFUSED");
});

/** `npm run billing:run` as a child process, with only this test's data dir to go on. */
function billingRun(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_DATA_DIR: dataRoot };
  delete env.APP_URL;
  delete env.TOSS_PAY_BASE_URL;
  delete env.TOSS_PAYMENTS_BASE_URL;
  delete env.PORT;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/billing-run.ts", "--no-sweep"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

test("billing:run uses the sandbox of the dev server running on another port", async () => {
  const appUrl = `http://127.0.0.1:${serverPort}`;
  const remove = writeDevServerRecord(dataRoot, { pid: process.pid, port: serverPort, appUrl });
  try {
    const run = await billingRun();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      providers: Record<string, unknown>[];
      devServerPid: number;
    };
    // A fresh store enables Toss Pay only, and nobody holds a method of another provider yet.
    expect(summary.providers).toEqual([
      { name: "toss_pay", mode: "sandbox", baseUrl: `${appUrl}/sandbox/toss-pay` },
    ]);
    expect(summary.devServerPid).toBe(process.pid);
    expect(requests).toContain("/sandbox/toss-pay");
  } finally {
    remove();
  }
}, 60_000);

test("billing:run refuses to run against a provider that does not answer, naming it", async () => {
  const port = await freePort(); // nothing listens there
  const appUrl = `http://127.0.0.1:${port}`;
  const remove = writeDevServerRecord(dataRoot, { pid: process.pid, port, appUrl });
  try {
    const run = await billingRun();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `토스페이 (sandbox) at ${appUrl}/sandbox/toss-pay does not answer (ECONNREFUSED)`,
    );
    expect(run.stderr).toContain("nothing was charged");
  } finally {
    remove();
  }
}, 60_000);
