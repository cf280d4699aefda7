import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

// Many rows as ONE JSON value: `jsonb_to_recordset('[…]'::jsonb) as alias(col type, …)`, for
// the multi-row statements of the billing run's group commit (UPDATE … FROM it, INSERT … SELECT
// from it). Compared with a VALUES list of one parameter per cell, drizzle builds a handful of
// SQL chunks instead of one per cell, and PostgreSQL reads one literal instead of typing one
// parameter per cell. Each column is typed as its table column (uuid, timestamptz, enums,
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
  const names = columns.map(nameOf);
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, i) => {
      record[name] = row[i] ?? null;
    });
    return record;
  });
  const definitions = columns.map(
    (column, i) => sql`${sql.identifier(names[i]!)} ${sql.raw(column.getSQLType())}`,
  );
  return sql`jsonb_to_recordset(${dollarQuoted(JSON.stringify(records))}::jsonb) as ${sql.identifier(alias)}(${sql.join(definitions, sql`, `)})`;
}

/**
 * `text` as a dollar-quoted literal ($rows$…$rows$, with a tag the text does not contain, so
 * nothing in it can end the literal). Inlined rather than sent as a parameter: with
 * `prepare: false` (lib/db/client.ts) postgres.js sends a statement that has parameters in two
 * round trips (parse and describe, then bind and execute) and holds the connection's pipeline
 * until it completes, while one without any goes out in a single message and pipelines with the
 * statements sent alongside it.
 */
function dollarQuoted(text: string): SQL {
  let tag = "rows";
  for (let n = 1; text.includes(`$${tag}$`); n += 1) tag = `rows${n}`;
  return sql.raw(`$${tag}$${text}$${tag}$`);
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
