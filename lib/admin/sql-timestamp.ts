import { sql, type SQL } from "drizzle-orm";

// A Date as a raw-SQL parameter. postgres.js (with prepare: false) cannot bind a Date object in
// a hand-written query, so it is sent as ISO text and cast by PostgreSQL.
export function timestampParam(instant: Date): SQL {
  return sql`${instant.toISOString()}::timestamptz`;
}
