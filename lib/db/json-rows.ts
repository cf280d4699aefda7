import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

// Many rows as ONE query parameter: `jsonb_to_recordset($1::jsonb) as alias(col type, …)`, for
// the multi-row statements of the billing run's group commit (UPDATE … FROM it, INSERT … SELECT
// from it). Compared with a VALUES list of one parameter per cell, drizzle builds a handful of
// SQL chunks instead of one per cell, postgres.js sends one parameter, and the statement's text
// is the same whatever the number of rows (so PostgreSQL parses a short statement, and a
// prepared one is reused). Each column is typed as its table column (uuid, timestamptz, enums,
// jsonb), so PostgreSQL reads every value with that type's own input: an ISO date string as
// timestamptz, a nested object as jsonb, a JSON null as SQL NULL.

// The schema names columns by their camelCase keys and the client maps them to snake_case
// (lib/db/client.ts `casing`), as drizzle's own builder does.
const casing = new CasingCache("snake_case");

/** The database's name of a column ("dedupe_key" for notifications.dedupeKey). */
export const nameOf = (column: PgColumn) => casing.getColumnCasing(column);

/**
 * `jsonb_to_recordset(<rows as JSON>) as <alias>(<column> <type>, …)`: each row's values in the
 * order of `columns`. Dates become ISO strings (JSON.stringify), which timestamptz reads exactly.
 */
export function jsonRows(alias: string, columns: PgColumn[], rows: unknown[][]): SQL {
  const records = rows.map((row) =>
    Object.fromEntries(columns.map((column, i) => [nameOf(column), row[i] ?? null])),
  );
  const definitions = columns.map(
    (column) => sql`${sql.identifier(nameOf(column))} ${sql.raw(column.getSQLType())}`,
  );
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as ${sql.identifier(alias)}(${sql.join(definitions, sql`, `)})`;
}

/** `<alias>.<column>`: a column of jsonRows' rows. */
export function jsonRowColumn(alias: string, column: PgColumn): SQL {
  return sql`${sql.identifier(alias)}.${sql.identifier(nameOf(column))}`;
}

/**
 * `INSERT INTO <table> (<columns>) SELECT <columns> FROM jsonRows(…)`, `rows` all having the same
 * keys (a row's missing key would be NULL, not the column's default, so it is refused).
 * `tail` follows, e.g. `on conflict … do nothing returning id`.
 */
export function insertJsonRows<T extends PgTable>(
  table: T,
  rows: Partial<T["$inferInsert"]>[],
  tail: SQL = sql``,
): SQL {
  const keys = Object.keys(rows[0] ?? {});
  const shape = keys.join(",");
  if (rows.some((row) => Object.keys(row).join(",") !== shape)) {
    throw new Error("insertJsonRows: rows with different columns");
  }
  const tableColumns = getTableColumns(table) as Record<string, PgColumn>;
  const columns = keys.map((key) => tableColumns[key]!);
  const names = sql.join(
    columns.map((column) => sql.identifier(nameOf(column))),
    sql`, `,
  );
  const values = rows.map((row) => keys.map((key) => (row as Record<string, unknown>)[key]));
  return sql`insert into ${table} (${names}) select ${names} from ${jsonRows("row", columns, values)} ${tail}`;
}
