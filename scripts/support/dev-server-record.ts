import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// `npm run dev` writes where its server listens to $LOCAL_DATA_DIR/dev-server.json, so the other
// local commands (`npm run billing:run`) reach the built-in Toss Pay sandbox on whatever port it
// took, instead of assuming :3000 and leaving every charge "in flight" against nothing.

const FILE_NAME = "dev-server.json";

const recordSchema = z.object({
  /** The launcher's pid: the record is stale once it is gone. */
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  appUrl: z.url({ protocol: /^https?$/ }),
});

export type DevServerRecord = z.infer<typeof recordSchema>;

export function devServerRecordPath(dataRoot: string): string {
  return path.join(dataRoot, FILE_NAME);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (still running).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Records the running dev server; the returned function removes the record (on exit). */
export function writeDevServerRecord(dataRoot: string, record: DevServerRecord): () => void {
  const file = devServerRecordPath(dataRoot);
  writeFileSync(file, `${JSON.stringify(recordSchema.parse(record), null, 2)}\n`);
  return () => {
    // Only our own record: a second dev server on the same data dir may have replaced it.
    if (readDevServerRecord(dataRoot)?.pid === record.pid) rmSync(file, { force: true });
  };
}

/** The dev server running from `dataRoot`, or null (none recorded, unreadable, or exited). */
export function readDevServerRecord(dataRoot: string): DevServerRecord | null {
  const file = devServerRecordPath(dataRoot);
  if (!existsSync(file)) return null;
  let parsed;
  try {
    parsed = recordSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return null;
  }
  if (!parsed.success || !processIsAlive(parsed.data.pid)) return null;
  return parsed.data;
}
