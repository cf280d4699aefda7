import { z } from "zod";

// The query string of the admin list pages (charges, refunds, events, notifications, audit):
// filters, sort and page live in the URL, so a filtered view can be bookmarked, shared, opened
// in a new tab, and exported as CSV with the same parameters. Every field falls back to its
// default on a bad value instead of failing the page: a hand-edited URL still renders.

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

// Deep OFFSET pages get slow and nobody reads page 4,000 of a list; filters narrow it instead.
export const MAX_PAGE = 2_000;

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const pageParam = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);

export const pageSizeParam = z.coerce
  .number()
  .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size))))
  .catch(25);

export const sortDirParam = z.enum(["asc", "desc"]).catch("desc");

/**
 * The parser of a list page's query string: its filters (`shape`) plus the page and page size
 * every list takes, reading the first value of each parameter.
 */
export function listParamsParser<Shape extends z.ZodRawShape>(
  shape: Shape,
): (raw: RawSearchParams) => z.output<ListParamsSchema<Shape>> {
  const schema: ListParamsSchema<Shape> = z.object({
    ...shape,
    page: pageParam,
    pageSize: pageSizeParam,
  });
  return (raw) => schema.parse(firstValues(raw));
}

type ListParamsSchema<Shape extends z.ZodRawShape> = z.ZodObject<
  Shape & { page: typeof pageParam; pageSize: typeof pageSizeParam }
>;

/** An optional enum filter; anything else (including "") means "all". */
export function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(emptyToUndefined, z.enum(values).optional()).catch(undefined);
}

/** An optional whole number of won (or a count), ≥ 0. */
export const optionalWon = z
  .preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  )
  .catch(undefined);

/** Free text for a search box, trimmed; "" means none. */
export const optionalText = z
  .preprocess(emptyToUndefined, z.string().trim().max(200).optional())
  .catch(undefined);

/** A Seoul calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export const optionalSeoulDate = z
  .preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isRealDate)
      .optional(),
  )
  .catch(undefined);

/** The `from`–`to` Seoul dates every log filters by (the filter bar's date range). */
export const seoulDateRange = { from: optionalSeoulDate, to: optionalSeoulDate };

/** A Seoul day an admin picks for a billing date (a required field, with Korean messages). */
export const seoulDaySchema = z
  .string({ error: "날짜를 선택해 주세요." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜를 YYYY-MM-DD 형식으로 입력해 주세요.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "있는 날짜를 입력해 주세요.");

export const optionalUuid = z.preprocess(emptyToUndefined, z.uuid().optional()).catch(undefined);

function isRealDate(key: string): boolean {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** First value of each parameter (?a=1&a=2 → "1"), as zod objects expect. */
export function firstValues(raw: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** URLSearchParams → the record shape Next gives pages (route handlers read the URL). */
export function recordOf(params: URLSearchParams): RawSearchParams {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

export type ListParams = Record<string, string | number | boolean | undefined>;

/**
 * The href of a list page with `params`, leaving out empty values and the defaults (page 1,
 * 25 per page), so URLs stay short and a default view has a clean address.
 */
export function listHref(
  path: string,
  params: ListParams,
  overrides: ListParams = {},
  defaults: ListParams = { page: 1, pageSize: 25 },
): string {
  const merged = { ...params, ...overrides };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "" || defaults[key] === value) continue;
    query.set(key, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export type Page<Row> = {
  rows: Row[];
  /** Matching rows; when `totalCapped`, a lower bound (COUNT_CAP: "10,000건 이상"). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
};

// Counting every match of a broad filter over millions of rows costs as much as reading them:
// lists count up to this many and then say "10,000건 이상" (docs/admin-at-scale.md).
export const COUNT_CAP = 10_000;

/**
 * A page of rows and its total. `counted` is what a count capped at `cap` + 1 returned,
 * unless `exact` (a count from the maintained figures): above COUNT_CAP the total is shown as
 * "10,000건 이상" (the cap), and the page count runs one past the current page while pages come back
 * full, so 다음 keeps working.
 */
export function pageOf<Row>(
  rows: Row[],
  counted: number,
  params: { page: number; pageSize: number },
  exact = false,
  cap = COUNT_CAP,
): Page<Row> {
  const totalCapped = !exact && counted > cap;
  const total = totalCapped ? cap : counted;
  const countedPages = Math.max(1, Math.ceil(total / params.pageSize));
  const pageCount = totalCapped
    ? Math.max(countedPages, rows.length === params.pageSize ? params.page + 1 : params.page)
    : countedPages;
  return { rows, total, totalCapped, page: params.page, pageSize: params.pageSize, pageCount };
}

// The Seoul day boundaries of the date filters live with the other Seoul-date helpers.
export { seoulDayEnd, seoulDayStart } from "@/lib/format/seoul-date";
