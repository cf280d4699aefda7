import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";

// The maintained figures (lib/db/schema/admin-figures.ts, docs/admin-at-scale.md): triggers
// append each change's difference; a reader folds what was appended since the last fold (a few
// rows per charge or subscription change, one fold at a time) and then sums by key.

/** Collapses the figures' appended rows; a no-op while another fold runs. */
export async function foldFigures(executor: Executor): Promise<void> {
  await executor.execute(sql`select admin_fold_figures()`);
}
