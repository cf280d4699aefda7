// `npm run dev` as root from a private directory (issue 8 §4): PostgreSQL runs as the
// unprivileged "postgres" user, who cannot enter a 0700 directory, so the binaries and data
// must be somewhere it can reach. Verified by hand for the binaries too: a clone under
// /root/private (0700) starts with them copied to /var/lib/subscription-storefront.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, expect, test } from "vitest";
import { startLocalPostgres } from "@/scripts/support/local-postgres";
import { firstClosedDirectory } from "@/scripts/support/postgres-user-reach";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

function tempDir(mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pg-reach-"));
  chmodSync(dir, mode);
  created.push(dir);
  return dir;
}

test("firstClosedDirectory finds the first directory others cannot enter", () => {
  const home = tempDir(0o700);
  const clone = path.join(home, "app", "node_modules");
  mkdirSync(clone, { recursive: true, mode: 0o755 });
  expect(firstClosedDirectory(clone)).toBe(home);
  // Not created yet: only the existing part of the path counts.
  expect(firstClosedDirectory(path.join(clone, "not", "yet"))).toBe(home);
  chmodSync(home, 0o711); // enter, not list: enough to reach what is inside
  expect(firstClosedDirectory(clone)).toBeNull();
  expect(firstClosedDirectory("/")).toBeNull();
});

test.skipIf(process.getuid?.() !== 0)(
  "as root, a data directory under a 0700 directory is placed where the postgres user reaches it",
  async () => {
    const home = tempDir(0o700);
    const reachableRoot = tempDir(0o755);
    const dataDir = path.join(home, "app", ".data", "postgres");
    const server = await startLocalPostgres({
      dataDir,
      password: "reach-test",
      quiet: true,
      reachableRoot,
    });
    try {
      // The usual path still leads to the data (billing:run reads postmaster.pid there).
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      expect(readlinkSync(dataDir).startsWith(`${reachableRoot}/`)).toBe(true);
      const sql = postgres(server.url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ user: string }[]>`select current_user as user`;
        expect(row?.user).toBe("postgres");
      } finally {
        await sql.end({ timeout: 5 });
      }
    } finally {
      await server.stop();
    }
    // A second start reuses the relocated cluster through the link.
    const again = await startLocalPostgres({ dataDir, password: "reach-test", reachableRoot });
    await again.stop();
  },
  120_000,
);
