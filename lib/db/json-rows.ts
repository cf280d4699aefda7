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
 * `tail` follows, e.g. `on conflict … do nothing returning id`. `sameInEveryRow` gives columns
 * an SQL expression evaluated by the statement itself (a subquery, `now()`), the same for
 * every row.
 */
export function insertJsonRows<T extends PgTable>(
  table: T,
  rows: Partial<T["$inferInsert"]>[],
  tail: SQL = sql``,
  sameInEveryRow: Partial<Record<keyof T["$inferInsert"] & string, SQL>> = {},
): SQL {
  const keys = Object.keys(rows[0] ?? {});
  const shape = keys.join(",");
  if (rows.some((row) => Object.keys(row).join(",") !== shape)) {
    throw new Error("insertJsonRows: rows with different columns");
  }
  const computedKeys = Object.keys(sameInEveryRow);
  if (computedKeys.some((key) => keys.includes(key))) {
    throw new Error("insertJsonRows: a column is both in the rows and in sameInEveryRow");
  }
  const tableColumns = getTableColumns(table) as Record<string, PgColumn>;
  // Drizzle fills $defaultFn columns in JavaScript; a statement written here would leave them
  // NULL (or fail), so they must come with the rows.
  const jsDefaulted = Object.entries(tableColumns).find(
    ([key, column]) =>
      column.defaultFn !== undefined && !keys.includes(key) && !computedKeys.includes(key),
  );
  if (jsDefaulted) {
    throw new Error(`insertJsonRows: ${jsDefaulted[0]} has a JavaScript default; give it a value`);
  }
  const columns = keys.map((key) => tableColumns[key]!);
  const identifiers = columns.map((column) => sql.identifier(nameOf(column)));
  const computedIdentifiers = computedKeys.map((key) => sql.identifier(nameOf(tableColumns[key]!)));
  const computedValues = computedKeys.map((key) => (sameInEveryRow as Record<string, SQL>)[key]!);
  const names = sql.join([...identifiers, ...computedIdentifiers], sql`, `);
  const selected = sql.join([...identifiers, ...computedValues], sql`, `);
  const values = rows.map((row) => keys.map((key) => (row as Record<string, unknown>)[key]));
  return sql`insert into ${table} (${names}) select ${selected} from ${jsonRows("row", columns, values)} ${tail}`;
}

/**
 * Rows of `table` as the database returned them to a raw statement (`returning *`, `select *`:
 * snake_case keys, driver values), read as drizzle's own query builder reads them: the schema's
 * keys, each value through its column's mapping (timestamps to Date, numbers, JSON). For the
 * statements built with insertJsonRows that must hand back whole rows. A column missing from a
 * row is an error, not an undefined field.
 */
export function tableRows<T extends PgTable>(
  table: T,
  raw: readonly Record<string, unknown>[],
): T["$inferSelect"][] {
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).map(
    ([key, column]) => ({ key, name: nameOf(column), column }),
  );
  return raw.map((row) => {
    const mapped: Record<string, unknown> = {};
    for (const { key, name, column } of columns) {
      if (!(name in row)) throw new Error(`tableRows: the row has no column "${name}"`);
      const value = row[name];
      mapped[key] = value === null ? null : column.mapFromDriverValue(value);
    }
    return mapped;
  });
}
