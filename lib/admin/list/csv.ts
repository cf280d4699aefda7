// CSV for spreadsheets (RFC 4180) as merchants open it: in Excel, usually by double-click.
// - UTF-8 with a byte-order mark: without it, Excel on Windows reads the file as CP949 and the
//   Korean turns into mojibake.
// - CRLF line ends; a field with a comma, quote, CR or LF is quoted, with quotes doubled.
// - Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or a tab or
//   CR, which Excel skips before looking) would run as a formula, e.g. a customer named
//   "=HYPERLINK(...)". Such cells get a leading apostrophe, which Excel shows as plain text.
//   Numbers are written as numbers and never prefixed, so amounts stay summable.

export const UTF8_BOM = "\uFEFF";
const LINE_END = "\r\n";

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a CSV number: ${value}`);
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + LINE_END;
}

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvCell };

/**
 * A streamed CSV document: the BOM and header first, then each batch as it arrives, so a
 * 100,000-row export starts downloading at once and never sits in memory whole.
 */
export function csvStream<Row>(
  columns: readonly CsvColumn<Row>[],
  batches: AsyncIterable<Row[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvRow(columns.map((c) => c.header))));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((row) => csvRow(columns.map((c) => c.value(row)))).join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
