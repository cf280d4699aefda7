// `--statements` of the benches: which of the engine's statements PostgreSQL spent its time on,
// from the pg_stat_statements extension (shipped with the embedded PostgreSQL). The server must
// start with STATEMENT_LOG_SETTINGS (the extension is loaded at start); the log counts a
// database's statements from start() to report(), including those run by triggers
// (track = all), with planning time. Times are PostgreSQL's wall time per statement: under a
// CPU-bound run that is mostly CPU, but waits for locks count too.
import postgres from "postgres";
import { withDatabase } from "../support/local-postgres";

export const STATEMENT_LOG_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "all",
  "pg_stat_statements.track_planning": "on",
  "pg_stat_statements.max": "2000",
};

export type StatementFigure = {
  /** The statement as PostgreSQL normalised it, whitespace collapsed, cut at 240 characters. */
  query: string;
  /** From a trigger or function (false: sent by the client). */
  nested: boolean;
  calls: number;
  rows: number;
  /** Execution + planning time, over all calls, in ms. */
  totalMs: number;
  planMs: number;
  /** Shared buffer pages found in PostgreSQL's cache, and read from outside it (the OS). */
  blocksHit: number;
  blocksRead: number;
};

export type TableWrites = {
  table: string;
  inserted: number;
  updated: number;
  hotUpdated: number;
};

async function tableWrites(sql: postgres.Sql): Promise<TableWrites[]> {
  // Other backends report their counts when their transactions end; ask for a fresh snapshot.
  await sql`select pg_stat_clear_snapshot()`;
  const rows = await sql<{ table: string; ins: string; upd: string; hot: string }[]>`
    select relname as table, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot
    from pg_stat_user_tables`;
  return rows.map((r) => ({
    table: r.table,
    inserted: Number(r.ins),
    updated: Number(r.upd),
    hotUpdated: Number(r.hot),
  }));
}

export async function startStatementLog(input: { serverUrl: string; database: string }) {
  const sql = postgres(withDatabase(input.serverUrl, input.database), {
    max: 1,
    onnotice: () => {},
  });
  await sql`create extension if not exists pg_stat_statements`;
  await sql`select pg_stat_statements_reset()`;
  const tablesBefore = await tableWrites(sql);
  return {
    /**
     * The `top` statements by total time, the total over all of them, and per table the rows
     * written since start(): updates, and of those how many were HOT (no index entries written).
     */
    async report(top = 15): Promise<{
      /** The database's size on disk at the end, to read next to shared_buffers. */
      databaseMb: number;
      /** Its largest tables with their indexes (and the indexes' share), in MB. */
      largestTables: { table: string; mb: number; indexMb: number }[];
      totalMs: number;
      statements: StatementFigure[];
      tables: TableWrites[];
    }> {
      const tablesAfter = await tableWrites(sql);
      const [size] = await sql<{ bytes: string }[]>`
        select pg_database_size(${input.database}) as bytes`;
      const largest = await sql<{ table: string; bytes: string; indexBytes: string }[]>`
        select relname as table, pg_total_relation_size(relid) as bytes,
               pg_indexes_size(relid) as "indexBytes"
        from pg_stat_user_tables order by pg_total_relation_size(relid) desc limit 6`;
      const rows = await sql<
        {
          query: string;
          toplevel: boolean;
          calls: string;
          rows: string;
          exec_ms: number;
          plan_ms: number;
          hit: string;
          read: string;
        }[]
      >`
        select s.query, s.toplevel, s.calls, s.rows,
               s.total_exec_time as exec_ms, s.total_plan_time as plan_ms,
               s.shared_blks_hit as hit, s.shared_blks_read as read
        from pg_stat_statements s
        join pg_database d on d.oid = s.dbid
        where d.datname = ${input.database}
          and s.query not ilike '%pg_stat_statements%'`;
      await sql.end({ timeout: 5 });
      const tables = tablesAfter
        .map((after) => {
          const before = tablesBefore.find((b) => b.table === after.table);
          return {
            table: after.table,
            inserted: after.inserted - (before?.inserted ?? 0),
            updated: after.updated - (before?.updated ?? 0),
            hotUpdated: after.hotUpdated - (before?.hotUpdated ?? 0),
          };
        })
        .filter((t) => t.inserted + t.updated > 0);
      const figures = rows.map((r) => ({
        query: r.query.replace(/\s+/g, " ").trim().slice(0, 240),
        nested: !r.toplevel,
        calls: Number(r.calls),
        rows: Number(r.rows),
        totalMs: r.exec_ms + r.plan_ms,
        planMs: r.plan_ms,
        blocksHit: Number(r.hit),
        blocksRead: Number(r.read),
      }));
      // Nested statements' time is inside their caller's too: the total counts client ones.
      const totalMs = figures.filter((f) => !f.nested).reduce((sum, f) => sum + f.totalMs, 0);
      figures.sort((a, b) => b.totalMs - a.totalMs);
      return {
        databaseMb: Math.round(Number(size!.bytes) / 1024 / 1024),
        largestTables: largest.map((t) => ({
          table: t.table,
          mb: Math.round(Number(t.bytes) / 1024 / 1024),
          indexMb: Math.round(Number(t.indexBytes) / 1024 / 1024),
        })),
        totalMs,
        statements: figures.slice(0, top),
        tables,
      };
    },
  };
}
