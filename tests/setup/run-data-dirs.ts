// Test and e2e runs each keep PostgreSQL in their own `run-<pid>` directory, so parallel runs in
// one checkout never share a server. A run killed with SIGKILL cannot clean up after itself;
// the next run removes its directory and stops the PostgreSQL it left behind.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The data directory for this process's run under `root`. */
export function runDataDir(root: string): string {
  return path.join(root, `run-${process.pid}`);
}

/** Removes the run directories under `root` whose owning process is gone. */
export function removeAbandonedRuns(root: string): void {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const owner = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!Number.isInteger(owner) || owner <= 0 || processIsAlive(owner)) continue;
    const dir = path.join(root, entry);
    const pidFile = path.join(dir, "postmaster.pid");
    if (existsSync(pidFile)) {
      const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      // SIGINT is PostgreSQL's "fast shutdown": disconnect clients and stop.
      if (Number.isInteger(postmaster) && postmaster > 0 && processIsAlive(postmaster)) {
        process.kill(postmaster, "SIGINT");
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
