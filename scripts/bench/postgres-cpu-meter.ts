import { readFileSync } from "node:fs";
import postgres from "postgres";

// The CPU a local PostgreSQL spent during a run, split by whom it worked for: the backends of
// each named database (pg_stat_activity says which), and the server's own processes (WAL
// writer, checkpointer, background writer, …). bench:billing needs the split because the
// provider's sandbox keeps its ledger in the same server: its queries stand in for the
// provider's own database and are not the engine's cost.
//
// A backend's CPU can only be read while its process lives, and a pool that closes at the end
// of a run takes its backends with it, so the meter samples every SAMPLE_MS and keeps the last
// reading of each process. What a backend spent after its last reading is not lost: the
// postmaster's counter of its exited children holds it, so it is counted with the server.

const SAMPLE_MS = 250;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * User + system CPU of a process in ms (with `exitedChildren`, also of its children that have
 * exited and been waited for); null if it is gone.
 */
function cpuMsOfProcess(pid: number, exitedChildren = false): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let ticks = Number(fields[11]) + Number(fields[12]);
    if (exitedChildren) ticks += Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export type PostgresCpuMeter = {
  /**
   * CPU ms since start per database name given, plus `server` (no database) and `other`; and
   * of each database's, what its autovacuum workers spent (already counted in `byBucket`).
   */
  stop: () => Promise<{
    byBucket: Record<string, number>;
    autovacuumByBucket: Record<string, number>;
  }>;
};

export async function startPostgresCpuMeter(options: {
  postmasterPid: number;
  serverUrl: string;
  /** Bucket name → database name. */
  databases: Record<string, string>;
}): Promise<PostgresCpuMeter> {
  const sql = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
  const [self] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const ownPid = self!.pid;
  const bucketOfDatabase = new Map(Object.entries(options.databases).map(([b, d]) => [d, b]));
  const processes = new Map<
    number,
    { first: number; last: number; bucket: string; alive: boolean; autovacuum: boolean }
  >();
  let postmaster: { first: number; last: number } | null = null;

  async function sample(initial: boolean) {
    const activity = await sql<{ pid: number; datname: string | null; backend_type: string }[]>`
      select pid, datname, backend_type from pg_stat_activity`;
    const databaseOf = new Map(activity.map((a) => [a.pid, a.datname]));
    const autovacuumPids = new Set(
      activity.filter((a) => a.backend_type === "autovacuum worker").map((a) => a.pid),
    );
    const own = cpuMsOfProcess(options.postmasterPid, true);
    if (own !== null)
      postmaster = postmaster ? { ...postmaster, last: own } : { first: own, last: own };
    for (const known of processes.values()) known.alive = false;
    for (const pid of childrenOf(options.postmasterPid)) {
      if (pid === ownPid) continue;
      const cpu = cpuMsOfProcess(pid);
      if (cpu === null) continue;
      // A backend shows its database only once it has connected: look again until it does.
      const database = databaseOf.get(pid) ?? null;
      const bucket = database === null ? "server" : (bucketOfDatabase.get(database) ?? "other");
      const known = processes.get(pid);
      if (known) {
        known.last = cpu;
        known.alive = true;
        if (database !== null) known.bucket = bucket;
        if (autovacuumPids.has(pid)) known.autovacuum = true;
        continue;
      }
      // Processes alive at the start count from there; later ones from their birth.
      processes.set(pid, {
        first: initial ? cpu : 0,
        last: cpu,
        bucket,
        alive: true,
        autovacuum: autovacuumPids.has(pid),
      });
    }
  }

  await sample(true);
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(() => sample(false)).catch(() => {});
  }, SAMPLE_MS);

  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await sample(false);
      await sql.end({ timeout: 5 });
      const totals: Record<string, number> = { server: 0, other: 0 };
      const autovacuum: Record<string, number> = {};
      for (const bucket of Object.keys(options.databases)) {
        totals[bucket] = 0;
        autovacuum[bucket] = 0;
      }
      // The postmaster's own CPU and all its exited children's; what those children were seen
      // to spend is counted in their own buckets below.
      totals.server = postmaster ? postmaster.last - postmaster.first : 0;
      for (const p of processes.values()) {
        totals[p.bucket] = totals[p.bucket]! + (p.last - p.first);
        if (p.autovacuum && p.bucket in autovacuum) {
          autovacuum[p.bucket] = autovacuum[p.bucket]! + (p.last - p.first);
        }
        if (!p.alive) totals.server -= p.last;
      }
      totals.server = Math.max(0, totals.server);
      return { byBucket: totals, autovacuumByBucket: autovacuum };
    },
  };
}
